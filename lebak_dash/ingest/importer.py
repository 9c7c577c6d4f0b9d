"""Raw sheets to innovation records: header detection, aliases, value rules and row rules.

This implements the spreadsheet contract (``Panduan Data`` in the app). The work is vectorised:
every value rule runs once per *distinct* cell value and is mapped back onto the rows, so a
100,000-row workbook costs about as much as its few thousand distinct values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lebak_dash.config import Limits
from lebak_dash.i18n import t
from lebak_dash.ingest.reader import RawSheet, ReadError, column_letter, read_workbook_bytes
from lebak_dash.records.model import ImportResult, Issue, SheetInfo, SkippedSheet
from lebak_dash.records.reference import KABUPATEN_WIDE_PHRASES, Reference, load_reference
from lebak_dash.records.schema import (
    COLUMN_BY_KEY,
    KABUPATEN_WIDE,
    RECORD_KEYS,
    REQUIRED_KEYS,
    SOURCE_ROW,
    SOURCE_SHEET,
    STAGES,
    header_lookup,
    vocabulary,
)
from lebak_dash.records.textnorm import clean_text, clean_text_column, compact_key
from lebak_dash.records.values import (
    is_kabupaten_wide,
    is_url,
    parse_date,
    parse_rupiah,
    parse_stage,
    parse_year,
    split_kecamatan,
)

HEADER_SEARCH_ROWS = 20
_SHEET = "__sheet"
_ROW = "__row"
_OPD_FROM_NAME = "__opd_from_name"
OPD_KNOWN = "opd_dikenal"
_TEXT_KEYS = ("kode", "nama", "inovator", "urusan", "deskripsi", "tautan")
_VOCAB_KEYS = ("tahapan_iid", "jenis", "bentuk", "inisiator")

Source = bytes | bytearray | memoryview | str | Path


@dataclass
class _DataSheet:
    """A data sheet after header detection."""

    name: str
    header_row: int
    frame: pd.DataFrame  # columns: contract keys and extra headers, plus _SHEET/_ROW
    headers: dict[str, tuple[str, str]]  # key or extra header -> (header as written, letter)
    opd_from_name: str | None = None
    notes: list[Issue] = field(default_factory=list)


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


def _rejected(code: str, fmt: str = "", **params: object) -> ImportResult:
    issue = Issue(code, "error", params=tuple(params.items()))
    return ImportResult(ok=False, records=empty_records(), issues=[issue], format=fmt)


# ------------------------------------------------------------------------ header detection
def _text_cells(row: pd.Series) -> dict[int, str]:
    return {int(pos): clean_text(v) for pos, v in row.items() if isinstance(v, str) and v.strip()}


def find_header(sheet: RawSheet, reference: Reference) -> tuple[int, dict[int, str], str | None] | None:
    """Find the header row of a sheet among its first 20 rows.

    Parameters
    ----------
    sheet : RawSheet
    reference : Reference
        Used to recognise a sheet named after an OPD (one sheet per OPD).

    Returns
    -------
    tuple or None
        ``(excel row, {column position: contract key or ""}, OPD from sheet name)``; an empty
        key marks a numbering column. None when the sheet holds no data.
    """
    lookup = header_lookup()
    for row_number in sheet.cells.index[:HEADER_SEARCH_ROWS]:
        texts = _text_cells(sheet.cells.loc[row_number])
        keys = {pos: lookup[compact_key(text)] for pos, text in texts.items() if compact_key(text) in lookup}
        found = set(keys.values())
        if {"nama", "tahapan"} <= found:
            if "opd" in found:
                return int(row_number), keys, None
            opd = reference.match_opd(sheet.name)
            if opd is not None:
                return int(row_number), keys, opd
    return None


def _headers_seen(sheet: RawSheet) -> list[str]:
    """Return the texts of the fullest of a sheet's first rows (for the 'no data' message)."""
    best: dict[int, str] = {}
    for row_number in sheet.cells.index[:HEADER_SEARCH_ROWS]:
        texts = _text_cells(sheet.cells.loc[row_number])
        if len(texts) > len(best):
            best = texts
    return list(best.values())[:15]


