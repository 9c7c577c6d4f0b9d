"""``check``: read a workbook as ``import`` would and report, storing nothing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lebak_dash.cli.common import EXIT_OK, EXIT_REJECTED, Subparsers, add_command, fail
from lebak_dash.cli.mappings import MappingFileError, add_mapping_option, read_mapping_option, usage_failure
from lebak_dash.cli.report import FileRead, format_summary, missing_file_report, report_dict
from lebak_dash.i18n import t
from lebak_dash.ingest.importer import file_sha256
from lebak_dash.ingest.sandbox import import_isolated
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.reference import load_reference
from lebak_dash.store import Store, StoreError


def register(sub: Subparsers, lang: str) -> None:
    """Add ``check FILE [--json] [--mapping FILE.json] [--data-dir DIR]`` to the parser."""
    parser = add_command(sub, "check", lang, json_flag=True)
    parser.add_argument("file", metavar=t("scli.metavar.file", lang), help=t("scli.help.workbook", lang))
    add_mapping_option(parser, lang, "scli.help.mapping_check")
    parser.set_defaults(func=check_command)


def _read(args: argparse.Namespace, path: Path, data: bytes, mapping: ColumnMapping | None) -> FileRead:
    """Import `data` in the bounded worker: with a store's active lists, saved mappings and stage map when
    ``--data-dir`` names one, else with the bundled lists (no store is created, none is read by default)."""
    if args.data_dir is None or not Store.exists(args.data_dir):
        reference = load_reference()
        result = import_isolated(data, filename=path.name, reference=reference, mappings=[mapping] if mapping else [])
        return FileRead(path.name, result, reference, len(data), file_sha256(data))
    store = Store.open(args.data_dir)
    candidate = store.check(data, path.name, isolated=True, mapping=mapping)
    return FileRead.of(candidate, store.reference(candidate.reference_version or 0))


def check_command(args: argparse.Namespace) -> int:
    """Run ``check``: exit 0 when the file is accepted, 1 when it is rejected or missing, 2 for a bad mapping."""
    try:
        mapping = read_mapping_option(args)
    except MappingFileError as exc:
        return usage_failure(args, str(exc))
    path = Path(args.file)
    try:
        data = path.read_bytes() if path.is_file() else None
    except OSError:
        data = None
    if data is None:
        if args.json:
            print(json.dumps(missing_file_report(args.file, args.lang), ensure_ascii=False))
        else:
            print(t("cli.file_missing", args.lang, path=args.file), file=sys.stderr)
        return EXIT_REJECTED
    try:
        read = _read(args, path, data, mapping)
    except StoreError as exc:
        return fail(args, exc.message(args.lang))
    if args.json:
        print(json.dumps(report_dict(read, args.lang), ensure_ascii=False))
    else:
        print(format_summary(read, args.lang))
    return EXIT_OK if read.result.ok else EXIT_REJECTED
