"""The value and row rules of the spreadsheet contract, one function per rule.

Each rule takes the cleaned text of the columns it reads (one row per raw row of every data
sheet, stacked), records what it finds in a :class:`RowIssues`, and returns the parsed values
and/or a mask of rows. The work is vectorised: a value rule runs once per *distinct* cell value
(:func:`map_unique`) and is mapped back onto the rows, so a 100,000-row workbook costs about as
much as its few thousand distinct values. :func:`lebak_dash.ingest.importer.import_workbook`
calls the rules in order.

The rules of the two stage models are :mod:`lebak_dash.ingest.stages`; the OPD, urusan and
same-name rules :mod:`lebak_dash.ingest.names`; gaps (absent columns, empty cells)
:mod:`lebak_dash.ingest.gaps`; coordinates and ``Pemda`` :mod:`lebak_dash.ingest.places`.

The masks that pass between rules:

``report``
    Rows whose value warnings are reported: not an exact duplicate of an earlier row (its
    warnings were said once, on that row).
``valid``
    Rows with a name and a stage that is 5D, IID or empty.
``accepted``
    Valid rows that are not duplicates and claim no kode already taken: the records.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from lebak_dash.i18n import t
from lebak_dash.ingest.header import RAW_ROW, RAW_SHEET
from lebak_dash.records.model import Issue, Severity
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import (
    COLUMN_BY_KEY,
    KABUPATEN_WIDE,
    LEGACY_VALUES,
    RECORD_KEYS,
    REQUIRED_KEYS,
    vocabulary,
)
from lebak_dash.records.textnorm import clean_text_column, compact_key
from lebak_dash.records.values import (
    is_kabupaten_wide,
    is_url,
    parse_date,
    parse_rupiah,
    parse_score,
    parse_year,
    split_kecamatan,
)

#: Free-text columns of the contract (cut at the text limit; extra columns are too).
TEXT_KEYS = ("kode", "nama", "pemda", "inovator", "urusan", "urusan_lain", "deskripsi", "tautan")
#: Columns with a fixed vocabulary (canonical spelling, or as written with a warning).
VOCAB_KEYS = ("jenis", "bentuk", "inisiator")
#: Date columns.
DATE_KEYS = ("tanggal_mulai", "tanggal_input", "tanggal_pengembangan")
#: Columns whose line breaks mean something (kecamatan names, paragraphs of a description).
MULTILINE_KEYS = ("deskripsi", "kecamatan")


def map_unique(series: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """Apply `func` once per distinct non-missing value and map the results onto `series`."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = [func(value) for value in uniques]
    results[-1] = None  # code -1 (missing) picks the last slot
    return pd.Series(results[codes], index=series.index, dtype=object)


def map_unique_fields(series: pd.Series, func: Callable[[str], tuple], width: int) -> list[pd.Series]:
    """Apply `func` (returning a `width`-tuple) once per distinct value; return one Series per field.

    Missing values give None in every field.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    fields = [np.empty(len(uniques) + 1, dtype=object) for _ in range(width)]
    for i, value in enumerate(uniques):
        for field, result in zip(fields, func(value), strict=True):
            field[i] = result
    for field in fields:
        field[-1] = None
    return [pd.Series(field[codes], index=series.index, dtype=object) for field in fields]


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
        if not mask.any():
            return
        rows = self.where.loc[mask, [RAW_SHEET, RAW_ROW]]
        made: dict[object, dict[str, object]] = {}
        values = value.loc[mask].tolist()
        for sheet, row, v in zip(rows[RAW_SHEET].tolist(), rows[RAW_ROW].tolist(), values, strict=True):
            try:
                found = made[v]
            except (KeyError, TypeError):  # a value seen first, or one that cannot be a key
                found = params(v)
                with contextlib.suppress(TypeError):
                    made[v] = found
            self._add(code, severity, sheet, row, key, found)

    def where_is(self, idx: object) -> dict[str, object]:
        """Return the sheet and row of row `idx` as ``first_sheet``/``first_row`` parameters."""
        return {"first_sheet": self.where.at[idx, RAW_SHEET], "first_row": int(self.where.at[idx, RAW_ROW])}

    def file(self, code: str, severity: Severity, **params: object) -> None:
        """Record one issue about the file as a whole (no sheet, no row)."""
        self.items.append(Issue(code, severity, params=tuple(params.items())))

    def sheet(self, code: str, severity: Severity, sheet: str, row: int | None, **params: object) -> None:
        """Record one issue about a sheet (at its header `row`, when given)."""
        self.items.append(Issue(code, severity, sheet, row, params=tuple(params.items())))

    def sheets_of(self) -> pd.Series:
        """Return the sheet of every row."""
        return self.where[RAW_SHEET]


def _value(v: object) -> dict[str, object]:
    return {"value": v}


def _same(params: dict[str, object]) -> Callable[[object], dict[str, object]]:
    return lambda _v: params


def _spelling(table: dict[str, str], value: str) -> str | None:
    return table.get(compact_key(value))


def hint(names: list[str], lang: str = "id") -> str:
    return t("hint.maybe", lang, names=", ".join(names)) if names else t("hint.none", lang)


# ------------------------------------------------------------------------------- text
def clean_columns(raw: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return the cleaned text of `keys` (missing columns blank), taking each column out of `raw`.

    Each raw column is dropped once cleaned so the raw and clean copies of a 100k-row sheet are
    never all alive at once.
    """
    columns: dict[str, pd.Series] = {}
    for key in keys:
        if key in raw.columns:
            columns[key] = clean_text_column(raw.pop(key), multiline=key in MULTILINE_KEYS)
        else:  # a column the file does not have: missing everywhere, no text to clean
            columns[key] = pd.Series(pd.NA, index=raw.index, dtype="str")
    return pd.DataFrame(columns, index=raw.index)


