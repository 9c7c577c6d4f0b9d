"""Header detection: which rows of a raw sheet are data, and which contract column each holds.

A sheet holds data when one of its first :data:`HEADER_SEARCH_ROWS` rows names the required
columns (``Nama Inovasi``, ``Tahapan 5D`` and ``OPD``, or a sheet named after an OPD). The rows
below it become a frame keyed by contract column, with every data sheet's rows tagged by sheet
and Excel row number (:data:`RAW_SHEET`, :data:`RAW_ROW`) so the rules can say where a value is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from lebak_dash.i18n import t
from lebak_dash.ingest.cells import column_letter
from lebak_dash.ingest.reader import RawSheet
from lebak_dash.records.model import Issue
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import RECORD_KEYS, header_lookup
from lebak_dash.records.textnorm import clean_text, compact_key

HEADER_SEARCH_ROWS = 20
#: Columns of a data sheet's frame that say where each row came from (sheet name, Excel row).
RAW_SHEET = "__sheet"
RAW_ROW = "__row"


@dataclass
class DataSheet:
    """A data sheet after header detection.

    Attributes
    ----------
    name : str
    header_row : int
        Excel row number of the header row.
    frame : pandas.DataFrame
        The non-empty rows below the header; columns are contract keys and extra headers, plus
        :data:`RAW_SHEET` and :data:`RAW_ROW`.
    headers : dict
        Contract key or extra header to ``(header as written, column letter)``.
    opd_from_name : str or None
        The OPD of every row, for a sheet named after an OPD.
    notes : list of Issue
        What was noticed about the sheet (merged cells filled, extra columns...).
    """

    name: str
    header_row: int
    frame: pd.DataFrame
    headers: dict[str, tuple[str, str]]
    opd_from_name: str | None = None
    notes: list[Issue] = field(default_factory=list)


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


def headers_seen(sheet: RawSheet) -> list[str]:
    """Return the texts of the fullest of a sheet's first rows (for the 'no data' message)."""
    best: dict[int, str] = {}
    for row_number in sheet.cells.index[:HEADER_SEARCH_ROWS]:
        texts = _text_cells(sheet.cells.loc[row_number])
        if len(texts) > len(best):
            best = texts
    return list(best.values())[:15]


def fill_merges(cells: pd.DataFrame, merges: Iterable[tuple[int, int, int, int]], header_row: int) -> int:
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


def _name_columns(
    sheet: str, header_row: int, positions: Iterable[int], keys: dict[int, str], texts: dict[int, str]
) -> tuple[dict[str, int], dict[str, int], list[int], dict[str, tuple[str, str]], list[Issue]]:
    """Name each column below the header: a contract key, an extra header, or numbering.

    Returns ``(contract key -> position, extra header -> position, numbering positions,
    headers, notes)``.
    """
    columns: dict[str, int] = {}
    extras: dict[str, int] = {}
    numbering: list[int] = []
    headers: dict[str, tuple[str, str]] = {}
    notes: list[Issue] = []
    for pos in positions:
        text = texts.get(pos)
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
            params = (("header", text), ("letter", letter))
            notes.append(Issue("sheet.duplicate_header", "warning", sheet, header_row, text, letter, params=params))
        name = text or f"Kolom {letter}"
        # A repeated contract header ("Nama Inovasi" twice) must not come back as a column that
        # reads like the contract's own when the records are exported and imported again.
        if name in columns or name in extras or name in RECORD_KEYS or key is not None:
            name = f"{name} ({letter})"
        extras[name] = pos
        headers[name] = (name, letter)
    return columns, extras, numbering, headers, notes


def prepare_sheet(sheet: RawSheet, reference: Reference) -> DataSheet | None:
    """Return a sheet's data rows keyed by contract column, or None when it holds no data.

    Merged data cells are filled down, numbering columns dropped, blank rows and extra columns
    with neither header nor data left out; a sheet named after an OPD gets that OPD on every row.

    Parameters
    ----------
    sheet : RawSheet
    reference : Reference

    Returns
    -------
    DataSheet or None
    """
    found = find_header(sheet, reference)
    if found is None:
        return None
    header_row, keys, opd_from_name = found
    cells = sheet.cells
    header_texts = _text_cells(cells.loc[header_row])
    data = cells.loc[header_row + 1 :]  # a slice, not a mask: no copy of the cells
    data = data.copy() if sheet.merges else data
    notes: list[Issue] = []
    filled = fill_merges(data, sheet.merges, header_row) if sheet.merges else 0
    if filled:
        notes.append(Issue("sheet.merged_filled", "info", sheet.name, params=(("count", filled),)))
    columns, extras, numbering, headers, header_notes = _name_columns(
        sheet.name, header_row, (int(p) for p in data.columns), keys, header_texts
    )
    notes.extend(header_notes)

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
    frame[RAW_SHEET] = sheet.name
    frame[RAW_ROW] = frame.index.astype("int64")
    return DataSheet(sheet.name, int(header_row), frame, headers, opd_from_name, notes)
