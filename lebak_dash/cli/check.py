"""``check``: read a workbook as ``import`` would and report, storing nothing.

A check runs in two steps, so that the parse can happen in a confined process: :func:`gather`
reads what the parse needs (the file, and the store's active OPD list and the versions holding
the same bytes when there is a store; it never parses the file), then a ``parse`` function turns
the bytes into an :class:`~lebak_dash.records.model.ImportResult`. ``python -m lebak_dash check``
runs both steps in the check worker (:mod:`lebak_dash.cli.check_worker`, started by
:mod:`lebak_dash.cli.launch`), which confines itself between them; :func:`check_command` called
in an already loaded command line (tests, ``LEBAK_ISOLATE_IMPORT=0``) parses in the import worker.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lebak_dash.cli.common import EXIT_OK, EXIT_REJECTED, Subparsers, add_command, fail
from lebak_dash.cli.mappings import MappingFileError, add_mapping_option, read_mapping_option, usage_failure
from lebak_dash.cli.report import FileRead, format_summary, missing_file_report, report_dict
from lebak_dash.config import Limits
from lebak_dash.i18n import t
from lebak_dash.ingest.boundaries import BoundaryError, boundaries_json, read_boundaries
from lebak_dash.ingest.importer import file_sha256
from lebak_dash.ingest.sandbox import boundaries_in_worker, import_in_worker, kecamatan_table, opd_table
from lebak_dash.records.boundaries import boundaries_from_json
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import Reference, ReferenceListError, build_reference, load_reference
from lebak_dash.records.region import Region
from lebak_dash.records.stagemap import StageMap, apply_stage_map
from lebak_dash.store import Store, StoreError
from lebak_dash.store.boundaries import ActiveBoundaries


def register(sub: Subparsers, lang: str) -> None:
    """Add ``check FILE [--json] [--mapping FILE.json] [--data-dir DIR]`` to the parser."""
    parser = add_command(sub, "check", lang, json_flag=True, by=None)
    parser.add_argument("file", metavar=t("scli.metavar.file", lang), help=t("scli.help.workbook", lang))
    add_mapping_option(parser, lang, "scli.help.mapping_check")
    parser.set_defaults(func=check_command)


@dataclass(frozen=True)
class CheckInputs:
    """What the parse of a checked file needs, read before it (from the file and the store).

    Attributes
    ----------
    filename : str
    data : bytes
    sha256 : str
    bundled : Reference
        The bundled reference tables (files of the project).
    opd_list : bytes or None
        The store's active OPD list as stored (None: the bundled one). It is parsed with the
        file, where the file is parsed (:func:`reference_for`).
    reference_version : int or None
    duplicate_of : tuple of int
        Stored versions with the same bytes.
    mappings : tuple of ColumnMapping
        Column mappings in the order applied: ``--mapping`` first, then the store's saved ones.
    stage_map : StageMap or None
        The store's stage map, applied to the records after the parse (None: off).
    kecamatan_list : bytes or None
        The store's active kecamatan list as uploaded (None: the bundled one), parsed like the OPD list.
    region : Region or None
        The store's region (None: the shipped one).
    boundaries : ActiveBoundaries or None
        The store's kecamatan boundary file in use, as stored (None: none); parsed with the file,
        where the file is parsed, so points are placed as an import places them.
    """

    filename: str
    data: bytes
    sha256: str
    bundled: Reference
    opd_list: bytes | None = None
    reference_version: int | None = None
    duplicate_of: tuple[int, ...] = ()
    mappings: tuple[ColumnMapping, ...] = ()
    stage_map: StageMap | None = None
    kecamatan_list: bytes | None = None
    region: Region | None = None
    boundaries: ActiveBoundaries | None = None


#: Reads a boundary file against the reference tables (in the import worker, or confined in process).
ReadBoundaries = Callable[[bytes, str, Reference], dict]


#: Turns the inputs into the import's result and the reference tables it was read with (in the
#: import worker, or confined in process).
Parse = Callable[[CheckInputs], tuple[ImportResult, Reference]]


def gather(args: argparse.Namespace, path: Path, data: bytes, mapping: ColumnMapping | None = None) -> CheckInputs:
    """Read the store's active OPD list, mappings, stage map and the versions with the same bytes.

    The store is closed after; `mapping` (``--mapping``) comes before the store's saved mappings.

    Nothing is parsed here. Without a store in ``--data-dir`` the bundled lists are used and no
    store is created.
    """
    sha = file_sha256(data)
    if args.data_dir is None or not Store.exists(args.data_dir):
        return CheckInputs(path.name, data, sha, load_reference(), mappings=(mapping,) if mapping else ())
    store = Store.open(args.data_dir)
    try:
        state = store.active_state()
        opd_list = store.reference_bytes(state.reference_version) if state.reference_version else None
        duplicates = store.versions_with(sha)
        mappings = store.mappings_in_order(mapping)
        stage_map = store.stage_map()
        kecamatan_list = store.kecamatan_bytes() if store.kecamatan_lists.active_number() else None
        region = store.region()
        boundaries = store.boundary_store.active()
    finally:
        store.close()
    reference_version = state.reference_version
    bundled = load_reference()
    return CheckInputs(
        path.name,
        data,
        sha,
        bundled,
        opd_list,
        reference_version,
        duplicates,
        mappings,
        stage_map,
        kecamatan_list,
        region,
        boundaries,
    )


def reference_for(
    inputs: CheckInputs,
    read_opd_list: Callable[[bytes], pd.DataFrame],
    read_kecamatan_list: Callable[[bytes], pd.DataFrame],
    read_places: ReadBoundaries | None = None,
) -> Reference:
    """Return the reference tables of `inputs`, reading the store's lists with the readers given.

    The store's boundaries, when it has some, are read with `read_places` (default: in this
    process, which must then be confined) and ride on the tables, as the store's own do.

    Raises
    ------
    StoreError
        ``store.reference_invalid`` / ``store.kecamatan_invalid`` when a stored list cannot be used,
        ``store.boundaries_invalid`` when the stored boundaries cannot.
    """
    reference = inputs.bundled
    if inputs.opd_list is not None or inputs.kecamatan_list is not None or inputs.region is not None:
        try:
            opd = inputs.bundled.opd if inputs.opd_list is None else read_opd_list(inputs.opd_list)
        except ReferenceListError as exc:
            raise StoreError("store.reference_invalid", reason=exc.key, **exc.params) from exc
        try:
            kecamatan = inputs.bundled.kecamatan
            if inputs.kecamatan_list is not None:
                kecamatan = read_kecamatan_list(inputs.kecamatan_list)
            reference = build_reference(opd, kecamatan, inputs.region)
        except ReferenceListError as exc:
            raise StoreError("store.kecamatan_invalid", reason=exc.key, **exc.params) from exc
    active = inputs.boundaries
    if active is None:
        return reference
    read = read_places or (lambda data, name, tables: read_boundaries(data, name, tables, Limits.from_env()))
    try:
        answer = read(active.data, active.filename, reference)
    except BoundaryError as exc:
        raise StoreError("store.boundaries_invalid", reason=exc.key, **exc.params) from exc
    attribution = active.attribution or str(answer.get("attribution") or "")
    places = boundaries_from_json(boundaries_json(answer, active.sha256, attribution))
    return reference.with_boundaries(places)


def parse_in_worker(inputs: CheckInputs) -> tuple[ImportResult, Reference]:
    """Read the OPD list and the file in the isolated import worker (the default of :func:`check_command`)."""
    reference = reference_for(inputs, opd_table, kecamatan_table, boundaries_in_worker)
    limits = Limits.from_env()
    result = import_in_worker(
        inputs.data, filename=inputs.filename, reference=reference, limits=limits, mappings=inputs.mappings
    )
    return result, reference


def check_command(args: argparse.Namespace, *, parse: Parse = parse_in_worker) -> int:
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
        inputs = gather(args, path, data, mapping)
        result, reference = parse(inputs)
    except StoreError as exc:
        return fail(args, exc.message(args.lang))
    records = apply_stage_map(result.records, inputs.stage_map)
    if records is not result.records:
        result = dataclasses.replace(result, records=records)
    read = FileRead(
        inputs.filename,
        result,
        reference,
        len(data),
        inputs.sha256,
        inputs.reference_version,
        inputs.duplicate_of,
        inputs.stage_map.number if inputs.stage_map else None,
    )
    if args.json:
        print(json.dumps(report_dict(read, args.lang), ensure_ascii=False))
    else:
        print(format_summary(read, args.lang))
    return EXIT_OK if read.result.ok else EXIT_REJECTED
