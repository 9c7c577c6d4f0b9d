"""The innovation list: search in it, and the table as the Daftar Inovasi page shows it."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from lebak_dash.analysis.stages import DERIVED
from lebak_dash.records.schema import RECORD_KEYS

#: Columns of the list shown only when some record has a value in them (added by issue 11: a
#: workbook of the 5D template has none of them).
_OPTIONAL = ("tahapan_iid", "urusan_lain", "kematangan", "pemda", "tanggal_input", "tanggal_pengembangan")


def _shown(records: pd.DataFrame, key: str) -> bool:
    return key not in _OPTIONAL or bool(records[key].notna().any())


_SEARCH_COLUMNS = (
    "kode",
    "nama",
    "opd",
    "tahapan",
    "tahapan_iid",
    "inovator",
    "urusan",
    "urusan_lain",
    "deskripsi",
    "jenis",
    "bentuk",
    "pemda",
)


def search_text(records: pd.DataFrame) -> pd.Series:
    """Return one lower-case text per record to search in (computed once per data version)."""
    parts = [records[c].astype(object).fillna("").astype(str) for c in _SEARCH_COLUMNS if c in records.columns]
    parts.append(records["kecamatan"].map(lambda names: " ".join(names)))
    if "tahun" in records.columns:
        parts.append(records["tahun"].astype(object).fillna("").astype(str))
    text = parts[0]
    for part in parts[1:]:
        text = text + " " + part
    return text.str.casefold()


def search_records(records: pd.DataFrame, query: str, haystack: pd.Series | None = None) -> pd.DataFrame:
    """Return the records whose text contains every word of `query` (case ignored, plain text).

    Parameters
    ----------
    records : pandas.DataFrame
    query : str
        Words separated by spaces; no pattern syntax (a ``(`` is just a bracket).
    haystack : pandas.Series, optional
        :func:`search_text` of these records or of a superset (same index), kept from load.
    """
    words = str(query or "").casefold().split()[:20]
    if not words:
        return records
    text = haystack.reindex(records.index) if haystack is not None else search_text(records)
    mask = np.ones(len(records), dtype=bool)
    for word in words:
        mask &= text.str.contains(word, regex=False).fillna(False).to_numpy(dtype=bool)
    return records[mask]


def list_frame(records: pd.DataFrame, extra_columns: Iterable[str] = ()) -> pd.DataFrame:
    """Return the innovation list as shown: every contract column (the IID stage only when some
    record has one; whether the 5D stage is derived from it only when some is; the coordinates
    when there are any), then the workbook's extra columns, then the source sheet and row;
    kecamatan as one text (``Maja, Bayah``)."""
    keys = [k for k in RECORD_KEYS if k in records.columns and _shown(records, k)]
    if DERIVED in records.columns and records[DERIVED].fillna(False).astype(bool).any():
        at = keys.index("tahapan") + 1 if "tahapan" in keys else len(keys)
        keys.insert(at, DERIVED)
    keys += [k for k in ("lat", "lon") if k in records.columns and k not in keys and records[k].notna().any()]
    extra = [c for c in extra_columns if c in records.columns and c not in keys]
    source = [c for c in ("sumber_sheet", "sumber_baris") if c in records.columns]
    frame = records[[*keys, *extra, *source]].copy()
    frame["kecamatan"] = records["kecamatan"].map(lambda names: ", ".join(names))
    # Text and categories as plain text, blanks as empty cells (the grid shows a missing value as
    # "None"); numbers and dates keep their type so that they sort as numbers and dates.
    for key in frame.columns:
        column = frame[key]
        if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column)):
            frame[key] = column.astype("string").fillna("")
    return frame
