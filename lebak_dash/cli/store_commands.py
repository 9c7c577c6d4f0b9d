"""Commands on the data versions: import, versions, activate, export, template, audit, verify, migrate.

They use the same :class:`~lebak_dash.store.Store`, rules and audit log as the app. Each takes
``--store-url`` (default ``LEBAK_STORE_URL``: PostgreSQL) or else ``--data-dir`` (default
``LEBAK_DATA_DIR`` or ``data/store``); ``migrate`` copies a data folder into PostgreSQL. A failure prints one clear line
(Indonesian unless ``--lang en``) and exits with status 1; wrong usage exits with 2.
"""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path

from lebak_dash.cli.common import EXIT_OK, EXIT_REJECTED, Subparsers, add_command, fail, say, with_store, write_output
from lebak_dash.cli.mappings import MappingFileError, add_mapping_option, read_mapping_option, usage_failure
from lebak_dash.cli.report import FileRead, format_summary, missing_file_report, report_dict
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime, fmt_int
from lebak_dash.records.diff import Diff
from lebak_dash.store import Store, StoreError
from lebak_dash.store.facade import CATALOG
from lebak_dash.store.migrate import copy_store


def say_diff(args: argparse.Namespace, diff: Diff) -> None:
    """Print what a change does to the active data, in one line."""
    counts = diff.summary()
    say(
        args,
        "scli.diff",
        added=fmt_int(counts["baru"], args.lang),
        removed=fmt_int(counts["dihapus"], args.lang),
        forward=fmt_int(counts["naik_tahap"], args.lang),
        backward=fmt_int(counts["turun_tahap"], args.lang),
        edited=fmt_int(counts["diubah"], args.lang),
    )


def _cmd_import(args: argparse.Namespace, store: Store) -> int:
    try:
        mapping = read_mapping_option(args)
    except MappingFileError as exc:
        return usage_failure(args, str(exc))
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        if args.json:
            print(json.dumps(missing_file_report(args.file, args.lang), ensure_ascii=False))
        return fail(args, t("cli.file_missing", args.lang, path=args.file))
    before = store.active_state().version
    candidate = store.check(data, path.name, mapping=mapping)
    result = candidate.result
    read = FileRead.of(candidate, store.reference(candidate.reference_version or 0))
    if not result.ok:
        if args.json:
            print(json.dumps(report_dict(read, args.lang), ensure_ascii=False))
        else:
            print(format_summary(read, args.lang))
        return fail(args, t("scli.rejected", args.lang))
    diff = store.diff(result.records, against=before)
    version = store.add_version(candidate, by=args.by, note=args.note or "", kind="cli")
    if args.json:
        stored_mappings = store.version_mappings(version.number)
        report = report_dict(
            read, args.lang, stored=version, previous=before, diff=diff, stored_mappings=stored_mappings
        )
        print(json.dumps(report, ensure_ascii=False))
        return EXIT_OK
    print(format_summary(read, args.lang))
    print()
    if candidate.duplicate_of:
        say(args, "scli.duplicate", numbers=", ".join(str(n) for n in candidate.duplicate_of))
    say_diff(args, diff)
    numbers = [m.number for m in store.version_mappings(version.number)]
    if numbers:
        say(args, "scli.version_mappings", numbers=", ".join(str(n) for n in numbers))
    say(
        args,
        "scli.stored",
        number=version.number,
        count=version.records,
        rejected=fmt_int(version.rejected, args.lang),
    )
    return EXIT_OK


def _cmd_versions(args: argparse.Namespace, store: Store) -> int:
    versions = store.versions()
    if args.json:
        print(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not versions:
        say(args, "scli.no_versions")
        return EXIT_OK
    say(args, "scli.versions_header")
    for v in versions:
        when = fmt_datetime(v.uploaded_at, args.lang)
        mark = "*" if v.active else ""
        print(
            f"{v.number:>5}  {mark:^5}  {when:<28}  {v.uploaded_by[:14]:<14}  "
            f"{fmt_int(v.records, args.lang):>7}  {fmt_int(v.rejected, args.lang):>7}  {v.filename}"
            + (f"  ({v.note})" if v.note else "")
        )
    return EXIT_OK


def _cmd_activate(args: argparse.Namespace, store: Store) -> int:
    version = store.activate(args.number, by=args.by or getpass.getuser(), note=args.note or "")
    say(args, "scli.activated", number=version.number, count=version.records)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, store: Store) -> int:
    from lebak_dash.exports.tables import records_to_csv, records_to_xlsx  # openpyxl: only when exporting

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        return fail(args, t("scli.export_suffix", args.lang, path=args.out))
    number = args.version or store.active_state().version
    if number is None:
        return fail(args, t("scli.export_empty", args.lang))
    version = store.version(number)
    result = store.load(number, with_issues=False)
    if suffix == ".csv":
        data = records_to_csv(result.records, result.extra_columns)
    else:
        info = {
            "Daerah": store.region().full_name,
            "Versi": str(version.number),
            "Berkas asli": version.filename,
            "SHA-256": version.sha256,
            "Diunggah": version.uploaded_at.isoformat(),
            "Oleh": version.uploaded_by,
            "Inovasi": str(len(result.records)),
        }
        data = records_to_xlsx(result.records, result.extra_columns, info=info)
    if not write_output(args, out, data):
        return EXIT_REJECTED
    say(args, "scli.exported", number=number, path=str(out), count=len(result.records))
    return EXIT_OK


