"""The command line: ``python -m lebak_dash <command>``.

Exit status: 0 success (file accepted), 1 failure (file rejected, store error), 2 wrong usage.
No command ends in a traceback: unexpected errors are reported in one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from lebak_dash.analysis.aggregate import count_per_kecamatan, count_per_opd, count_per_stage
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.model import ImportResult, Issue
from lebak_dash.records.reference import load_reference

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
_SHOWN_ISSUES = 25


def summary_dict(result: ImportResult, lang: str = "id") -> dict[str, object]:
    """Return the JSON summary of an import (the ``check --json`` output).

    Parameters
    ----------
    result : ImportResult
    lang : {"id", "en"}
        Language of the messages.

    Returns
    -------
    dict
        ``ok``, ``records``, ``rejected_rows``, ``per_stage``, ``per_opd`` (reference names,
        OPDs with at least one innovation), ``per_kecamatan``, ``issues``, ``skipped_sheets``.
    """
    reference = load_reference()
    records = result.records
    per_opd = count_per_opd(records, reference, include_zero=False)
    return {
        "ok": result.ok,
        "records": len(records),
        "rejected_rows": result.rejected_rows,
        "format": result.format,
        "sheets": [s.name for s in result.sheets],
        "skipped_sheets": [{"sheet": s.name, "reason": s.reason(lang)} for s in result.skipped_sheets],
        "per_stage": {k: int(v) for k, v in count_per_stage(records).items()},
        "per_opd": {str(k): int(v) for k, v in per_opd.items()},
        "per_kecamatan": {str(k): int(v) for k, v in count_per_kecamatan(records, reference).items()},
        "issues": [issue.to_dict(lang) for issue in result.issues],
    }


def _location(issue: Issue, lang: str) -> str:
    parts = []
    if issue.sheet is not None and issue.row is not None:
        parts.append(t("loc.sheet_row", lang, sheet=issue.sheet, row=issue.row))
    elif issue.sheet is not None:
        parts.append(t("loc.sheet", lang, sheet=issue.sheet))
    else:
        parts.append(t("loc.file", lang))
    if issue.column:
        parts.append(t("loc.column", lang, letter=issue.letter or "", column=issue.column).replace("  ", " "))
    return ", ".join(parts)


def format_summary(result: ImportResult, filename: str, lang: str = "id") -> str:
    """Return the readable (Indonesian by default) summary printed by ``check``."""
    summary = summary_dict(result, lang)
    lines = [f"{filename} ({result.format or '?'})"]
    if result.ok:
        sheets = ", ".join(s.name for s in result.sheets)
        lines.append(t("cli.summary_ok", lang, count=len(result.records), sheets=sheets))
    else:
        lines.append(t("cli.summary_rejected", lang))
    lines.append(t("cli.rejected_rows", lang, count=fmt_int(result.rejected_rows, lang)))
    for skipped in result.skipped_sheets:
        lines.append(t("cli.skipped", lang, sheet=skipped.name, reason=skipped.reason(lang)))
    if result.ok:
        for title, key in (
            ("cli.per_stage", "per_stage"),
            ("cli.per_opd", "per_opd"),
            ("cli.per_kecamatan", "per_kecamatan"),
        ):
            lines.append("")
            lines.append(t(title, lang))
            table = summary[key]
            width = max(len(str(k)) for k in table) if table else 0
            lines.extend(f"  {k:<{width}}  {fmt_int(v, lang):>7}" for k, v in table.items())
    if result.issues:
        lines.append("")
        lines.append(t("cli.issues", lang, count=fmt_int(len(result.issues), lang)))
        for issue in result.issues[:_SHOWN_ISSUES]:
            severity = t(f"severity.{issue.severity}", lang)
            lines.append(f"  [{severity}] {_location(issue, lang)}: {issue.message(lang)}")
        if len(result.issues) > _SHOWN_ISSUES:
            lines.append("  " + t("cli.issues_more", lang, count=fmt_int(len(result.issues) - _SHOWN_ISSUES, lang)))
    return "\n".join(lines)


def _cmd_check(args: argparse.Namespace) -> int:
    from lebak_dash.ingest.sandbox import import_isolated

    path = Path(args.file)
    if not path.is_file():
        message = t("cli.file_missing", args.lang, path=args.file)
        if args.json:
            issue = {"sheet": None, "row": None, "column": None, "severity": "error", "message": message}
            print(
                json.dumps(
                    {
                        "ok": False,
                        "records": 0,
                        "rejected_rows": 0,
                        "per_stage": {},
                        "per_opd": {},
                        "per_kecamatan": {},
                        "issues": [issue],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(message, file=sys.stderr)
        return EXIT_REJECTED
    result = import_isolated(path)
    if args.json:
        print(json.dumps(summary_dict(result, args.lang), ensure_ascii=False))
    else:
        print(format_summary(result, path.name, args.lang))
    return EXIT_OK if result.ok else EXIT_REJECTED


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="python -m lebak_dash", description="Dasbor Inovasi Daerah Kabupaten Lebak")
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="bahasa keluaran (id/en)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="periksa sebuah berkas tanpa menyimpannya")
    check.add_argument("file", help="berkas .xlsx, .xlsm, .xls, .ods atau .csv")
    check.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    check.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS)
    check.set_defaults(func=_cmd_check)
    import lebak_dash.cli.store_commands  # noqa: F401  (its import adds the store commands to EXTRA_COMMANDS)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


#: Functions that add more subcommands (``register(subparsers)``); see ``store_cli``.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return EXIT_REJECTED
    except Exception as exc:  # noqa: BLE001  (one clear line instead of a traceback)
        print(f"Kesalahan: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_REJECTED
