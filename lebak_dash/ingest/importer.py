"""Raw sheets to innovation records: the import pipeline.

This implements the spreadsheet contract (``Panduan Data`` in the app) in three steps: the
reader turns bytes into raw sheets (:mod:`lebak_dash.ingest.reader`), header detection finds each
data sheet's rows and columns, applying column mappings (:mod:`lebak_dash.ingest.header`), and the
rules turn the stacked rows into records and issues (:mod:`lebak_dash.ingest.rules`,
:mod:`~lebak_dash.ingest.stages`, :mod:`~lebak_dash.ingest.gaps`, :mod:`~lebak_dash.ingest.names`,
:mod:`~lebak_dash.ingest.places`, called in order by :func:`apply_rules`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lebak_dash.config import Limits
from lebak_dash.ingest import gaps, names, places, rules, stages
from lebak_dash.ingest.errors import ReadError
from lebak_dash.ingest.header import (
    RAW_ROW,
    RAW_SHEET,
    DataSheet,
    headers_seen,
    likely_header_row,
    prepare_sheet,
    sheet_preview,
)
from lebak_dash.ingest.reader import RawSheet, Workbook, read_workbook_bytes
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult, Issue, MappingUse, SheetInfo, SheetPreview, SkippedSheet
from lebak_dash.records.reference import Reference, load_reference
from lebak_dash.records.schema import (
    COLUMN_BY_KEY,
    DERIVED_STAGE,
    IID_STAGES,
    RECORD_KEYS,
    SOURCE_KEYS,
    SOURCE_ROW,
    SOURCE_SHEET,
    STAGES,
    is_example_sheet,
)

OPD_KNOWN = "opd_dikenal"

Source = bytes | bytearray | memoryview | str | Path


def _as_bytes(source: Source, filename: str | None) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), filename
    path = Path(source)
    return path.read_bytes(), filename or path.name


def file_sha256(data: bytes) -> str:
    """Return the SHA-256 of `data` in hex (the identity of an uploaded file)."""
    return hashlib.sha256(data).hexdigest()


def empty_records() -> pd.DataFrame:
    """Return an empty records frame with the canonical columns and dtypes."""
    return _finish_records(pd.DataFrame({k: pd.Series(dtype=object) for k in RECORD_KEYS}), [])


def rejection(code: str, fmt: str = "", /, **params: object) -> ImportResult:
    """Return the result of a file rejected as a whole, with the one error `code` and its `params`."""
    issue = Issue(code, "error", params=tuple(params.items()))
    return ImportResult(ok=False, records=empty_records(), issues=[issue], format=fmt)


# ------------------------------------------------------------------------------ the rules
@dataclass(frozen=True)
class RuleOutcome:
    """What the rules made of the stacked rows.

    Attributes
    ----------
    records : pandas.DataFrame
    issues : list of Issue
    rejected : int
        Rows not imported because of an error.
    duplicates : int
        Exact repeats of an earlier row, dropped.
    """

    records: pd.DataFrame
    issues: list[Issue]
    rejected: int
    duplicates: int


def apply_rules(
    raw: pd.DataFrame, sheets: list[DataSheet], reference: Reference, limits: Limits, extra_columns: list[str]
) -> RuleOutcome:
    """Apply the contract's rules, in order, to the stacked raw rows of every data sheet.

    Parameters
    ----------
    raw : pandas.DataFrame
        The data sheets' frames stacked (:attr:`DataSheet.frame`); its text columns are taken
        out as they are cleaned.
    sheets : list of DataSheet
        The data sheets (names, header rows and headers, to locate issues and name absent columns).
    reference : Reference
    limits : Limits
    extra_columns : list of str
        Headers outside the contract, kept as text.

    Returns
    -------
    RuleOutcome
    """
    clean = rules.clean_columns(raw, [*SOURCE_KEYS, *extra_columns])
    issues = rules.RowIssues(raw, {s.name: s.headers for s in sheets})
    # A name, and a stage that is 5D, IID or empty, decide whether a row is imported at all.
    no_name = rules.required_values(clean, issues)
    stage = stages.stages(clean, issues)
    valid = ~(no_name | stage.bad)
    duplicate = rules.exact_duplicates(clean, valid, issues)
    kode_conflict = rules.kode_conflicts(clean["kode"], valid & ~duplicate, issues)
    accepted = valid & ~duplicate & ~kode_conflict
    report = ~duplicate  # value warnings are reported once, not again for a dropped duplicate
    gaps.gaps(clean, {s.name: set(s.headers) for s in sheets}, {s.name: s.header_row for s in sheets}, accepted, issues)

    opd, opd_known = names.opd(clean["opd"], reference, report, issues)
    kecamatan = rules.kecamatan(clean["kecamatan"], reference, report, issues)
    dates = rules.dates(clean, report, issues)
    tahun = rules.year(clean["tahun"], report, issues)
    tahun = rules.year_from_date(tahun, clean["tahun"], dates["tanggal_mulai"])
    anggaran = rules.rupiah(clean["anggaran"], report, issues)
    kematangan = rules.score(clean["kematangan"], report, issues)
    lat, lon = places.coordinates(clean, report, issues)
    kecamatan = places.kecamatan_from_points(kecamatan, lat, lon, reference, report, issues)
    places.pemda(clean["pemda"], accepted, issues, reference.region.full_name)
    values = rules.vocabularies(clean, report, issues)
    rules.links(clean["tautan"], report, issues)
    values |= rules.text_limits(clean, [*rules.TEXT_KEYS, *extra_columns], limits.max_text, report, issues)
    values |= names.urusan(values["urusan"], values["urusan_lain"])
    names.same_name_opd(values["nama"], opd, clean["kode"], accepted, issues)
    values |= {"opd": opd, "tahapan": stage.tahapan, "tahapan_iid": stage.tahapan_iid, "kecamatan": kecamatan}
    values |= {"tahun": tahun, "anggaran": anggaran, "kematangan": kematangan, "lat": lat, "lon": lon, **dates}

    pick = accepted.to_numpy()
    out = pd.DataFrame(index=raw.index[pick])
    for key in RECORD_KEYS:
        out[key] = values[key][pick]
    out[OPD_KNOWN] = opd_known[pick]
    out[SOURCE_SHEET] = raw.loc[accepted, RAW_SHEET]
    out[SOURCE_ROW] = raw.loc[accepted, RAW_ROW]
    for name in extra_columns:
        out[name] = values[name][pick]
    rejected = int((~valid).sum() + kode_conflict.sum())
    return RuleOutcome(_finish_records(out, extra_columns), issues.items, rejected, int(duplicate.sum()))


#: Record columns that hold categories (a handful of distinct values).
CATEGORY_KEYS = ("opd", "pemda", "urusan", "urusan_lain", *rules.VOCAB_KEYS)


def _finish_records(frame: pd.DataFrame, extra_columns: list[str]) -> pd.DataFrame:
    """Give the records their canonical order and compact dtypes."""
    out = frame.reset_index(drop=True)
    for key in (*rules.TEXT_KEYS, *extra_columns):
        out[key] = out[key].astype("str") if len(out) else out[key].astype(object)
        out[key] = out[key].where(out[key].notna(), None) if len(out) else out[key]
    out["tahapan"] = pd.Categorical(out["tahapan"], categories=list(STAGES), ordered=True)
    out["tahapan_iid"] = pd.Categorical(out["tahapan_iid"], categories=list(IID_STAGES), ordered=True)
    for key in CATEGORY_KEYS:  # text categories, even when a column is empty (as they come back from Arrow)
        out[key] = out[key].astype("str").astype("category")
    out["kecamatan"] = out["kecamatan"].map(lambda v: v if isinstance(v, tuple) else ()).astype(object)
    out["tahun"] = pd.array(out["tahun"], dtype="Int64")
    out["anggaran"] = pd.array(out["anggaran"], dtype="Int64")
    for key in ("kematangan", "lat", "lon"):
        out[key] = pd.to_numeric(out[key], errors="coerce").astype("float64")
    for key in rules.DATE_KEYS:
        out[key] = pd.to_datetime(out[key], errors="coerce")
    if OPD_KNOWN not in out:
        out[OPD_KNOWN] = pd.Series(dtype=bool)
    if SOURCE_SHEET not in out:
        out[SOURCE_SHEET] = pd.Series(dtype="str")  # text categories, as they come back from Arrow
        out[SOURCE_ROW] = pd.Series(dtype="int64")
    out[DERIVED_STAGE] = pd.Series(False, index=out.index, dtype=bool)
    out[OPD_KNOWN] = out[OPD_KNOWN].astype(bool)
    out[SOURCE_SHEET] = out[SOURCE_SHEET].astype("category")
    out[SOURCE_ROW] = out[SOURCE_ROW].astype("int64")
    return out[[*RECORD_KEYS, DERIVED_STAGE, OPD_KNOWN, SOURCE_SHEET, SOURCE_ROW, *extra_columns]]


# ------------------------------------------------------------------------------ the import
def import_workbook(
    source: Source,
    *,
    filename: str | None = None,
    reference: Reference | None = None,
    limits: Limits | None = None,
    mappings: Sequence[ColumnMapping] = (),
) -> ImportResult:
    """Read a Bappeda workbook and return its innovation records and everything found wrong.

    Parameters
    ----------
    source : bytes or path-like
        The file's bytes, or its path.
    filename : str, optional
        The name the user gave the file (defaults to the path's name); only a hint.
    reference : Reference, optional
        OPD and kecamatan tables; defaults to ``data/reference``.
    limits : Limits, optional
        Safety limits; defaults to :meth:`Limits.from_env`.
    mappings : sequence of ColumnMapping
        Column mappings, in priority order (an explicit one first, then the saved ones, newest
        first): for each sheet, the first whose headers its header row holds is applied.

    Returns
    -------
    ImportResult
        ``ok`` is False when the file is rejected as a whole (unreadable, no data sheet, no
        data rows, too large); row-level errors reject only their rows.

    Examples
    --------
    >>> from lebak_dash.config import SAMPLE_WORKBOOK
    >>> result = import_workbook(SAMPLE_WORKBOOK)
    >>> result.ok, len(result.records), result.rejected_rows
    (True, 480, 0)
    """
    limits = limits or Limits.from_env()
    reference = reference or load_reference()
    try:
        data, filename = _as_bytes(source, filename)
    except OSError:
        return rejection("file.corrupt", detail="detail.file_missing", path=str(source))
    try:
        workbook = read_workbook_bytes(data, filename, limits)
    except ReadError as exc:
        return rejection(exc.code, **exc.params)
    return _import_sheets(workbook, reference, limits, tuple(mappings))


def _mapping_uses(
    mappings: tuple[ColumnMapping, ...], prepared: list[DataSheet]
) -> tuple[list[MappingUse], list[Issue]]:
    """Return each explicit or applied mapping with its sheets, and a warning for an explicit one that matched none."""
    uses: list[MappingUse] = []
    issues: list[Issue] = []
    for mapping in mappings:
        sheets = tuple(s.name for s in prepared if s.mapping is mapping)
        if sheets or mapping.explicit:
            uses.append(MappingUse(mapping, sheets))
        if mapping.explicit and not sheets:
            headers = ", ".join(header for header, _key in mapping.columns)
            issues.append(Issue("file.mapping_unmatched", "warning", params=(("headers", headers),)))
    return uses, issues


def _read_sheets(
    sheets: list[RawSheet], reference: Reference, mappings: tuple[ColumnMapping, ...]
) -> tuple[list[DataSheet], list[SkippedSheet], list[SheetPreview], list[str]]:
    """Return the data sheets, the sheets skipped, every sheet's preview and the headers seen where no data was."""
    required = "detail.required_columns"  # rendered in the reader's language
    prepared: list[DataSheet] = []
    skipped: list[SkippedSheet] = []
    previews: list[SheetPreview] = []
    seen: list[str] = []
    for sheet in sheets:
        if sheet.cells.empty or sheet.cells.isna().all().all():
            skipped.append(SkippedSheet(sheet.name, "sheet.empty"))
            continue
        data_sheet = None if is_example_sheet(sheet.name) else prepare_sheet(sheet, reference, mappings)
        if data_sheet is None:
            code = "sheet.example" if is_example_sheet(sheet.name) else "sheet.no_header"
            skipped.append(SkippedSheet(sheet.name, code, (("required", required),)))
            row = likely_header_row(sheet)
            if row is not None:
                previews.append(sheet_preview(sheet, row))
            texts = headers_seen(sheet)
            if texts and code == "sheet.no_header":
                seen.append(f"'{sheet.name}': " + ", ".join(texts))
            continue
        sheet.cells = sheet.cells.iloc[:0]  # the data sheet's frame is all that is needed now
        prepared.append(data_sheet)
        if data_sheet.preview is not None:
            previews.append(data_sheet.preview)
    return prepared, skipped, previews, seen


def _import_sheets(
    workbook: Workbook, reference: Reference, limits: Limits, mappings: tuple[ColumnMapping, ...]
) -> ImportResult:
    fmt = workbook.format
    issues: list[Issue] = [Issue(code, "warning") for code in workbook.notes]
    prepared, skipped, previews, seen = _read_sheets(workbook.sheets, reference, mappings)
    skipped = [SkippedSheet(name, code) for name, code in workbook.skipped] + skipped
    uses, mapping_issues = _mapping_uses(mappings, prepared)
    issues.extend(mapping_issues)
    if not prepared:
        found = "; ".join(seen) if seen else "detail.none_found"
        result = rejection("file.no_data_sheet", fmt, required="detail.required_columns", found=found)
        result.issues.extend(issues)
        result.skipped_sheets, result.previews, result.mappings = skipped, previews, uses
        return result
    infos = [
        SheetInfo(s.name, s.header_row, len(s.frame), {k: h for k, (h, _l) in s.headers.items()}, s.opd_from_name)
        for s in prepared
    ]
    repeated = sum(s.repeated_headers for s in prepared)
    if sum(len(s.frame) for s in prepared) == 0:
        result = rejection("file.no_rows", fmt, sheets=", ".join(s.name for s in prepared))
        result.sheets, result.skipped_sheets, result.previews, result.mappings = infos, skipped, previews, uses
        result.skipped_rows = result.data_rows = repeated
        return result
    extra_columns: list[str] = []
    for s in prepared:
        issues.extend(s.notes)
        for name in s.headers:
            if name not in COLUMN_BY_KEY and name not in extra_columns:
                extra_columns.append(name)
    frames = [s.frame for s in prepared if len(s.frame)]
    raw = frames[0].reset_index(drop=True) if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    data_rows = len(raw) + repeated
    del frames
    for s in prepared:
        s.frame = s.frame.iloc[:0]  # the stacked frame is the only one kept
    outcome = apply_rules(raw, prepared, reference, limits, extra_columns)
    order = {s.name: i for i, s in enumerate(prepared)}
    issues.extend(sorted(outcome.issues, key=lambda i: (order.get(i.sheet or "", -1), i.row or 0, i.letter or "")))
    ok = len(outcome.records) > 0
    if not ok:
        issues.insert(0, Issue("file.no_valid_rows", "error", params=(("count", outcome.rejected),)))
    return ImportResult(
        ok=ok,
        records=outcome.records,
        issues=issues,
        sheets=infos,
        skipped_sheets=skipped,
        extra_columns=extra_columns,
        format=fmt,
        rejected_rows=outcome.rejected,
        data_rows=data_rows,
        duplicate_rows=outcome.duplicates,
        skipped_rows=repeated,
        mappings=uses,
        previews=previews,
    )
