"""Header detection: which rows of a raw sheet are data, and which contract column each holds.

A sheet holds data when one of its first :data:`HEADER_SEARCH_ROWS` rows names the innovation's
name and at least one of OPD, a stage (5D or IID) or kecamatan, or when a column mapping applies
to that row (it holds all the mapping's headers), or when the sheet is named after an OPD. A
mapping decides, for the headers it names, which contract key each column is read as (``None``:
ignored), before the built-in aliases. The rows below the header become a frame keyed by contract
column, with every data sheet's rows tagged by sheet and Excel row number (:data:`RAW_SHEET`,
:data:`RAW_ROW`) so the rules can say where a value is; rows that repeat the header are taken out
and listed. :func:`sheet_preview` describes any sheet's columns for the column-mapping screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from lebak_dash.i18n import t
from lebak_dash.ingest.cells import column_letter
from lebak_dash.ingest.reader import RawSheet
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ColumnPreview, Issue, SheetPreview
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import RECORD_KEYS, SHEET_KEYS, SOURCE_KEYS, header_lookup
from lebak_dash.records.textnorm import EMPTY_MARK, clean_text, compact_column, compact_key

HEADER_SEARCH_ROWS = 20
#: Sample values per column on the column-mapping screen, and how many rows are looked at for them.
PREVIEW_SAMPLES, PREVIEW_ROWS = 3, 200
#: Longest sample shown.
PREVIEW_TEXT = 80
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
        What was noticed about the sheet (merged cells filled, extra columns, repeated headers...).
    mapping : ColumnMapping or None
        The column mapping applied to the sheet.
    repeated_headers : int
        Rows inside the data that repeat the header (taken out of `frame`).
    preview : SheetPreview or None
    """

    name: str
    header_row: int
    frame: pd.DataFrame
    headers: dict[str, tuple[str, str]]
    opd_from_name: str | None = None
    notes: list[Issue] = field(default_factory=list)
    mapping: ColumnMapping | None = None
    repeated_headers: int = 0
    preview: SheetPreview | None = None


@dataclass(frozen=True)
class HeaderMatch:
    """The header row of a data sheet, as :func:`find_header` found it.

    Attributes
    ----------
    row : int
        Excel row number.
    keys : dict
        Column position to contract key (``""``: a numbering column; None: ignored by the mapping).
        Positions not in it are extra columns.
    opd_from_name : str or None
    mapping : ColumnMapping or None
    """

    row: int
    keys: dict[int, str | None]
    opd_from_name: str | None
    mapping: ColumnMapping | None


def _text_cells(row: pd.Series) -> dict[int, str]:
    return {int(pos): clean_text(v) for pos, v in row.items() if isinstance(v, str) and v.strip()}


def row_keys(
    texts: dict[int, str], lookup: dict[str, str], mappings: Sequence[ColumnMapping] = ()
) -> tuple[dict[int, str | None], ColumnMapping | None]:
    """Return what each header text of a row is read as, and the first of `mappings` that applies.

    A mapping applies when the row holds all its headers; its headers are then read as it says
    (None: ignored), and a built-in column whose key the mapping gives to another header becomes an
    extra column.
    """
    compact = {pos: compact_key(text) for pos, text in texts.items()}
    keys: dict[int, str | None] = {pos: lookup[c] for pos, c in compact.items() if c in lookup}
    for mapping in mappings:
        if not mapping.applies_to(compact.values()):
            continue
        assigned = mapping.keyed()
        taken = {k for k in assigned.values() if k}
        for pos, key in list(keys.items()):
            if key in taken and compact[pos] not in assigned:
                del keys[pos]
        for pos, c in compact.items():
            if c in assigned:
                keys[pos] = assigned[c]
        return keys, mapping
    return keys, None


