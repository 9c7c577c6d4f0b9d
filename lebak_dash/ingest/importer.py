"""Raw sheets to innovation records: the import pipeline.

This implements the spreadsheet contract (``Panduan Data`` in the app) in three steps: the
reader turns bytes into raw sheets (:mod:`lebak_dash.ingest.reader`), header detection finds each
data sheet's rows and columns (:mod:`lebak_dash.ingest.header`), and the rules turn the stacked
rows into records and issues (:mod:`lebak_dash.ingest.rules`, called in order by :func:`apply_rules`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from lebak_dash.config import Limits
from lebak_dash.ingest import rules
from lebak_dash.ingest.errors import ReadError
from lebak_dash.ingest.header import RAW_ROW, RAW_SHEET, DataSheet, headers_seen, prepare_sheet
from lebak_dash.ingest.reader import RawSheet, read_workbook_bytes
from lebak_dash.records.model import ImportResult, Issue, SheetInfo, SkippedSheet
from lebak_dash.records.reference import Reference, load_reference
from lebak_dash.records.schema import COLUMN_BY_KEY, RECORD_KEYS, REQUIRED_KEYS, SOURCE_ROW, SOURCE_SHEET, STAGES

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
def apply_rules(
    raw: pd.DataFrame,
    headers: dict[str, dict[str, tuple[str, str]]],
    reference: Reference,
    limits: Limits,
    extra_columns: list[str],
) -> tuple[pd.DataFrame, list[Issue], int]:
    """Apply the contract's rules, in order, to the stacked raw rows of every data sheet.

    Parameters
    ----------
    raw : pandas.DataFrame
        The data sheets' frames stacked (:attr:`DataSheet.frame`); its text columns are taken
        out as they are cleaned.
    headers : dict
        Sheet name to its headers, to locate issues.
    reference : Reference
    limits : Limits
    extra_columns : list of str
        Headers outside the contract, kept as text.

    Returns
    -------
    tuple
        ``(records, row issues, rejected row count)``.
    """
    clean = rules.clean_columns(raw, [*RECORD_KEYS, *extra_columns])
    issues = rules.RowIssues(raw, headers)
    # Required values and the stage decide whether a row is imported at all.
    error = rules.required_values(clean, issues)
    stage, bad_stage = rules.stage(clean["tahapan"], issues)
    valid = ~(error | bad_stage)
    duplicate = rules.exact_duplicates(clean, valid, issues)
    kode_conflict = rules.kode_conflicts(clean["kode"], valid & ~duplicate, issues)
    rejected = int((~valid).sum() + kode_conflict.sum())
    accepted = valid & ~duplicate & ~kode_conflict
    report = ~duplicate  # value warnings are reported once, not again for a dropped duplicate

    opd, opd_known = rules.opd(clean["opd"], reference, report, issues)
    kecamatan = rules.kecamatan(clean["kecamatan"], reference, report, issues)
    tanggal = rules.start_date(clean["tanggal_mulai"], report, issues)
    tahun = rules.year(clean["tahun"], report, issues)
    tahun = rules.year_from_date(tahun, clean["tahun"], tanggal)
    anggaran = rules.rupiah(clean["anggaran"], report, issues)
    values = rules.vocabularies(clean, report, issues)
    rules.links(clean["tautan"], report, issues)
    values |= rules.text_limits(clean, [*rules.TEXT_KEYS, *extra_columns], limits.max_text, report, issues)
    values |= {"opd": opd, "tahapan": stage, "kecamatan": kecamatan, "tahun": tahun}
    values |= {"tanggal_mulai": tanggal, "anggaran": anggaran}

    pick = accepted.to_numpy()
    out = pd.DataFrame(index=raw.index[pick])
    for key in RECORD_KEYS:
        out[key] = values[key][pick]
    out[OPD_KNOWN] = opd_known[pick]
    out[SOURCE_SHEET] = raw.loc[accepted, RAW_SHEET]
    out[SOURCE_ROW] = raw.loc[accepted, RAW_ROW]
    for name in extra_columns:
        out[name] = values[name][pick]
    return _finish_records(out, extra_columns), issues.items, rejected


def _finish_records(frame: pd.DataFrame, extra_columns: list[str]) -> pd.DataFrame:
    """Give the records their canonical order and compact dtypes."""
    out = frame.reset_index(drop=True)
    for key in (*rules.TEXT_KEYS, *extra_columns):
        out[key] = out[key].astype("str") if len(out) else out[key].astype(object)
        out[key] = out[key].where(out[key].notna(), None) if len(out) else out[key]
    out["tahapan"] = pd.Categorical(out["tahapan"], categories=list(STAGES), ordered=True)
    for key in ("opd", *rules.VOCAB_KEYS):
        out[key] = out[key].astype("category")
    out["kecamatan"] = out["kecamatan"].map(lambda v: v if isinstance(v, tuple) else ()).astype(object)
    out["tahun"] = pd.array(out["tahun"], dtype="Int64")
    out["anggaran"] = pd.array(out["anggaran"], dtype="Int64")
    out["tanggal_mulai"] = pd.to_datetime(out["tanggal_mulai"], errors="coerce")
    if OPD_KNOWN not in out:
        out[OPD_KNOWN] = pd.Series(dtype=bool)
    if SOURCE_SHEET not in out:
        out[SOURCE_SHEET] = pd.Series(dtype=object)
        out[SOURCE_ROW] = pd.Series(dtype="int64")
    out[OPD_KNOWN] = out[OPD_KNOWN].astype(bool)
    out[SOURCE_SHEET] = out[SOURCE_SHEET].astype("category")
    out[SOURCE_ROW] = out[SOURCE_ROW].astype("int64")
    return out[[*RECORD_KEYS, OPD_KNOWN, SOURCE_SHEET, SOURCE_ROW, *extra_columns]]


# ------------------------------------------------------------------------------ the import
def import_workbook(
    source: Source,
    *,
    filename: str | None = None,
    reference: Reference | None = None,
    limits: Limits | None = None,
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
    return _import_sheets(workbook.sheets, workbook.format, workbook.skipped, workbook.notes, reference, limits)


def _import_sheets(
    sheets: list[RawSheet],
    fmt: str,
    skipped_codes: list[tuple[str, str]],
    file_notes: list[str],
    reference: Reference,
    limits: Limits,
) -> ImportResult:
    required = ", ".join(COLUMN_BY_KEY[k].header for k in REQUIRED_KEYS)
    issues: list[Issue] = [Issue(code, "warning") for code in file_notes]
    skipped = [SkippedSheet(name, code) for name, code in skipped_codes]
    prepared: list[DataSheet] = []
    seen: list[str] = []
    for sheet in sheets:
        if sheet.cells.empty or sheet.cells.isna().all().all():
            skipped.append(SkippedSheet(sheet.name, "sheet.empty"))
            continue
        data_sheet = prepare_sheet(sheet, reference)
        if data_sheet is None:
            skipped.append(SkippedSheet(sheet.name, "sheet.no_header", (("required", required),)))
            texts = headers_seen(sheet)
            if texts:
                seen.append(f"'{sheet.name}': " + ", ".join(texts))
            continue
        sheet.cells = sheet.cells.iloc[:0]  # the data sheet's frame is all that is needed now
        prepared.append(data_sheet)
        issues.extend(data_sheet.notes)
    if not prepared:
        found = "; ".join(seen) if seen else "detail.none_found"
        result = rejection("file.no_data_sheet", fmt, required=required, found=found)
        result.skipped_sheets = skipped
        return result
    infos = [
        SheetInfo(s.name, s.header_row, len(s.frame), {k: h for k, (h, _l) in s.headers.items()}, s.opd_from_name)
        for s in prepared
    ]
    if sum(len(s.frame) for s in prepared) == 0:
        result = rejection("file.no_rows", fmt, sheets=", ".join(s.name for s in prepared))
        result.sheets, result.skipped_sheets = infos, skipped
        return result
    extra_columns: list[str] = []
    for s in prepared:
        for name in s.headers:
            if name not in COLUMN_BY_KEY and name not in extra_columns:
                extra_columns.append(name)
    frames = [s.frame for s in prepared if len(s.frame)]
    raw = frames[0].reset_index(drop=True) if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    del frames
    for s in prepared:
        s.frame = s.frame.iloc[:0]  # the stacked frame is the only one kept
    headers = {s.name: s.headers for s in prepared}
    records, row_issues, rejected = apply_rules(raw, headers, reference, limits, extra_columns)
    order = {s.name: i for i, s in enumerate(prepared)}
    row_issues.sort(key=lambda i: (order.get(i.sheet or "", -1), i.row or 0, i.letter or ""))
    issues.extend(row_issues)
    ok = len(records) > 0
    if not ok:
        issues.insert(0, Issue("file.no_valid_rows", "error", params=(("count", rejected),)))
    return ImportResult(
        ok=ok,
        records=records,
        issues=issues,
        sheets=infos,
        skipped_sheets=skipped,
        extra_columns=extra_columns,
        format=fmt,
        rejected_rows=rejected,
    )
