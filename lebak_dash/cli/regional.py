"""``kecamatan-list`` and ``region``: the region's kecamatan lists and the region itself.

``kecamatan-list import|export|versions|activate`` mirrors ``opd-list`` (a list in CSV or a
workbook, headers matched as workbook headers are, read in the isolated worker); ``region show|set``
shows or sets the kind, name, Kemendagri code and time zone. Every command takes ``--by``,
``--data-dir`` and ``--json``.
"""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path

from lebak_dash.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    Parser,
    Subparsers,
    add_command,
    add_shared_options,
    fail,
    say,
    with_store,
    write_output,
)
from lebak_dash.cli.store_commands import say_diff
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime
from lebak_dash.records.region import KINDS, RegionError, make_region
from lebak_dash.store import Store


def _cmd_export(args: argparse.Namespace, store: Store) -> int:
    if not write_output(args, Path(args.out), store.kecamatan_bytes(args.version)):
        return EXIT_REJECTED
    say(args, "scli.kecamatan_exported", path=args.out)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        return fail(args, t("cli.file_missing", args.lang, path=args.file))
    candidate = store.check_kecamatan(data, path.name)
    if candidate.diff is not None and not args.json:
        say_diff(args, candidate.diff)
    version = store.add_kecamatan(candidate, by=args.by, note=args.note or "")
    say(
        args,
        "scli.kecamatan_stored",
        number=version.number,
        count=version.kecamatan_count,
        added=len(candidate.added),
        removed=len(candidate.removed),
        unknown=candidate.unknown,
    )
    return EXIT_OK


def _cmd_versions(args: argparse.Namespace, store: Store) -> int:
    versions = store.kecamatan_versions()
    if args.json:
        print(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not versions:
        say(args, "scli.kecamatan_none")
    for v in versions:
        mark = "*" if v.active else " "
        when = fmt_datetime(v.uploaded_at, args.lang)
        print(f"{v.number:>4} {mark} {when}  {v.uploaded_by:<14}  {v.kecamatan_count:>4} kec.  {v.filename}")
    return EXIT_OK


def _cmd_activate(args: argparse.Namespace, store: Store) -> int:
    store.activate_kecamatan(args.number, by=args.by or getpass.getuser())
    say(args, "scli.kecamatan_activated", number=args.number)
    return EXIT_OK


def _cmd_region_show(args: argparse.Namespace, store: Store) -> int:
    region = store.region()
    versions = store.region_versions()
    active = next((v.number for v in versions if v.active), 0)
    if args.json:
        print(json.dumps({"version": active, **region.to_dict()}, ensure_ascii=False))
        return EXIT_OK
    say(args, "scli.region_show", region=region.full_name, code=region.code or "-", zone=region.timezone, number=active)
    return EXIT_OK


def _cmd_region_set(args: argparse.Namespace, store: Store) -> int:
    current = store.region()
    try:
        region = make_region(
            args.kind or current.kind,
            args.name or current.name,
            current.code if args.code is None else args.code,
            args.timezone or current.timezone,
        )
    except RegionError as exc:
        return fail(args, exc.message(args.lang))
    version = store.set_region(region, by=args.by or getpass.getuser(), note=args.note or "")
    say(args, "scli.region_set", number=version.number, region=region.full_name, zone=region.timezone)
    return EXIT_OK


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
    """Add ``kecamatan-list export|import|versions|activate`` and ``region show|set`` to the parser."""
    kec = _group(sub, "kecamatan-list", lang)
    p = add_command(kec, "export", lang, help_key="scli.help.cmd.kecamatan_export")
    p.add_argument("out", metavar=t("scli.metavar.out", lang), help=t("scli.help.kecamatan_out", lang))
    p.add_argument("--version", type=int, default=None, metavar="N", help=t("scli.help.kecamatan_version", lang))
    p.set_defaults(func=with_store(_cmd_export))

    p = add_command(kec, "import", lang, help_key="scli.help.cmd.kecamatan_import", by_required=True)
    p.add_argument("file", metavar=t("scli.metavar.file", lang), help=t("scli.help.kecamatan_file", lang))
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.note", lang))
    p.set_defaults(func=with_store(_cmd_import))

    add_command(kec, "versions", lang, help_key="scli.help.cmd.kecamatan_versions").set_defaults(
        func=with_store(_cmd_versions)
    )

    p = add_command(kec, "activate", lang, help_key="scli.help.cmd.kecamatan_activate", by="scli.help.by_user")
    p.add_argument("number", type=int, metavar="N", help=t("scli.help.kecamatan_number", lang))
    p.set_defaults(func=with_store(_cmd_activate))

    region = _group(sub, "region", lang)
    add_command(region, "show", lang, help_key="scli.help.cmd.region_show").set_defaults(
        func=with_store(_cmd_region_show)
    )
    p = add_command(region, "set", lang, help_key="scli.help.cmd.region_set", by="scli.help.by_change")
    p.add_argument("--kind", choices=KINDS, default=None, help=t("scli.help.region_kind", lang))
    p.add_argument("--name", default=None, metavar=t("scli.metavar.name", lang), help=t("scli.help.region_name", lang))
    p.add_argument("--code", default=None, metavar=t("scli.metavar.code", lang), help=t("scli.help.region_code", lang))
    p.add_argument("--timezone", default=None, metavar="ZONA", help=t("scli.help.region_timezone", lang))
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.note", lang))
    p.set_defaults(func=with_store(_cmd_region_set))