def _cmd_template(args: argparse.Namespace, store: Store) -> int:
    from lebak_dash.exports.template import template_xlsx  # openpyxl: only when writing the template

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        return fail(args, t("scli.template_suffix", args.lang, path=args.out))
    if not write_output(args, out, template_xlsx(store.reference(), args.lang)):
        return EXIT_REJECTED
    say(args, "scli.template_written", path=str(out))
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace, store: Store) -> int:
    entries = store.audit(args.limit)
    if args.json:
        print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=1))
        return EXIT_OK
    for e in entries:
        when = fmt_datetime(e.at, args.lang)
        version = f" v{e.version}" if e.version is not None else ""
        detail = json.dumps(e.detail, ensure_ascii=False) if e.detail else ""
        print(f"{when}  {e.actor:<14}  {t('audit.' + e.action, args.lang)}{version}  {detail}")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace, store: Store) -> int:
    problems = store.verify()
    if args.json:
        print(json.dumps({"ok": not problems, "problems": problems}, ensure_ascii=False))
        return EXIT_REJECTED if problems else EXIT_OK
    if problems:
        say(args, "scli.verify_problems")
        for problem in problems:
            kind, _, detail = problem.partition(": ")  # missing, damaged, integrity_check, ...: scli.verify.<kind>
            print("  " + t(f"scli.verify.{kind}", args.lang, detail=detail))
        return EXIT_REJECTED
    say(args, "scli.verify_ok", count=len(store.versions()))
    return EXIT_OK


def _cmd_migrate(args: argparse.Namespace) -> int:
    source_dir = Path(args.source)
    if not (source_dir / CATALOG).is_file():
        return fail(args, t("scli.migrate_no_source", args.lang, path=str(source_dir)))
    try:
        source = Store.open(source_dir, url="")
        target = Store.open(None, url=args.target)
        copied = copy_store(source, target)
    except StoreError as exc:
        return fail(args, exc.message(args.lang))
    say(
        args,
        "scli.migrated",
        target=target.database.location,
        versions=copied["versions"],
        files=copied["files"],
        audit=copied["audit"],
        editors=copied["editors"],
    )
    return _cmd_verify(args, target)


def register(sub: Subparsers, lang: str) -> None:
    """Add import, versions, activate, export, template, audit, verify and migrate to the parser."""
    file_metavar, out_metavar = t("scli.metavar.file", lang), t("scli.metavar.out", lang)
    p = add_command(sub, "import", lang, by_required=True)
    p.add_argument("file", metavar=file_metavar, help=t("scli.help.workbook", lang))
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.note", lang))
    add_mapping_option(p, lang, "scli.help.mapping_import")
    p.set_defaults(func=with_store(_cmd_import))

    add_command(sub, "versions", lang).set_defaults(func=with_store(_cmd_versions))

    p = add_command(sub, "activate", lang, by="scli.help.by_user")
    p.add_argument("number", type=int, metavar="N", help=t("scli.help.version_number", lang))
    p.add_argument("--note", default="", metavar=t("scli.metavar.text", lang), help=t("scli.help.reason", lang))
    p.set_defaults(func=with_store(_cmd_activate))

    p = add_command(sub, "export", lang)
    p.add_argument("out", metavar=out_metavar, help=t("scli.help.export_out", lang))
    p.add_argument("--version", type=int, default=None, metavar="N", help=t("scli.help.export_version", lang))
    p.set_defaults(func=with_store(_cmd_export))

    p = add_command(sub, "template", lang)
    p.add_argument("out", metavar=out_metavar, help=t("scli.help.xlsx_out", lang))
    p.set_defaults(func=with_store(_cmd_template))

    p = add_command(sub, "audit", lang)
    p.add_argument("--limit", type=int, default=50, metavar="N", help=t("scli.help.limit", lang))
    p.set_defaults(func=with_store(_cmd_audit))

    add_command(sub, "verify", lang).set_defaults(func=with_store(_cmd_verify))

    p = add_command(sub, "migrate", lang, data_dir=False, json_flag=True, by=None)
    p.add_argument("--from", dest="source", required=True, metavar="DIR", help=t("scli.help.migrate_from", lang))
    p.add_argument("--to", dest="target", required=True, metavar="URL", help=t("scli.help.migrate_to", lang))
    p.set_defaults(func=_cmd_migrate)