def _fill_merges(cells: pd.DataFrame, merges: Iterable[tuple[int, int, int, int]], header_row: int) -> int:
    """Copy each merged data cell's value down its merged rows; return how many were filled."""
    filled = 0
    for first_row, first_col, last_row, _last_col in merges:
        if first_row <= header_row or last_row <= first_row or first_col not in cells.columns:
            continue
        if first_row not in cells.index:
            continue
        value = cells.at[first_row, first_col]
        if not isinstance(value, str):
            continue
        rows = cells.index[(cells.index > first_row) & (cells.index <= last_row)]
        cells.loc[rows, first_col] = cells.loc[rows, first_col].fillna(value)
        filled += 1
    return filled


def _blank(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a boolean frame: True where a cell is missing or only whitespace."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        s = frame[column]
        out[column] = s.isna() | (s.astype("str").str.strip() == "")
    return out


def _prepare_sheet(sheet: RawSheet, reference: Reference) -> _DataSheet | None:
    found = find_header(sheet, reference)
    if found is None:
        return None
    header_row, keys, opd_from_name = found
    cells = sheet.cells
    header_texts = _text_cells(cells.loc[header_row])
    data = cells.loc[header_row + 1 :]  # a slice, not a mask: no copy of the cells
    data = data.copy() if sheet.merges else data
    notes: list[Issue] = []
    filled = _fill_merges(data, sheet.merges, header_row) if sheet.merges else 0
    if filled:
        notes.append(Issue("sheet.merged_filled", "info", sheet.name, params=(("count", filled),)))

    columns: dict[str, int] = {}
    headers: dict[str, tuple[str, str]] = {}
    numbering: list[int] = []
    extras: dict[str, int] = {}
    for pos in data.columns:
        pos = int(pos)
        text = header_texts.get(pos)
        key = keys.get(pos)
        letter = column_letter(pos)
        if key == "":
            numbering.append(pos)
            continue
        if key is not None and key not in columns:
            columns[key] = pos
            headers[key] = (text or key, letter)
            continue
        if key is not None:
            notes.append(
                Issue(
                    "sheet.duplicate_header",
                    "warning",
                    sheet.name,
                    int(header_row),
                    text,
                    letter,
                    params=(("header", text), ("letter", letter)),
                )
            )
        name = text or f"Kolom {letter}"
        # A repeated contract header ("Nama Inovasi" twice) must not come back as a column that
        # reads like the contract's own when the records are exported and imported again.
        if name in columns or name in extras or name in RECORD_KEYS or key is not None:
            name = f"{name} ({letter})"
        extras[name] = pos
        headers[name] = (name, letter)

    used = [p for p in data.columns if int(p) not in numbering]
    blank = _blank(data[used]) if used else pd.DataFrame(index=data.index)
    keep = ~blank.all(axis=1) if used else pd.Series(False, index=data.index)
    # An extra column with neither header nor data is noise (Excel's formatting reach).
    for name, pos in list(extras.items()):
        if header_texts.get(pos) is None and blank.loc[keep, pos].all():
            del extras[name], headers[name]
    if not keep.all():
        data = data.loc[keep]

    frame = pd.DataFrame(index=data.index)
    for key, pos in columns.items():
        frame[key] = data[pos]
    if opd_from_name is not None:
        frame["opd"] = opd_from_name
        headers["opd"] = (t("loc.sheet", "id", sheet=sheet.name), "")
        notes.append(Issue("sheet.opd_from_name", "info", sheet.name, params=(("opd", opd_from_name),)))
    for name, pos in extras.items():
        frame[name] = data[pos]
    if extras:
        notes.append(
            Issue("sheet.extra_columns", "info", sheet.name, int(header_row), params=(("columns", ", ".join(extras)),))
        )
    frame[_SHEET] = sheet.name
    frame[_ROW] = frame.index.astype("int64")
    return _DataSheet(sheet.name, int(header_row), frame, headers, opd_from_name, notes)


# -------------------------------------------------------------------------- normalisation
def _map_unique(series: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """Apply `func` once per distinct non-missing value and map the results onto `series`."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = [func(value) for value in uniques]
    results[-1] = None  # code -1 (missing) picks the last slot
    return pd.Series(results[codes], index=series.index, dtype=object)


class _Issues:
    """Collects row issues with the header and letter of their column in their sheet."""

    def __init__(self, headers: dict[str, dict[str, tuple[str, str]]]) -> None:
        self.headers = headers
        self.items: list[Issue] = []

    def add(self, code: str, severity: str, sheet: str, row: int, key: str | None, **params: object) -> None:
        header, letter = self.headers.get(sheet, {}).get(key, (None, None)) if key else (None, None)
        if key and header is None and key in COLUMN_BY_KEY:
            header = COLUMN_BY_KEY[key].header
        self.items.append(Issue(code, severity, sheet, int(row), header, letter or None, tuple(params.items())))

    def add_rows(
        self,
        code: str,
        severity: str,
        frame: pd.DataFrame,
        mask: pd.Series,
        key: str | None,
        params: Callable[[pd.Series], dict[str, object]] | None = None,
        value: pd.Series | None = None,
    ) -> None:
        rows = frame.loc[mask, [_SHEET, _ROW]]
        values = value.loc[mask] if value is not None else None
        for i, (sheet, row) in enumerate(zip(rows[_SHEET], rows[_ROW], strict=True)):
            extra = params(values.iloc[i]) if (params is not None and values is not None) else {}
            self.add(code, severity, sheet, row, key, **extra)


def _later_repeats(keys: pd.Series, among: pd.Series) -> pd.Series:
    """Return True for rows in `among` whose key already appeared on an earlier such row."""
    repeats = pd.Series(False, index=keys.index)
    repeats[among] = keys[among].duplicated(keep="first").to_numpy()
    return repeats


def _hint(names: list[str], lang: str = "id") -> str:
    return t("hint.maybe", lang, names=", ".join(names)) if names else t("hint.none", lang)


def _parse_kecamatan_cell(text: str, reference: Reference) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Return (names, unknown names, kabupaten-wide mixed with names) for one cell."""
    names: list[str] = []
    unknown: list[str] = []
    wide = is_kabupaten_wide(text, KABUPATEN_WIDE_PHRASES)
    if not wide:
        for part in split_kecamatan(text):
            if is_kabupaten_wide(part, KABUPATEN_WIDE_PHRASES):
                wide = True
                continue
            match = reference.match_kecamatan(part)
            name = match or part
            if match is None:
                unknown.append(part)
            if name not in names:
                names.append(name)
    if wide:
        return (KABUPATEN_WIDE,), tuple(unknown), bool(names)
    return tuple(names), tuple(unknown), False


def _normalise(
    raw: pd.DataFrame,
    headers: dict[str, dict[str, tuple[str, str]]],
    reference: Reference,
    limits: Limits,
    extra_columns: list[str],
) -> tuple[pd.DataFrame, list[Issue], int]:
    """Apply the value and row rules to the stacked raw rows of every data sheet."""
    issues = _Issues(headers)
    for key in RECORD_KEYS:
        if key not in raw.columns:
            raw[key] = pd.Series(np.nan, index=raw.index, dtype=object)
    # Text is cleaned column-wise with Arrow kernels; each raw column is dropped once cleaned so
    # the raw and clean copies of a 100k-row sheet are never all alive at once.
    clean = pd.DataFrame(index=raw.index)
    for key in [*RECORD_KEYS, *extra_columns]:
        # Line breaks separate kecamatan names, and paragraphs in a description: keep them there.
        clean[key] = clean_text_column(raw.pop(key), multiline=key in ("deskripsi", "kecamatan"))

    # Required columns and the stage decide whether a row is imported at all.
    error = pd.Series(False, index=raw.index)
    for key in REQUIRED_KEYS:
        missing = clean[key].isna()
        issues.add_rows(
            "row.missing_required",
            "error",
            raw,
            missing,
            key,
            params=lambda _v, k=key: {"column": COLUMN_BY_KEY[k].header},
            value=clean[key],
        )
        error |= missing
    stage_results = _map_unique(clean["tahapan"], parse_stage)
    stage = stage_results.map(lambda r: r.stage if r is not None else None)
    conflict = stage_results.map(lambda r: r.conflict_number if r is not None else None)
    bad_stage = clean["tahapan"].notna() & stage.isna()
    issues.add_rows(
        "row.stage_conflict",
        "error",
        raw,
        bad_stage & conflict.notna(),
        "tahapan",
        params=lambda v: {
            "value": v,
            "number": parse_stage(v).conflict_number,
            "stage": STAGES[parse_stage(v).conflict_number - 1],
        },
        value=clean["tahapan"],
    )
    issues.add_rows(
        "row.stage_unknown",
        "error",
        raw,
        bad_stage & conflict.isna(),
        "tahapan",
        params=lambda v: {"value": v},
        value=clean["tahapan"],
    )
    error |= bad_stage

    # Exact duplicates among valid rows: every cell the same (the numbering column aside).
    valid = ~error
    # Rows are compared exactly through per-column factorize codes (no Python string per cell).
    codes = pd.DataFrame({key: pd.factorize(clean[key])[0] for key in [*RECORD_KEYS, *extra_columns]}, index=raw.index)
    duplicate = pd.Series(False, index=raw.index)
    duplicate[valid] = codes[valid].duplicated(keep="first").to_numpy()
    if duplicate.any():
        group = codes[valid].groupby(list(codes.columns), sort=False).ngroup()
        first_row_of_group = pd.Series(group.index, index=group.to_numpy()).groupby(level=0).first()
        for idx in raw.index[duplicate]:
            first = first_row_of_group[group[idx]]
            issues.add(
                "row.duplicate",
                "warning",
                raw.at[idx, _SHEET],
                raw.at[idx, _ROW],
                None,
                first_sheet=raw.at[first, _SHEET],
                first_row=int(raw.at[first, _ROW]),
            )

    # The same kode with different content: the later row is rejected.
    kode_key = clean["kode"].str.casefold()
    candidates = valid & ~duplicate & kode_key.notna()
    kode_conflict = _later_repeats(kode_key, candidates)
    if kode_conflict.any():
        firsts = raw.loc[candidates & ~kode_conflict].assign(_k=kode_key).drop_duplicates("_k").set_index("_k")
        for idx in raw.index[kode_conflict]:
            k = kode_key.at[idx]
            issues.add(
                "row.kode_conflict",
                "error",
                raw.at[idx, _SHEET],
                raw.at[idx, _ROW],
                "kode",
                value=clean.at[idx, "kode"],
                first_sheet=firsts.at[k, _SHEET],
                first_row=int(firsts.at[k, _ROW]),
            )
    rejected = int(error.sum() + kode_conflict.sum())
    accepted = valid & ~duplicate & ~kode_conflict
    report = ~duplicate  # value warnings are reported once, not again for a dropped duplicate

    # OPD: reference name, or as written with the nearest known names.
    opd_match = _map_unique(clean["opd"], reference.match_opd)
    opd_unknown = clean["opd"].notna() & opd_match.isna()
    if opd_unknown.any():
        hints = {v: _hint(reference.suggest_opd(v)) for v in clean.loc[opd_unknown, "opd"].unique()}
        issues.add_rows(
            "row.opd_unknown",
            "warning",
            raw,
            opd_unknown & report,
            "opd",
            params=lambda v: {"value": v, "hint": hints[v]},
            value=clean["opd"],
        )
    opd = opd_match.fillna(clean["opd"])

    # Kecamatan: a list of names, "Semua Kecamatan", or nothing stated.
    kec_parsed = _map_unique(clean["kecamatan"], lambda v: _parse_kecamatan_cell(v, reference))
    kecamatan = kec_parsed.map(lambda p: p[0] if isinstance(p, tuple) else ())
    unknown_kec = kec_parsed.map(lambda p: p[1] if isinstance(p, tuple) else ())
    mixed = kec_parsed.map(lambda p: p[2] if isinstance(p, tuple) else False).astype(bool)
    has_unknown = unknown_kec.map(bool).astype(bool) & report
    if has_unknown.any():
        hints = {}
        for names in unknown_kec[has_unknown].unique():
            for name in names:
                hints.setdefault(name, _hint(reference.suggest_kecamatan(name)))
        for idx in raw.index[has_unknown]:
            for name in unknown_kec.at[idx]:
                issues.add(
                    "row.kecamatan_unknown",
                    "warning",
                    raw.at[idx, _SHEET],
                    raw.at[idx, _ROW],
                    "kecamatan",
                    value=name,
                    hint=hints[name],
                )
    issues.add_rows(
        "row.kecamatan_mixed",
        "warning",
        raw,
        mixed & report,
        "kecamatan",
        params=lambda v: {"value": v},
        value=clean["kecamatan"],
    )

    # Dates, years and rupiah: a bad value is left blank with a warning; the row stays.
    tanggal = _map_unique(clean["tanggal_mulai"], parse_date)
    issues.add_rows(
        "row.date_invalid",
        "warning",
        raw,
        clean["tanggal_mulai"].notna() & tanggal.isna() & report,
        "tanggal_mulai",
        params=lambda v: {"value": v},
        value=clean["tanggal_mulai"],
    )
    tahun = _map_unique(clean["tahun"], parse_year)
    issues.add_rows(
        "row.year_invalid",
        "warning",
        raw,
        clean["tahun"].notna() & tahun.isna() & report,
        "tahun",
        params=lambda v: {"value": v},
        value=clean["tahun"],
    )
    year_of_date = tanggal.map(lambda d: d.year if isinstance(d, dt.date) else None)
    year_of_date = year_of_date.where(year_of_date.between(2000, 2100)) if len(year_of_date) else year_of_date
    tahun = tahun.where(clean["tahun"].notna(), year_of_date)
    rupiah = _map_unique(clean["anggaran"], parse_rupiah)
    issues.add_rows(
        "row.rupiah_invalid",
        "warning",
        raw,
        clean["anggaran"].notna() & rupiah.isna() & report,
        "anggaran",
        params=lambda v: {"value": v},
        value=clean["anggaran"],
    )
    rupiah_num = pd.to_numeric(rupiah, errors="coerce")
    fractional = rupiah_num.notna() & ((rupiah_num - rupiah_num.round()).abs() > 1e-6) & report
    issues.add_rows(
        "row.rupiah_rounded",
        "warning",
        raw,
        fractional,
        "anggaran",
        params=lambda v: {"value": v, "rounded": f"Rp {round(parse_rupiah(v)):,}".replace(",", ".")},
        value=clean["anggaran"],
    )

    # Fixed vocabularies: canonical spelling, or as written with a warning.
    vocab_values: dict[str, pd.Series] = {}
    for key in _VOCAB_KEYS:
        table = vocabulary(key)
        matched = _map_unique(clean[key], lambda v, tb=table: tb.get(compact_key(v)))
        unknown = clean[key].notna() & matched.isna() & report
        allowed = ", ".join(COLUMN_BY_KEY[key].values)
        issues.add_rows(
            "row.value_unknown",
            "warning",
            raw,
            unknown,
            key,
            params=lambda v, k=key, a=allowed: {"value": v, "column": COLUMN_BY_KEY[k].header, "allowed": a},
            value=clean[key],
        )
        vocab_values[key] = matched.fillna(clean[key])

    bad_url = clean["tautan"].notna() & ~_map_unique(clean["tautan"], is_url).fillna(False).astype(bool) & report
    issues.add_rows(
        "row.url_invalid", "warning", raw, bad_url, "tautan", params=lambda v: {"value": v}, value=clean["tautan"]
    )

    # Overlong text is cut (the original file is kept whole in the store).
    texts: dict[str, pd.Series] = {}
    for key in [*_TEXT_KEYS, *extra_columns]:
        s = clean[key]
        lengths = s.str.len()
        long = lengths.gt(limits.max_text).fillna(False).astype(bool)
        if long.any():
            issues.add_rows(
                "row.text_truncated",
                "warning",
                raw,
                long & report,
                key if key in RECORD_KEYS else None,
                params=lambda n: {"length": int(n), "limit": limits.max_text},
                value=lengths,
            )
            s = s.where(~long, s.str.slice(0, limits.max_text))
        texts[key] = s

    out = pd.DataFrame(index=raw.index[accepted])
    pick = accepted.to_numpy()
    for key in RECORD_KEYS:
        if key in texts:
            out[key] = texts[key][pick]
        elif key == "opd":
            out[key] = opd[pick]
        elif key == "tahapan":
            out[key] = stage[pick]
        elif key == "kecamatan":
            out[key] = kecamatan[pick]
        elif key == "tahun":
            out[key] = tahun[pick]
        elif key == "tanggal_mulai":
            out[key] = tanggal[pick]
        elif key == "anggaran":
            out[key] = rupiah_num[pick].round()
        elif key in vocab_values:
            out[key] = vocab_values[key][pick]
    out[OPD_KNOWN] = opd_match[pick].notna()
    out[SOURCE_SHEET] = raw.loc[accepted, _SHEET]
    out[SOURCE_ROW] = raw.loc[accepted, _ROW]
    for name in extra_columns:
        out[name] = texts[name][pick]
    return _finish_records(out, extra_columns), issues.items, rejected


def _finish_records(frame: pd.DataFrame, extra_columns: list[str]) -> pd.DataFrame:
    """Give the records their canonical order and compact dtypes."""
    out = frame.reset_index(drop=True)
    for key in ("kode", "nama", "inovator", "urusan", "deskripsi", "tautan", *extra_columns):
        out[key] = out[key].astype("str") if len(out) else out[key].astype(object)
        out[key] = out[key].where(out[key].notna(), None) if len(out) else out[key]
    out["tahapan"] = pd.Categorical(out["tahapan"], categories=list(STAGES), ordered=True)
    for key in ("opd", *_VOCAB_KEYS):
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
        return _rejected("file.corrupt", detail=t("cli.file_missing", "id", path=str(source)))
    try:
        workbook = read_workbook_bytes(data, filename, limits)
    except ReadError as exc:
        return _rejected(exc.code, **exc.params)
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
    prepared: list[_DataSheet] = []
    seen: list[str] = []
    for sheet in sheets:
        if sheet.cells.empty or sheet.cells.isna().all().all():
            skipped.append(SkippedSheet(sheet.name, "sheet.empty"))
            continue
        data_sheet = _prepare_sheet(sheet, reference)
        if data_sheet is None:
            skipped.append(SkippedSheet(sheet.name, "sheet.no_header", (("required", required),)))
            texts = _headers_seen(sheet)
            if texts:
                seen.append(f"'{sheet.name}': " + ", ".join(texts))
            continue
        sheet.cells = sheet.cells.iloc[:0]  # the data sheet's frame is all that is needed now
        prepared.append(data_sheet)
        issues.extend(data_sheet.notes)
    if not prepared:
        found = "; ".join(seen) if seen else t("none_found", "id")
        result = _rejected("file.no_data_sheet", fmt, required=required, found=found)
        result.skipped_sheets = skipped
        return result
    infos = [
        SheetInfo(s.name, s.header_row, len(s.frame), {k: h for k, (h, _l) in s.headers.items()}, s.opd_from_name)
        for s in prepared
    ]
    if sum(len(s.frame) for s in prepared) == 0:
        result = _rejected("file.no_rows", fmt, sheets=", ".join(s.name for s in prepared))
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
    records, row_issues, rejected = _normalise(raw, headers, reference, limits, extra_columns)
    order = {s.name: i for i, s in enumerate(prepared)}
    row_issues.sort(key=lambda i: (order.get(i.sheet, -1), i.row or 0, i.letter or ""))
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
