"""``opd-list``: the OPD lists of the store (export, import, versions, activate)."""

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
from lebak_dash.store import Store


def _cmd_export(args: argparse.Namespace, store: Store) -> int:
    if not write_output(args, Path(args.out), store.reference_bytes(args.version)):
        return EXIT_REJECTED
    say(args, "scli.reference_exported", path=args.out)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        return fail(args, t("cli.file_missing", args.lang, path=args.file))
    candidate = store.check_reference(data, path.name)
    if candidate.diff is not None and not args.json:
        say_diff(args, candidate.diff)
    version = store.add_reference(candidate, by=args.by, note=args.note or "")
    say(
        args,
        "scli.reference_stored",
        number=version.number,
        count=version.opd_count,
        added=len(candidate.added),
        removed=len(candidate.removed),
    )
    return EXIT_OK


def _cmd_versions(args: argparse.Namespace, store: Store) -> int:
    versions = store.reference_versions()
    if args.json:
        print(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not versions:
        say(args, "scli.reference_none")
    for v in versions:
        mark = "*" if v.active else " "
        when = fmt_datetime(v.uploaded_at, args.lang)
        print(f"{v.number:>4} {mark} {when}  {v.uploaded_by:<14}  {v.opd_count:>4} OPD  {v.filename}")
    return EXIT_OK


def _cmd_activate(args: argparse.Namespace, store: Store) -> int:
    store.activate_reference(args.number, by=args.by or getpass.getuser())
    say(args, "scli.reference_activated", number=args.number)
    return EXIT_OK


def register(sub: Subparsers, lang: str) -> None:
    """Add ``opd-list export|import|versions|activate`` to the parser."""
    help_text = t("scli.help.cmd.opd_list", lang)
    group: Parser = sub.add_parser("opd-list", help=help_text, description=help_text, lang=lang)
    add_shared_options(group, lang, data_dir=True, suppress=True)  # also accepted before the subcommand
    opd_sub = group.add_subparsers(
        dest="opd_command", required=True, metavar=t("scli.metavar.command", lang), title=t("scli.help.commands", lang)
    )

    p = add_command(opd_sub, "export", lang, help_key="scli.help.cmd.opd_export")
    p.add_argument("out", metavar=t("scli.metavar.out", lang), help=t("scli.help.csv_out", lang))
    p.add_argument("--version", type=int, default=None, metavar="N", help=t("scli.help.opd_version", lang))
    p.set_defaults(func=with_store(_cmd_export))

    p = add_command(opd_sub, "import", lang, help_key="scli.help.cmd.opd_import", by_required=True)
    p.add_argument("file", metavar=t("scli.metavar.file", lang), help=t("scli.help.opd_csv", lang))
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.note", lang))
    p.set_defaults(func=with_store(_cmd_import))

    p = add_command(opd_sub, "versions", lang, help_key="scli.help.cmd.opd_versions")
    p.set_defaults(func=with_store(_cmd_versions))

    p = add_command(opd_sub, "activate", lang, help_key="scli.help.cmd.opd_activate", by="scli.help.by_user")
    p.add_argument("number", type=int, metavar="N", help=t("scli.help.opd_number", lang))
    p.set_defaults(func=with_store(_cmd_activate))
