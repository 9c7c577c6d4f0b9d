"""Column mappings and the stage map on the command line.

* ``--mapping FILE.json`` for ``check`` and ``import`` (:func:`read_mapping_option`): a file that
  cannot be read, is not JSON or names an unknown key is a usage error (exit status 2).
* ``mapping list|export N|import FILE|retire N``: the mappings the store keeps (saved by ``import``
  and the upload page, applied to later files).
* ``stage-map show|set IID=5D...|off``: the editors' stage map, versioned and audited.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from lebak_dash.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    Subparsers,
    add_command,
    add_shared_options,
    say,
    with_store,
    write_output,
)
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime
from lebak_dash.records.mapping import ColumnMapping, MappingError, parse_mapping
from lebak_dash.records.stagemap import StageMapError, parse_stage_map_pairs
from lebak_dash.store import Store


class MappingFileError(Exception):
    """A ``--mapping`` file that cannot be used; its text is the one line to print (exit status 2)."""


def add_mapping_option(parser: argparse.ArgumentParser, lang: str, help_key: str) -> None:
    """Add ``--mapping FILE.json`` to `parser`."""
    parser.add_argument("--mapping", default=None, metavar=t("scli.metavar.mapping", lang), help=t(help_key, lang))


def _read_mapping_file(path: str, lang: str) -> ColumnMapping:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise MappingFileError(t("scli.mapping_unreadable", lang, path=path)) from exc
    try:
        return parse_mapping(data, explicit=True)
    except MappingError as exc:
        raise MappingFileError(t("scli.mapping_invalid", lang, path=path, reason=exc.message(lang))) from exc


def read_mapping_option(args: argparse.Namespace) -> ColumnMapping | None:
    """Return the column mapping of ``--mapping`` (None without it).

    Raises
    ------
    MappingFileError
        When the file cannot be read, is not JSON or names an unknown key.
    """
    return _read_mapping_file(args.mapping, args.lang) if args.mapping else None


def usage_failure(args: argparse.Namespace, message: str) -> int:
    """Print ``Kesalahan: <message>`` on stderr and return the usage-error status (2)."""
    print(t("scli.error", args.lang, message=message), file=sys.stderr)
    return EXIT_USAGE


# ------------------------------------------------------------------------------ mapping ...
def _cmd_mapping_list(args: argparse.Namespace, store: Store) -> int:
    saved = store.saved_mappings()
    if args.json:
        print(json.dumps([m.to_dict() for m in saved], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not saved:
        say(args, "scli.mapping_none")
    for m in saved:
        state = t("scli.mapping_retired_mark" if m.retired else "scli.mapping_active_mark", args.lang)
        columns = ", ".join(f"{h} -> {k or 'null'}" for h, k in m.mapping.columns)
        versions = ", ".join(str(v) for v in m.versions) or "-"
        when = fmt_datetime(m.created_at, args.lang)
        print(
            f"{m.number:>4}  {state:<9}  {when}  {m.created_by:<14}  {t('scli.mapping_versions', args.lang)} {versions}"
        )
        print(f"      {columns}")
    return EXIT_OK


def _cmd_mapping_export(args: argparse.Namespace, store: Store) -> int:
    saved = store.saved_mapping(args.number)
    text = json.dumps({"columns": dict(saved.mapping.columns)}, ensure_ascii=False, indent=2) + "\n"
    if not args.out:
        print(text, end="")
        return EXIT_OK
    if not write_output(args, Path(args.out), text.encode()):
        return 1
    say(args, "scli.mapping_exported", number=saved.number, path=args.out)
    return EXIT_OK


def _cmd_mapping_import(args: argparse.Namespace, store: Store) -> int:
    try:
        mapping = _read_mapping_file(args.file, args.lang)
    except MappingFileError as exc:
        return usage_failure(args, str(exc))
    saved = store.save_mapping(mapping, by=args.by, note=args.note or "")
    say(args, "scli.mapping_saved", number=saved.number)
    return EXIT_OK


def _cmd_mapping_retire(args: argparse.Namespace, store: Store) -> int:
    store.retire_mapping(args.number, by=args.by or getpass.getuser())
    say(args, "scli.mapping_retired", number=args.number)
    return EXIT_OK


# ---------------------------------------------------------------------------- stage-map ...
def _cmd_stage_show(args: argparse.Namespace, store: Store) -> int:
    versions = store.stage_map_versions()
    active = next((v for v in versions if v.active), None)
    if args.json:
        payload = {"active": None if active is None else active.number, "versions": [v.to_dict() for v in versions]}
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return EXIT_OK
    if active is None:
        say(args, "scli.stage_map_off_now")
    else:
        say(args, "scli.stage_map_on_now", number=active.number)
        for iid, stage in active.stage_map.pairs:
            print(f"  {iid:<10} -> {stage}")
    for v in versions:
        mark = "*" if v.active else " "
        pairs = ", ".join(f"{iid}={stage}" for iid, stage in v.stage_map.pairs)
        print(f"{v.number:>4} {mark} {fmt_datetime(v.created_at, args.lang)}  {v.created_by:<14}  {pairs}")
    return EXIT_OK


def _cmd_stage_set(args: argparse.Namespace, store: Store) -> int:
    try:
        stage_map = parse_stage_map_pairs(args.pairs)
    except StageMapError as exc:
        return usage_failure(args, exc.message(args.lang))
    version = store.set_stage_map(stage_map, by=args.by or getpass.getuser(), note=args.note or "")
    pairs = ", ".join(f"{iid} -> {stage}" for iid, stage in version.stage_map.pairs)
    say(args, "scli.stage_map_set", number=version.number, pairs=pairs)
    return EXIT_OK


def _cmd_stage_off(args: argparse.Namespace, store: Store) -> int:
    changed = store.stage_map_off(by=args.by or getpass.getuser())
    say(args, "scli.stage_map_switched_off" if changed else "scli.stage_map_off_now")
    return EXIT_OK


#: Help of ``--by`` on a command that changes something.
BY_CHANGE = "scli.help.by_change"


def _group(sub: Subparsers, name: str, lang: str) -> Subparsers:
    help_text = t(f"scli.help.cmd.{name.replace('-', '_')}", lang)
    group: Parser = sub.add_parser(name, help=help_text, description=help_text, lang=lang)
    add_shared_options(group, lang, data_dir=True, suppress=True)  # also accepted before the subcommand
    return group.add_subparsers(
        dest=f"{name.replace('-', '_')}_command",
        required=True,
        metavar=t("scli.metavar.command", lang),
        title=t("scli.help.commands", lang),
    )


def register(sub: Subparsers, lang: str) -> None:
    """Add ``mapping list|export|import|retire`` and ``stage-map show|set|off`` to the parser."""
    mapping = _group(sub, "mapping", lang)
    add_command(mapping, "list", lang, help_key="scli.help.cmd.mapping_list").set_defaults(
        func=with_store(_cmd_mapping_list)
    )
    p = add_command(mapping, "export", lang, help_key="scli.help.cmd.mapping_export")
    p.add_argument("number", type=int, metavar="N", help=t("scli.help.mapping_number", lang))
    p.add_argument(
        "out", nargs="?", default=None, metavar=t("scli.metavar.out", lang), help=t("scli.help.mapping_out", lang)
    )
    p.set_defaults(func=with_store(_cmd_mapping_export))
    p = add_command(mapping, "import", lang, help_key="scli.help.cmd.mapping_import", by_required=True)
    p.add_argument("file", metavar=t("scli.metavar.mapping", lang), help=t("scli.help.mapping_file", lang))
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.note", lang))
    p.set_defaults(func=with_store(_cmd_mapping_import))
    p = add_command(mapping, "retire", lang, help_key="scli.help.cmd.mapping_retire", by=BY_CHANGE)
    p.add_argument("number", type=int, metavar="N", help=t("scli.help.mapping_number", lang))
    p.set_defaults(func=with_store(_cmd_mapping_retire))

    stage = _group(sub, "stage-map", lang)
    p = add_command(stage, "show", lang, help_key="scli.help.cmd.stage_map_show")
    p.set_defaults(func=with_store(_cmd_stage_show))
    p = add_command(stage, "set", lang, help_key="scli.help.cmd.stage_map_set", by=BY_CHANGE)
    p.add_argument(
        "pairs", nargs="+", metavar=t("scli.metavar.stage_pair", lang), help=t("scli.help.stage_pairs", lang)
    )
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.note", lang))
    p.set_defaults(func=with_store(_cmd_stage_set))
    p = add_command(stage, "off", lang, help_key="scli.help.cmd.stage_map_off", by=BY_CHANGE)
    p.set_defaults(func=with_store(_cmd_stage_off))
