"""Records to Excel and CSV files that import back to the same records and never run a formula.

A cell of user text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula waiting to happen when the file is opened (CSV injection), and so is one that begins with
their full-width or small forms (``＝ ＋ － ＠``, ``﹦ ﹢ ﹣ ﹫``), which spreadsheets in East Asian
locales read as the same operators. In xlsx every text cell is written with the *string* type,
so Excel shows it as text and reads it back unchanged. CSV has no types: such text gets a
leading apostrophe (``'=SUM(A1)``, ``'＝SUM(A1)``), the usual neutraliser, and the importer
removes exactly that apostrophe again before the ASCII triggers; the importer normalises text
(NFKC), so a record never starts with a full-width form, and an exported CSV still imports to the
same records.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from lebak_dash.records.schema import COLUMN_BY_KEY, DERIVED_STAGE, RECORD_KEYS
from lebak_dash.records.textnorm import CSV_GUARD, FORMULA_TRIGGERS, neutralise_csv


def export_frame(records: pd.DataFrame, extra_columns: Iterable[str] = ()) -> pd.DataFrame:
    """Return the records as the template lays them out: template headers, one row each.

    The kecamatan become one text (``Maja, Cibadak``); the source sheet and row and the
    ``opd_dikenal`` flag are left out (they are derived again on import), and so is a 5D stage
    derived from the IID stage through the editors' stage map (``tahapan_turunan``).

    Parameters
    ----------
    records : pandas.DataFrame
        Records from :func:`lebak_dash.ingest.importer.import_workbook`.
    extra_columns : iterable of str
        The workbook's extra columns to append (those present in `records`).
    """
    out = pd.DataFrame(index=records.index)
    for key in RECORD_KEYS:
        values = records[key]
        if key == "kecamatan":
            values = values.map(lambda names: ", ".join(names) if names else None)
        elif key == "tahapan" and DERIVED_STAGE in records:
            values = values.astype(object).where(~records[DERIVED_STAGE].astype(bool), None)
        elif pd.api.types.is_datetime64_any_dtype(values):
            values = pd.to_datetime(values).dt.date
            values = values.where(records[key].notna(), None)
        elif isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        out[COLUMN_BY_KEY[key].header] = values
    for name in extra_columns:
        if name in records.columns:
            out[name] = records[name]
    return out.reset_index(drop=True)


def neutralise_cell(text: str) -> str:
    """Return `text` with a leading apostrophe when it could start a formula, full-width forms included.

    Examples
    --------
    >>> neutralise_cell("\uff1dSUM(A1)"), neutralise_cell("=1"), neutralise_cell("Maja")
    ("'\uff1dSUM(A1)", "'=1", 'Maja')
    """
    if text[:1] and unicodedata.normalize("NFKC", text[:1]) in FORMULA_TRIGGERS:
        return CSV_GUARD + text
    return neutralise_csv(text)


def _cell_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()  # numpy scalar -> Python
    return value


def to_xlsx(frame: pd.DataFrame, *, sheet_name: str = "Inovasi", info: dict[str, str] | None = None) -> bytes:
    """Write `frame` to an xlsx file in which no cell is a formula.

    Parameters
    ----------
    frame : pandas.DataFrame
        Usually :func:`export_frame` of the records.
    sheet_name : str
    info : dict, optional
        Lines for a second sheet ``Info`` (data version, filter, date); it has no header row, so
        the importer skips it.

    Returns
    -------
    bytes
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name)
    bold = Font(bold=True)
    header = []
    for name in frame.columns:
        cell = WriteOnlyCell(ws, value=str(name))
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in row:
            value = _cell_value(value)
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=1+1" is shown, never computed
            elif isinstance(value, (dt.date, dt.datetime)):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        ws.append(cells)
    if info:
        sheet = wb.create_sheet("Info")
        for key, value in info.items():
            row = []
            for text in (key, value):
                cell = WriteOnlyCell(sheet, value=str(text))
                cell.data_type = "s"
                row.append(cell)
            sheet.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """Write `frame` as UTF-8 CSV (with BOM, so Excel reads the accents) with formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        out = []
        for value in row:
            value = _cell_value(value)
            if value is None:
                out.append("")
            elif isinstance(value, str):
                out.append(neutralise_cell(value))
            elif isinstance(value, (dt.date, dt.datetime)):
                out.append(value.isoformat()[:10])
            else:
                out.append(str(value))
        writer.writerow(out)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def records_to_xlsx(
    records: pd.DataFrame, extra_columns: Iterable[str] = (), info: dict[str, str] | None = None
) -> bytes:
    """Return the records as an xlsx file laid out like the template (see :func:`export_frame`)."""
    return to_xlsx(export_frame(records, extra_columns), info=info)


def records_to_csv(records: pd.DataFrame, extra_columns: Iterable[str] = ()) -> bytes:
    """Return the records as a CSV file laid out like the template (see :func:`export_frame`)."""
    return to_csv(export_frame(records, extra_columns))
