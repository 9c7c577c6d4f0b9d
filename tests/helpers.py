"""Small workbook builders for the rule tests (in memory, a few milliseconds each)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

HEADER = ["No", "Nama Inovasi", "OPD", "Tahapan 5D", "Kecamatan"]


def xlsx_bytes(
    sheets: dict[str, Sequence[Sequence[object]]],
    merges: dict[str, Iterable[str]] | None = None,
    start_row: dict[str, int] | None = None,
) -> bytes:
    """Return an xlsx with one sheet per entry; rows start at row 1 (or ``start_row[name]``)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        first = (start_row or {}).get(name, 1)
        for offset, row in enumerate(rows):
            for col, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=first + offset, column=col, value=value)
        for cell_range in (merges or {}).get(name, ()):
            ws.merge_cells(cell_range)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """Return CSV text of `rows` (None is an empty field)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


def data_rows(*rows: Sequence[object], header: Sequence[str] = HEADER) -> list[list[object]]:
    """Return a header followed by numbered rows (the ``No`` column is filled in)."""
    out: list[list[object]] = [list(header)]
    for number, row in enumerate(rows, start=1):
        out.append([number, *row] if header[0] == "No" else list(row))
    return out
