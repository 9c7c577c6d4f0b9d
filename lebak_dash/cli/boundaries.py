"""``boundaries``: the kecamatan boundaries of the store (import, export, versions, activate)."""

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
from lebak_dash.i18n import render, t
from lebak_dash.i18n.formatting import fmt_datetime
from lebak_dash.store import Store


def _cmd_import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        return fail(args, t("cli.file_missing", args.lang, path=args.file))
    candidate = store.check_boundaries(data, path.name, attribution=args.attribution or "")
    version = store.add_boundaries(candidate, by=args.by, note=args.note or "")
    notes = [render(n["key"], args.lang, n["params"]) for n in candidate.notes]
    if args.json:
        report = {**version.to_dict(), "missing": list(candidate.missing), "notes": notes}
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return EXIT_OK
    say(args, "scli.boundaries_stored", number=version.number, count=version.kecamatan_count)
    if candidate.missing:
        say(args, "scli.boundaries_missing", names=", ".join(candidate.missing))
    for note in notes:
        print(note)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, store: Store) -> int:
    if not write_output(args, Path(args.out), store.boundary_bytes(args.version)):
        return EXIT_REJECTED
    say(args, "scli.boundaries_exported", path=args.out)
    return EXIT_OK


def _cmd_versions(args: argparse.Namespace, store: Store) -> int:
    versions = store.boundary_versions()
    if args.json:
        print(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not versions:
        say(args, "scli.boundaries_none")
    for v in versions:
        mark = "*" if v.active else " "
        when = fmt_datetime(v.uploaded_at, args.lang)
        print(f"{v.number:>4} {mark} {when}  {v.uploaded_by:<14}  {v.kecamatan_count:>3} kec  {v.filename}")
    return EXIT_OK


def _cmd_activate(args: argparse.Namespace, store: Store) -> int:
    store.activate_boundaries(args.number, by=args.by or getpass.getuser())
    if args.json:
        print(json.dumps({"active": args.number or None}))
        return EXIT_OK
    say(args, "scli.boundaries_activated", number=args.number)
    return EXIT_OK


def register(sub: Subparsers, lang: str) -> None:
    """Add ``boundaries import|export|versions|activate`` to the parser."""
    help_text = t("scli.help.cmd.boundaries", lang)
    group: Parser = sub.add_parser("boundaries", help=help_text, description=help_text, lang=lang)
    add_shared_options(group, lang, data_dir=True, suppress=True)
    commands = group.add_subparsers(
        dest="boundaries_command",
        required=True,
        metavar=t("scli.metavar.command", lang),
        title=t("scli.help.commands", lang),
    )

    p = add_command(commands, "import", lang, help_key="scli.help.cmd.boundaries_import", by_required=True)
    p.add_argument("file", metavar=t("scli.metavar.file", lang), help=t("scli.help.boundaries_file", lang))
    p.add_argument(
        "--attribution", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.attribution", lang)
    )
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.note", lang))
    p.set_defaults(func=with_store(_cmd_import))

    p = add_command(commands, "export", lang, help_key="scli.help.cmd.boundaries_export")
    p.add_argument("out", metavar=t("scli.metavar.out", lang), help=t("scli.help.boundaries_out", lang))
    p.add_argument("--version", type=int, default=None, metavar="N", help=t("scli.help.boundaries_number", lang))
    p.set_defaults(func=with_store(_cmd_export))

    p = add_command(commands, "versions", lang, help_key="scli.help.cmd.boundaries_versions")
    p.set_defaults(func=with_store(_cmd_versions))

    p = add_command(commands, "activate", lang, help_key="scli.help.cmd.boundaries_activate", by="scli.help.by_user")
    p.add_argument("number", type=int, metavar="N", help=t("scli.help.boundaries_number", lang))
    p.set_defaults(func=with_store(_cmd_activate))
