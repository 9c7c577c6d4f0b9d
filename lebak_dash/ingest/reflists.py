"""Uploaded reference lists read as workbooks: a kecamatan list in CSV, xlsx, xls or ods.

Runs in the isolated worker (task ``kecamatan_list`` of :mod:`lebak_dash.ingest.worker`, called
through :func:`lebak_dash.ingest.sandbox.kecamatan_table`): the file is read by the importer's
reader, with its limits, and the header row is found the way a workbook's is (the first of the
first rows that names a kecamatan name column, headers matched case, spacing and punctuation aside).
"""

from __future__ import annotations

import pandas as pd

from lebak_dash.config import Limits
from lebak_dash.ingest.errors import ReadError
from lebak_dash.ingest.reader import read_workbook_bytes
from lebak_dash.records.reference import KECAMATAN_HEADERS, ReferenceListError, kecamatan_table_from_rows
from lebak_dash.records.textnorm import compact_key

#: Rows searched for the header (a title may come first).
HEADER_ROWS = 10


def read_kecamatan_list(data: bytes, filename: str | None = None, limits: Limits | None = None) -> pd.DataFrame:
    """Read and check a kecamatan list from a CSV or a workbook (its first sheet with a header).

    Parameters
    ----------
    data : bytes
    filename : str, optional
        A hint for the format (CSV is accepted by content too).
    limits : Limits, optional

    Returns
    -------
    pandas.DataFrame
        See :func:`~lebak_dash.records.reference.kecamatan_table_from_rows`.

    Raises
    ------
    ReferenceListError
        When the file cannot be read (the reader's ``file.*`` message) or the list cannot be used.
    """
    try:
        workbook = read_workbook_bytes(data, filename, limits)
    except ReadError as exc:
        if exc.code == "file.too_large":
            raise ReferenceListError("detail.ref_file_too_large", **exc.params) from exc
        raise ReferenceListError("detail.ref_file_unreadable") from exc
    names = set(KECAMATAN_HEADERS["nama"])
    for sheet in workbook.sheets:
        cells = sheet.cells
        for number in list(cells.index[:HEADER_ROWS]):
            header = ["" if v is None or pd.isna(v) else str(v) for v in cells.loc[number].tolist()]
            if any(compact_key(h) in names for h in header):
                rows = [
                    ["" if v is None or pd.isna(v) else str(v) for v in row]
                    for row in cells.loc[number + 1 :].itertuples(index=False)
                ]
                return kecamatan_table_from_rows(header, rows)
    raise ReferenceListError(
        "detail.ref_missing_columns", what="kecamatan", missing="nama", required="kode, nama, alias, lat, lon"
    )