# ------------------------------------------------------------------- rules that reject rows
def required_values(clean: pd.DataFrame, issues: RowIssues) -> pd.Series:
    """Required values: a row without a name is rejected (a missing OPD or stage is a gap).

    Returns the mask of rejected rows.
    """
    error = pd.Series(False, index=clean.index)
    for key in REQUIRED_KEYS:
        missing = clean[key].isna()
        params = _same({"column": COLUMN_BY_KEY[key].header})
        issues.add_rows("row.missing_required", "error", missing, key, clean[key], params)
        error |= missing
    return error


def exact_duplicates(clean: pd.DataFrame, valid: pd.Series, issues: RowIssues) -> pd.Series:
    """Exact duplicates: a valid row equal to an earlier one in every cell is dropped.

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
    """One kode per innovation: a later row with the same kode (any case) is rejected.

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
def parse_kecamatan_cell(text: str, reference: Reference) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Return (names, unknown names, kabupaten-wide mixed with names) for one cell."""
    names: list[str] = []
    unknown: list[str] = []
    wide = is_kabupaten_wide(text, reference.wide_phrases)
    if not wide:
        for part in split_kecamatan(text):
            if is_kabupaten_wide(part, reference.wide_phrases):
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
    """Kecamatan: a list of names, ``Semua Kecamatan``, or nothing stated.

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
                hints.setdefault(name, hint(reference.suggest_kecamatan(name)))
        for idx in text.index[has_unknown]:
            for name in unknown.at[idx]:
                issues.add("row.kecamatan_unknown", "warning", idx, "kecamatan", value=name, hint=hints[name])
    issues.add_rows("row.kecamatan_mixed", "warning", mixed & report, "kecamatan", text, _value)
    return names


def dates(clean: pd.DataFrame, report: pd.Series, issues: RowIssues) -> dict[str, pd.Series]:
    """The dates (start, input, development): a date as people type it; otherwise blank with a warning."""
    found: dict[str, pd.Series] = {}
    for key in DATE_KEYS:
        text = clean[key]
        parsed = map_unique(text, parse_date)
        issues.add_rows("row.date_invalid", "warning", text.notna() & parsed.isna() & report, key, text, _value)
        found[key] = parsed
    return found


def year(text: pd.Series, report: pd.Series, issues: RowIssues) -> pd.Series:
    """The year: a plausible year; otherwise blank with a warning."""
    years = map_unique(text, parse_year)
    issues.add_rows("row.year_invalid", "warning", text.notna() & years.isna() & report, "tahun", text, _value)
    return years


def year_from_date(years: pd.Series, year_text: pd.Series, dates: pd.Series) -> pd.Series:
    """A missing year is the start date's year (when it is between 2000 and 2100).

    A year that was written, even one that could not be read, is never replaced.
    """
    of_date = dates.map(lambda d: d.year if isinstance(d, dt.date) else None)
    of_date = of_date.where(of_date.between(2000, 2100)) if len(of_date) else of_date
    return years.where(year_text.notna(), of_date)


def rupiah(text: pd.Series, report: pd.Series, issues: RowIssues) -> pd.Series:
    """The budget: rupiah as people write it, rounded to whole rupiah with a warning.

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


def score(text: pd.Series, report: pd.Series, issues: RowIssues) -> pd.Series:
    """The maturity score (``Kematangan``): a number >= 0; otherwise blank with a warning."""
    scores = map_unique(text, parse_score)
    issues.add_rows("row.score_invalid", "warning", text.notna() & scores.isna() & report, "kematangan", text, _value)
    return pd.to_numeric(scores, errors="coerce").astype("float64")


def vocabularies(clean: pd.DataFrame, report: pd.Series, issues: RowIssues) -> dict[str, pd.Series]:
    """Fixed vocabularies: the canonical spelling, or as written with a warning.

    An older value of :data:`~lebak_dash.records.schema.LEGACY_VALUES` (IID's ``Teknologi``) is kept
    as a value of its own, with one warning per file that counts its rows.
    """
    values: dict[str, pd.Series] = {}
    for key in VOCAB_KEYS:
        legacy = {compact_key(v): v for v in LEGACY_VALUES.get(key, ())}
        table = vocabulary(key) | legacy
        text = clean[key]
        matched = map_unique(text, partial(_spelling, table))
        for value in legacy.values():
            count = int((matched.eq(value) & report).sum())
            if count:
                issues.file("file.value_legacy", "warning", value=value, column=COLUMN_BY_KEY[key].header, count=count)
        unknown = text.notna() & matched.isna() & report
        column = COLUMN_BY_KEY[key]
        allowed = ", ".join(column.values)

        def params(v: object, header: str = column.header, allowed: str = allowed) -> dict[str, object]:
            return {"value": v, "column": header, "allowed": allowed}

        issues.add_rows("row.value_unknown", "warning", unknown, key, text, params)
        values[key] = matched.fillna(text)
    return values


def links(text: pd.Series, report: pd.Series, issues: RowIssues) -> None:
    """The link: a web address (http or https); otherwise kept, with a warning."""
    bad = text.notna() & ~map_unique(text, is_url).fillna(False).astype(bool) & report
    issues.add_rows("row.url_invalid", "warning", bad, "tautan", text, _value)


def text_limits(
    clean: pd.DataFrame, keys: list[str], limit: int, report: pd.Series, issues: RowIssues
) -> dict[str, pd.Series]:
    """Overlong text is cut at `limit` characters (the original file is kept whole)."""

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
