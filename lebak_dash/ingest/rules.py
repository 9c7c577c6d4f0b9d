"""The value and row rules of the spreadsheet contract, one function per rule.

Each rule takes the cleaned text of the columns it reads (one row per raw row of every data
sheet, stacked), records what it finds in a :class:`RowIssues`, and returns the parsed values
and/or a mask of rows. The work is vectorised: a value rule runs once per *distinct* cell value
(:func:`map_unique`) and is mapped back onto the rows, so a 100,000-row workbook costs about as
much as its few thousand distinct values. :func:`lebak_dash.ingest.importer.import_workbook`
calls the rules in order.

The masks that pass between rules:

``report``
    Rows whose value warnings are reported: not an exact duplicate of an earlier row (its
    warnings were said once, on that row).
``valid``
    Rows with every required value and a known stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from lebak_dash.i18n import t
from lebak_dash.ingest.header import RAW_ROW, RAW_SHEET
from lebak_dash.records.model import Issue, Severity
from lebak_dash.records.reference import KABUPATEN_WIDE_PHRASES, Reference
from lebak_dash.records.schema import COLUMN_BY_KEY, KABUPATEN_WIDE, RECORD_KEYS, REQUIRED_KEYS, STAGES, vocabulary
from lebak_dash.records.textnorm import clean_text_column, compact_key
from lebak_dash.records.values import (
    StageResult,
    is_kabupaten_wide,
    is_url,
    parse_date,
    parse_rupiah,
    parse_stage,
    parse_year,
    split_kecamatan,
)

#: Free-text columns of the contract (cut at the text limit; extra columns are too).
TEXT_KEYS = ("kode", "nama", "inovator", "urusan", "deskripsi", "tautan")
#: Columns with a fixed vocabulary (canonical spelling, or as written with a warning).
VOCAB_KEYS = ("tahapan_iid", "jenis", "bentuk", "inisiator")
#: Columns whose line breaks mean something (kecamatan names, paragraphs of a description).
MULTILINE_KEYS = ("deskripsi", "kecamatan")


def map_unique(series: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """Apply `func` once per distinct non-missing value and map the results onto `series`."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = [func(value) for value in uniques]
    results[-1] = None  # code -1 (missing) picks the last slot
    return pd.Series(results[codes], index=series.index, dtype=object)


class RowIssues:
    """Collects row issues with the header and letter of their column in their sheet.

    Parameters
    ----------
    where : pandas.DataFrame
        The :data:`RAW_SHEET` and :data:`RAW_ROW` of every row, indexed like the rows the rules see.
    headers : dict
        Sheet name to its headers (contract key or extra header to ``(header, letter)``).
    """

    def __init__(self, where: pd.DataFrame, headers: dict[str, dict[str, tuple[str, str]]]) -> None:
        self.where = where
        self.headers = headers
        self.items: list[Issue] = []

    def add(self, code: str, severity: Severity, idx: object, key: str | None, **params: object) -> None:
        """Record one issue about row `idx` (an index label) in the column of `key`."""
        self._add(code, severity, self.where.at[idx, RAW_SHEET], self.where.at[idx, RAW_ROW], key, params)

    def _add(self, code: str, severity: Severity, sheet: str, row: int, key: str | None, params: dict) -> None:
        header, letter = self.headers.get(sheet, {}).get(key, (None, None)) if key else (None, None)
        if key and header is None and key in COLUMN_BY_KEY:
            header = COLUMN_BY_KEY[key].header
        self.items.append(Issue(code, severity, sheet, int(row), header, letter or None, tuple(params.items())))

    def add_rows(
        self,
        code: str,
        severity: Severity,
        mask: pd.Series,
        key: str | None,
        value: pd.Series,
        params: Callable[[Any], dict[str, object]],
    ) -> None:
        """Record one issue per row of `mask`, its parameters made from the row's `value`."""
        rows = self.where.loc[mask, [RAW_SHEET, RAW_ROW]]
        values = value.loc[mask]
        for i, (sheet, row) in enumerate(zip(rows[RAW_SHEET], rows[RAW_ROW], strict=True)):
            self._add(code, severity, sheet, row, key, params(values.iloc[i]))

    def where_is(self, idx: object) -> dict[str, object]:
        """Return the sheet and row of row `idx` as ``first_sheet``/``first_row`` parameters."""
        return {"first_sheet": self.where.at[idx, RAW_SHEET], "first_row": int(self.where.at[idx, RAW_ROW])}


