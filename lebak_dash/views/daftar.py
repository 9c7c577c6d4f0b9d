"""What the Daftar Inovasi page shows: the filtered innovations found by a search, and one in detail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lebak_dash.analysis.listing import search_records
from lebak_dash.analysis.stages import DERIVED
from lebak_dash.charts.style import derived_label, gap_label
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_int, fmt_rupiah
from lebak_dash.records.schema import NO_OPD, NO_STAGE, NOT_STATED, RECORD_KEYS
from lebak_dash.views.labels import column_label
from lebak_dash.views.selection import PageHeader, Selection, page_header


@dataclass(frozen=True, eq=False)
class DaftarView:
    """The innovation list as the page shows it.

    Attributes
    ----------
    header : PageHeader
    records : pandas.DataFrame
        The filtered innovations that hold every word of the search.
    count : str
        How many were found (``12 inovasi ditampilkan``).
    """

    header: PageHeader
    records: pd.DataFrame
    count: str


def daftar_view(
    selection: Selection, query: str = "", lang: str = "id", haystack: pd.Series | None = None
) -> DaftarView:
    """Return the innovations of `selection` that match the search `query`.

    Parameters
    ----------
    selection : Selection
    query : str
        Words to find (every one, case ignored); empty: every filtered innovation.
    lang : {"id", "en"}
    haystack : pandas.Series, optional
        :func:`~lebak_dash.analysis.listing.search_text` of the whole dataset, kept from load.
    """
    found = search_records(selection.records, query, haystack)
    return DaftarView(
        header=page_header(selection, "daftar", lang),
        records=found,
        count=t("daftar.count", lang, count=len(found)),
    )


#: Date columns of the records.
_DATES = ("tanggal_mulai", "tanggal_input", "tanggal_pengembangan")


def _detail_value(key: str, value: Any, lang: str) -> str:
    if key == "kecamatan":
        names = tuple(value) if isinstance(value, tuple | list) else ()
        return ", ".join(names) if names else gap_label(NOT_STATED, lang)
    if value is None or (not isinstance(value, str | tuple | list) and pd.isna(value)):
        return gap_label(NO_OPD, lang) if key == "opd" else "-"
    if key in _DATES:
        return fmt_date(pd.Timestamp(value), lang)
    if key == "anggaran":
        return fmt_rupiah(value, lang)
    if key in ("tahun", "sumber_baris"):
        return str(int(value))  # a year is never grouped: 2019, not 2.019
    if isinstance(value, float) and value.is_integer():
        return fmt_int(value, lang)
    return str(value)


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str | tuple | list) and bool(pd.isna(value)))


def innovation_details(record: pd.Series, extra_columns: Iterable[str] = (), lang: str = "id") -> pd.DataFrame:
    """Return one innovation as (field label, value as text) rows: every contract column, the
    workbook's extra columns, then the source sheet and row. What it lacks is said (``OPD belum
    diisi``, ``Tahap belum diisi``); a 5D stage derived from the IID stage is marked so.

    Parameters
    ----------
    record : pandas.Series
        One row of the records.
    extra_columns : iterable of str
        The workbook's extra columns.
    lang : {"id", "en"}

    Returns
    -------
    pandas.DataFrame
        Columns ``kolom`` (label), ``isi`` (text) and ``kunci`` (the column key).
    """
    rows: list[tuple[str, str, str]] = []
    shown = dict.fromkeys((*RECORD_KEYS, "lat", "lon", *extra_columns, "sumber_sheet", "sumber_baris"))
    shown.pop(DERIVED, None)
    derived = bool(record.get(DERIVED, False)) and not _blank(record.get("tahapan"))
    no_stage = all(k not in record.index or _blank(record[k]) for k in ("tahapan", "tahapan_iid"))
    for key in shown:
        if key not in record.index or (no_stage and key == "tahapan_iid"):
            continue
        if no_stage and key == "tahapan":
            rows.append((t("filter.tahapan_any", lang), gap_label(NO_STAGE, lang), key))
            continue
        text = _detail_value(key, record[key], lang)
        if key == "tahapan" and derived:
            text = derived_label(text, lang)
        rows.append((column_label(str(key), lang), text, key))
    return pd.DataFrame(rows, columns=["kolom", "isi", "kunci"])