def find_header(sheet: RawSheet, reference: Reference, mappings: Sequence[ColumnMapping] = ()) -> HeaderMatch | None:
    """Find the header row of a sheet among its first 20 rows.

    Parameters
    ----------
    sheet : RawSheet
    reference : Reference
        Used to recognise a sheet named after an OPD (one sheet per OPD).
    mappings : sequence of ColumnMapping
        Column mappings, the first that applies to a row winning.

    Returns
    -------
    HeaderMatch or None
        None when the sheet holds no data.
    """
    lookup = header_lookup()
    for row_number in sheet.cells.index[:HEADER_SEARCH_ROWS]:
        texts = _text_cells(sheet.cells.loc[row_number])
        keys, mapping = row_keys(texts, lookup, mappings)
        found = {k for k in keys.values() if k}
        if "nama" not in found:
            continue
        opd = None if "opd" in found else reference.match_opd(sheet.name)
        if mapping is not None or found & set(SHEET_KEYS) or opd is not None:
            return HeaderMatch(int(row_number), keys, opd, mapping)
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
    """Return a boolean frame: True where a cell is missing, only whitespace, or only ``-``."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        s = frame[column]
        out[column] = s.isna() | s.astype("str").str.strip().isin(["", EMPTY_MARK])
    return out


def _repeated_headers(data: pd.DataFrame, name_pos: int, header_texts: dict[int, str]) -> pd.Series:
    """Return the mask of data rows that repeat the header (the name's header, and most of the others)."""
    target = compact_key(header_texts[name_pos])
    candidates = (compact_column(data[name_pos]) == target).fillna(False).astype(bool)
    if not candidates.any():
        return candidates
    wanted = {pos: compact_key(text) for pos, text in header_texts.items() if pos in data.columns}
    needed = max(2, (len(wanted) + 1) // 2) if len(wanted) > 1 else 1
    for idx in candidates.index[candidates]:
        row = data.loc[idx]
        same = sum(1 for pos, key in wanted.items() if isinstance(row[pos], str) and compact_key(row[pos]) == key)
        candidates[idx] = same >= needed
    return candidates


def _name_columns(
    sheet: str, header_row: int, positions: Iterable[int], keys: dict[int, str | None], texts: dict[int, str]
) -> tuple[dict[str, int], dict[str, int], list[int], dict[str, tuple[str, str]], list[Issue]]:
    """Name each column below the header: a contract key, an extra header, or numbering.

    A column a mapping ignores counts as numbering: its cells are neither read nor kept.

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
        if key == "" or (pos in keys and key is None):
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
        if name in columns or name in extras or name in SOURCE_KEYS or name in RECORD_KEYS or key is not None:
            name = f"{name} ({letter})"
        extras[name] = pos
        headers[name] = (name, letter)
    return columns, extras, numbering, headers, notes


def prepare_sheet(sheet: RawSheet, reference: Reference, mappings: Sequence[ColumnMapping] = ()) -> DataSheet | None:
    """Return a sheet's data rows keyed by contract column, or None when it holds no data.

    Merged data cells are filled down, numbering columns (and columns a mapping ignores) dropped,
    blank rows, rows repeating the header and extra columns with neither header nor data left out;
    a sheet named after an OPD gets that OPD on every row.

    Parameters
    ----------
    sheet : RawSheet
    reference : Reference
    mappings : sequence of ColumnMapping
        Column mappings, the first that applies to the header winning.

    Returns
    -------
    DataSheet or None
    """
    found = find_header(sheet, reference, mappings)
    if found is None:
        return None
    header_row, keys, opd_from_name = found.row, found.keys, found.opd_from_name
    cells = sheet.cells
    header_texts = _text_cells(cells.loc[header_row])
    preview = sheet_preview(sheet, header_row, keys, read=True)
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
    if found.mapping is not None:
        notes.append(Issue("sheet.mapping_used", "info", sheet.name, header_row, params=_mapping_params(found.mapping)))

    used = [p for p in data.columns if int(p) not in numbering]
    blank = _blank(data[used]) if used else pd.DataFrame(index=data.index)
    keep = ~blank.all(axis=1) if used else pd.Series(False, index=data.index)
    # An extra column with neither header nor data is noise (Excel's formatting reach).
    for name, pos in list(extras.items()):
        if header_texts.get(pos) is None and blank.loc[keep, pos].all():
            del extras[name], headers[name]
    if not keep.all():
        data = data.loc[keep]
    repeated = _repeated_headers(data, columns["nama"], header_texts) if len(data) else pd.Series(dtype=bool)
    if repeated.any():
        for row in data.index[repeated.to_numpy()]:
            notes.append(Issue("row.header_repeated", "info", sheet.name, int(row)))
        data = data.loc[~repeated.to_numpy()]

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
    return DataSheet(
        sheet.name,
        int(header_row),
        frame,
        headers,
        opd_from_name,
        notes,
        mapping=found.mapping,
        repeated_headers=int(repeated.sum()) if len(repeated) else 0,
        preview=preview,
    )


def _mapping_params(mapping: ColumnMapping) -> tuple[tuple[str, object], ...]:
    return (("mapping", mapping.label()),)


# ------------------------------------------------------------------------------ previews
def _samples(column: pd.Series) -> tuple[str, ...]:
    found: list[str] = []
    for value in column:
        if not isinstance(value, str):
            continue
        text = clean_text(value)
        if text and text != EMPTY_MARK:
            found.append(text if len(text) <= PREVIEW_TEXT else text[: PREVIEW_TEXT - 1] + "…")
            if len(found) == PREVIEW_SAMPLES:
                break
    return tuple(found)


def likely_header_row(sheet: RawSheet) -> int | None:
    """Return the fullest of a sheet's first rows (its likely header), None when they are all empty."""
    best_row, best = None, 0
    for row_number in sheet.cells.index[:HEADER_SEARCH_ROWS]:
        count = len(_text_cells(sheet.cells.loc[row_number]))
        if count > best:
            best_row, best = int(row_number), count
    return best_row


def sheet_preview(
    sheet: RawSheet, header_row: int, keys: dict[int, str | None] | None = None, *, read: bool = False
) -> SheetPreview:
    """Return a sheet's columns below `header_row`: letter, header, what each is read as, three samples.

    Parameters
    ----------
    sheet : RawSheet
    header_row : int
        Excel row of the header.
    keys : dict, optional
        Column position to contract key (default: the built-in aliases of the header texts).
    read : bool
        Whether the sheet was read as data.
    """
    texts = _text_cells(sheet.cells.loc[header_row]) if header_row in sheet.cells.index else {}
    if keys is None:
        keys, _mapping = row_keys(texts, header_lookup())
    below = sheet.cells.loc[header_row + 1 : header_row + PREVIEW_ROWS]
    columns = []
    for pos in sheet.cells.columns:
        pos = int(pos)
        samples = _samples(below[pos]) if pos in below.columns else ()
        header = texts.get(pos, "")
        if not header and not samples:
            continue
        key = keys.get(pos)
        columns.append(ColumnPreview(column_letter(pos), header, key or None, samples))
    return SheetPreview(sheet.name, int(header_row), read, tuple(columns))