def _value(v: object) -> dict[str, object]:
    return {"value": v}


def _same(params: dict[str, object]) -> Callable[[object], dict[str, object]]:
    return lambda _v: params


def _spelling(table: dict[str, str], value: str) -> str | None:
    return table.get(compact_key(value))


def _hint(names: list[str], lang: str = "id") -> str:
    return t("hint.maybe", lang, names=", ".join(names)) if names else t("hint.none", lang)


# ------------------------------------------------------------------------------- text
def clean_columns(raw: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return the cleaned text of `keys` (missing columns blank), taking each column out of `raw`.

    Each raw column is dropped once cleaned so the raw and clean copies of a 100k-row sheet are
    never all alive at once.
    """
    clean = pd.DataFrame(index=raw.index)
    for key in keys:
        column = raw.pop(key) if key in raw.columns else pd.Series(np.nan, index=raw.index, dtype=object)
        clean[key] = clean_text_column(column, multiline=key in MULTILINE_KEYS)
    return clean


# ------------------------------------------------------------------- rules that reject rows
def required_values(clean: pd.DataFrame, issues: RowIssues) -> pd.Series:
    """Rule 1, required values: a row without a name, OPD or stage is rejected.

    Returns the mask of rejected rows.
    """
    error = pd.Series(False, index=clean.index)
    for key in REQUIRED_KEYS:
        missing = clean[key].isna()
        params = _same({"column": COLUMN_BY_KEY[key].header})
        issues.add_rows("row.missing_required", "error", missing, key, clean[key], params)
        error |= missing
    return error


def stage(text: pd.Series, issues: RowIssues) -> tuple[pd.Series, pd.Series]:
    """Rule 2, the 5D stage: one of the five, by name or number; otherwise the row is rejected.

    Returns ``(stage name or None, mask of rejected rows)``.
    """
    results = map_unique(text, parse_stage)
    names = results.map(lambda r: r.stage if r is not None else None)
    conflict = results.map(lambda r: r.conflict_number if r is not None else None)
    bad = text.notna() & names.isna()

    def conflict_params(v: str) -> dict[str, object]:
        number = _conflict_number(parse_stage(v))
        return {"value": v, "number": number, "stage": STAGES[number - 1]}

    issues.add_rows("row.stage_conflict", "error", bad & conflict.notna(), "tahapan", text, conflict_params)
    issues.add_rows("row.stage_unknown", "error", bad & conflict.isna(), "tahapan", text, _value)
    return names, bad


def _conflict_number(result: StageResult) -> int:
    if result.conflict_number is None:  # only asked of values that parse_stage found in conflict
        raise ValueError("no conflicting stage number")
    return result.conflict_number


def exact_duplicates(clean: pd.DataFrame, valid: pd.Series, issues: RowIssues) -> pd.Series:
    """Rule 3, exact duplicates: a valid row equal to an earlier one in every cell is dropped.

    The numbering column is not compared (it is not in `clean`). Returns the mask of duplicates.
    """
    # Rows are compared exactly through per-column factorize codes (no Python string per cell).
    codes = pd.DataFrame({key: pd.factorize(clean[key])[0] for key in clean.columns}, index=clean.index)
    duplicate = pd.Series(False, index=clean.index)
    duplicate[valid] = codes[valid].duplicated(keep="first").to_numpy()
    if duplicate.any():
        group = codes[valid].groupby(list(codes.columns), sort=False).ngroup()
        first_row_of_group = pd.Series(group.index, index=group.to_numpy()).groupby(level=0).first()
        for idx in clean.index[duplicate]:
            first = first_row_of_group[group[idx]]
            issues.add("row.duplicate", "warning", idx, None, **issues.where_is(first))
    return duplicate


def kode_conflicts(kode: pd.Series, candidates: pd.Series, issues: RowIssues) -> pd.Series:
    """Rule 4, one kode per innovation: a later row with the same kode (any case) is rejected.

    Parameters
    ----------
    kode : pandas.Series
        Cleaned kode of every row.
    candidates : pandas.Series
        Rows that may claim a kode (valid and not duplicates).

    Returns
    -------
    pandas.Series
        The mask of rejected rows.
    """
    key = kode.str.casefold()
    among = candidates & key.notna()
    conflict = pd.Series(False, index=kode.index)
    conflict[among] = key[among].duplicated(keep="first").to_numpy()
    if conflict.any():
        firsts = key[among & ~conflict].drop_duplicates()
        first_of = pd.Series(firsts.index, index=firsts.to_numpy())
        for idx in kode.index[conflict]:
            first = first_of[key.at[idx]]
            issues.add("row.kode_conflict", "error", idx, "kode", value=kode.at[idx], **issues.where_is(first))
    return conflict


# --------------------------------------------------------- value rules (the row stays)
def opd(text: pd.Series, reference: Reference, report: pd.Series, issues: RowIssues) -> tuple[pd.Series, pd.Series]:
    """Rule 5, the OPD: its name in the OPD list, or as written with the nearest known names.

    Returns ``(OPD, known)``: the reference name or the text as written, and whether it matched.
    """
    match = map_unique(text, reference.match_opd)
    unknown = text.notna() & match.isna()
    if unknown.any():
        hints = {v: _hint(reference.suggest_opd(v)) for v in text[unknown].unique()}
        issues.add_rows(
            "row.opd_unknown", "warning", unknown & report, "opd", text, lambda v: {"value": v, "hint": hints[v]}
        )
    return match.fillna(text), match.notna()


def parse_kecamatan_cell(text: str, reference: Reference) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
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


def kecamatan(text: pd.Series, reference: Reference, report: pd.Series, issues: RowIssues) -> pd.Series:
    """Rule 6, kecamatan: a list of names, ``Semua Kecamatan``, or nothing stated.

    Unknown names are kept as written, each with a warning; ``Semua Kecamatan`` mixed with names
    wins, with a warning. Returns a tuple of names per row.
    """
    parsed = map_unique(text, lambda v: parse_kecamatan_cell(v, reference))
    names = parsed.map(lambda p: p[0] if isinstance(p, tuple) else ())
    unknown = parsed.map(lambda p: p[1] if isinstance(p, tuple) else ())
    mixed = parsed.map(lambda p: p[2] if isinstance(p, tuple) else False).astype(bool)
    has_unknown = unknown.map(bool).astype(bool) & report
    if has_unknown.any():
        hints: dict[str, str] = {}
        for found in unknown[has_unknown].unique():
            for name in found:
                hints.setdefault(name, _hint(reference.suggest_kecamatan(name)))
        for idx in text.index[has_unknown]:
            for name in unknown.at[idx]:
                issues.add("row.kecamatan_unknown", "warning", idx, "kecamatan", value=name, hint=hints[name])
    issues.add_rows("row.kecamatan_mixed", "warning", mixed & report, "kecamatan", text, _value)
    return names


def start_date(text: pd.Series, report: pd.Series, issues: RowIssues) -> pd.Series:
    """Rule 7, the start date: a date in a format people type; otherwise blank with a warning."""
    dates = map_unique(text, parse_date)
    issues.add_rows("row.date_invalid", "warning", text.notna() & dates.isna() & report, "tanggal_mulai", text, _value)
    return dates


def year(text: pd.Series, report: pd.Series, issues: RowIssues) -> pd.Series:
    """Rule 8, the year: a plausible year; otherwise blank with a warning."""
    years = map_unique(text, parse_year)
    issues.add_rows("row.year_invalid", "warning", text.notna() & years.isna() & report, "tahun", text, _value)
    return years


def year_from_date(years: pd.Series, year_text: pd.Series, dates: pd.Series) -> pd.Series:
    """Rule 9, a missing year is the start date's year (when it is between 2000 and 2100).

    A year that was written, even one that could not be read, is never replaced.
    """
    of_date = dates.map(lambda d: d.year if isinstance(d, dt.date) else None)
    of_date = of_date.where(of_date.between(2000, 2100)) if len(of_date) else of_date
    return years.where(year_text.notna(), of_date)


def rupiah(text: pd.Series, report: pd.Series, issues: RowIssues) -> pd.Series:
    """Rule 10, the budget: rupiah as people write it, rounded to whole rupiah with a warning.

    An unreadable amount is left blank with a warning. Returns whole rupiah (float, NaN where blank).
    """
    amounts = map_unique(text, parse_rupiah)
    issues.add_rows("row.rupiah_invalid", "warning", text.notna() & amounts.isna() & report, "anggaran", text, _value)
    numbers = pd.to_numeric(amounts, errors="coerce")
    fractional = numbers.notna() & ((numbers - numbers.round()).abs() > 1e-6) & report

    def rounded(v: str) -> dict[str, object]:
        amount = parse_rupiah(v) or 0.0  # only asked of values that parsed
        return {"value": v, "rounded": f"Rp {round(amount):,}".replace(",", ".")}

    issues.add_rows("row.rupiah_rounded", "warning", fractional, "anggaran", text, rounded)
    return numbers.round()


def vocabularies(clean: pd.DataFrame, report: pd.Series, issues: RowIssues) -> dict[str, pd.Series]:
    """Rule 11, fixed vocabularies: the canonical spelling, or as written with a warning."""
    values: dict[str, pd.Series] = {}
    for key in VOCAB_KEYS:
        table = vocabulary(key)
        text = clean[key]
        matched = map_unique(text, partial(_spelling, table))
        unknown = text.notna() & matched.isna() & report
        column = COLUMN_BY_KEY[key]
        allowed = ", ".join(column.values)

        def params(v: object, header: str = column.header, allowed: str = allowed) -> dict[str, object]:
            return {"value": v, "column": header, "allowed": allowed}

        issues.add_rows("row.value_unknown", "warning", unknown, key, text, params)
        values[key] = matched.fillna(text)
    return values


def links(text: pd.Series, report: pd.Series, issues: RowIssues) -> None:
    """Rule 12, the link: a web address (http or https); otherwise kept, with a warning."""
    bad = text.notna() & ~map_unique(text, is_url).fillna(False).astype(bool) & report
    issues.add_rows("row.url_invalid", "warning", bad, "tautan", text, _value)


def text_limits(
    clean: pd.DataFrame, keys: list[str], limit: int, report: pd.Series, issues: RowIssues
) -> dict[str, pd.Series]:
    """Rule 13, overlong text is cut at `limit` characters (the original file is kept whole)."""

    def params(length: int) -> dict[str, object]:
        return {"count": int(length), "limit": limit}

    texts: dict[str, pd.Series] = {}
    for key in keys:
        s = clean[key]
        lengths = s.str.len()
        long = lengths.gt(limit).fillna(False).astype(bool)
        if long.any():
            issues.add_rows(
                "row.text_truncated",
                "warning",
                long & report,
                key if key in RECORD_KEYS else None,
                lengths,
                params,
            )
            s = s.where(~long, s.str.slice(0, limit))
        texts[key] = s
    return texts
