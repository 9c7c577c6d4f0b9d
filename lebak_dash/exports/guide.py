"""The user-facing version of the spreadsheet contract (``Panduan Data``), generated, never typed.

Everything the guide says about columns, aliases, stages, kecamatan and limits comes from
:mod:`lebak_dash.records.schema`, the reference tables and :class:`~lebak_dash.config.Limits`, so the
guide cannot drift from what the importer does. Pure: no Streamlit; the page renders the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lebak_dash.config import Limits
from lebak_dash.i18n import t
from lebak_dash.ingest.header import HEADER_SEARCH_ROWS
from lebak_dash.records.coordinates import LAT_RANGE, LON_RANGE
from lebak_dash.records.reference import Reference, load_reference
from lebak_dash.records.schema import (
    COLUMNS,
    EXAMPLE_SHEET_WORDS,
    IID_STAGES,
    KABUPATEN_WIDE,
    NO_OPD,
    NO_STAGE,
    NOT_STATED,
    NUMBERING_HEADERS,
    REQUIRED_KEYS,
    SOURCE_KEYS,
    STAGES,
)

#: Example value of each column, as a person would type it in a workbook.
EXAMPLES: dict[str, str] = {
    "kode": "LBK-2019-001",
    "nama": "NRP Des",
    "opd": "Dinkes",
    "tahapan": "3. Design",
    "kecamatan": "Maja, Cibadak",
    "tahapan_iid": "Uji Coba",
    "koordinat": "-6,3523, 106,2488",
    "lat": "-6.3523",
    "lon": "106.2488",
    "pemda": "Kabupaten Lebak",
    "tahun": "2019",
    "tanggal_mulai": "28/11/2018",
    "tanggal_input": "22-07-2019",
    "tanggal_pengembangan": "5 Agustus 2020",
    "jenis": "Digital",
    "bentuk": "Inovasi Pelayanan Publik",
    "inisiator": "ASN",
    "inovator": "Euis Rohaeti",
    "urusan": "Kesehatan",
    "urusan_lain": "Pendidikan",
    "kematangan": "85",
    "anggaran": "Rp 15.000.000",
    "deskripsi": "Layanan antar-jemput berkas kependudukan ke desa.",
    "tautan": "https://lebakkab.go.id",
}
#: Columns whose allowed values are described in words rather than listed.
_DESCRIBED: tuple[str, ...] = ("kode", "nama", "opd", "tahapan", "kecamatan", "koordinat", "lat", "lon", "pemda")
_DESCRIBED += ("tahun", "tanggal_mulai", "tanggal_input", "tanggal_pengembangan", "jenis", "inovator", "urusan")
_DESCRIBED += ("urusan_lain", "kematangan", "anggaran", "deskripsi", "tautan")
SECTIONS = (
    "files",
    "sheets",
    "iid",
    "mappings",
    "per_opd",
    "stages",
    "gaps",
    "opd",
    "kecamatan",
    "coordinates",
    "pemda",
    "dates",
    "rupiah",
    "year",
    "rejected",
    "duplicates",
    "limits",
)


@dataclass(frozen=True)
class Guide:
    """The guide in one language.

    Attributes
    ----------
    columns : pandas.DataFrame
        One row per column of the contract: ``key`` and the localised ``header`` (template
        header), ``aliases``, ``required``, ``values`` and ``example``; the display labels are in
        ``labels``.
    labels : dict
        Display label of each column of `columns`.
    sections : list of tuple
        ``(title, text)`` of every rule, in reading order.
    """

    columns: pd.DataFrame
    labels: dict[str, str]
    sections: list[tuple[str, str]]


def _column_values(key: str, reference: Reference, lang: str) -> str:
    column = next(c for c in COLUMNS if c.key == key)
    if key in _DESCRIBED:
        return t(
            f"guide.values.{key}",
            lang,
            opds=t("count.opds", lang, count=len(reference.opd_names)),
            wide=KABUPATEN_WIDE,
            stages=", ".join(STAGES),
            iid=", ".join(IID_STAGES),
            region=reference.region.full_name,
            lat=f"{LAT_RANGE[0]:g}..{LAT_RANGE[1]:g}",
            lon=f"{LON_RANGE[0]:g}..{LON_RANGE[1]:g}",
            values=", ".join(column.values),
        )
    return ", ".join(column.values)


def build_guide(lang: str = "id", reference: Reference | None = None, limits: Limits | None = None) -> Guide:
    """Return the user-facing contract in `lang` (``id`` or ``en``).

    Parameters
    ----------
    lang : {"id", "en"}
    reference : Reference, optional
        OPD and kecamatan tables (default: ``data/reference``).
    limits : Limits, optional
        Limits quoted in the guide (default: :meth:`Limits.from_env`).

    Returns
    -------
    Guide

    Examples
    --------
    >>> guide = build_guide()
    >>> guide.columns.loc[guide.columns["key"] == "tahapan", "header"].item()
    'Tahapan 5D'
    >>> guide.sections[0][0]
    'Berkas yang diterima'
    """
    reference = reference or load_reference()
    limits = limits or Limits.from_env()
    yes, no = t("guide.yes", lang), t("guide.no", lang)
    columns = pd.DataFrame(
        [
            {
                "key": c.key,
                "header": c.header,
                "aliases": ", ".join(c.aliases),
                "required": yes if c.required else no,
                "values": _column_values(c.key, reference, lang),
                "example": reference.region.full_name if c.key == "pemda" else EXAMPLES[c.key],
            }
            for c in COLUMNS
        ]
    )
    labels = {name: t(f"guide.label.{name}", lang) for name in columns.columns}
    required = ", ".join(next(c.header for c in COLUMNS if c.key == k) for k in REQUIRED_KEYS)
    stages = ", ".join(f"{n} = {s}" for n, s in enumerate(STAGES, start=1))
    params = {
        "rows": t("count.rows", lang, count=HEADER_SEARCH_ROWS),
        "required": required,
        "sheet_needs": t("detail.required_columns", lang),
        "examples": ", ".join(EXAMPLE_SHEET_WORDS),
        "iid": ", ".join(IID_STAGES),
        "no_opd": NO_OPD,
        "no_stage": NO_STAGE,
        "region": reference.region.full_name,
        "region_kind": reference.region.kind,
        "kind": reference.region.kind.lower(),
        "example": reference.kecamatan_names[0] if reference.kecamatan_names else "",
        "keys": ", ".join(SOURCE_KEYS),
        "lat": f"{LAT_RANGE[0]:g}..{LAT_RANGE[1]:g}",
        "lon": f"{LON_RANGE[0]:g}..{LON_RANGE[1]:g}",
        "numbering": ", ".join(NUMBERING_HEADERS),
        "stages": stages,
        "opds": t("count.opds", lang, count=len(reference.opd_names)),
        "kecamatan": ", ".join(reference.kecamatan_names),
        "count": len(reference.kecamatan_names),
        "wide": KABUPATEN_WIDE,
        "not_stated": NOT_STATED,
        "max_file_mb": f"{limits.max_file_mb:g}",
        "max_rows": t("count.rows", lang, count=limits.max_rows),
        "max_columns": t("count.columns", lang, count=limits.max_columns),
        "max_cells": t("count.cells", lang, count=limits.max_cells),
        "max_sheets": t("count.sheets", lang, count=limits.max_sheets),
        "max_text": t("count.characters", lang, count=limits.max_text),
    }
    sections = [(t(f"guide.{name}.title", lang), t(f"guide.{name}.text", lang, **params)) for name in SECTIONS]
    return Guide(columns=columns, labels=labels, sections=sections)
