"""Words and numbers every view shares: the filter description, the kecamatan label, the KPI
cards, the column labels.

Each exists once, so the pages, the briefing and the presentation name the same thing the same
way (their sentences around it may differ: "Filter aktif: ..." on a page, "Seluruh Kabupaten
Lebak" on an unfiltered slide).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lebak_dash.analysis.aggregate import KPI_KEYS
from lebak_dash.analysis.filters import VALUE_DIMENSIONS, Filters
from lebak_dash.analysis.stages import DERIVED_PREFIX, MODEL_5D, MODEL_IID, StageScheme, model_of
from lebak_dash.charts.style import derived_label, gap_label
from lebak_dash.i18n import STRINGS, t
from lebak_dash.i18n.formatting import fmt_int, fmt_percent
from lebak_dash.records.schema import IID_STAGES, KABUPATEN_WIDE, NOT_STATED, STAGES


def kecamatan_label(name: str, lang: str) -> str:
    """Return how a kecamatan value is named (the two special labels explained).

    Examples
    --------
    >>> kecamatan_label("Semua Kecamatan", "id"), kecamatan_label("Maja", "en")
    ('Semua Kecamatan (se-kabupaten)', 'Maja')
    """
    if name == KABUPATEN_WIDE:
        return t("label.semua_kecamatan", lang)
    if name == NOT_STATED:
        return t("label.tidak_disebut", lang)
    return name


def stage_filter_label(values: tuple[str, ...] | StageScheme, lang: str) -> str:
    """Return the name of the stage filter: ``Tahapan 5D``, ``Tahapan IID``, or ``Tahapan (5D/IID)``.

    Parameters
    ----------
    values : tuple of str or StageScheme
        The chosen stages (a filter's description names the model they belong to), or the data's
        scheme (the panel names the models the data holds).

    Examples
    --------
    >>> stage_filter_label(("Delivery",), "id"), stage_filter_label(("Penerapan",), "en")
    ('Tahapan 5D', 'IID stage')
    >>> stage_filter_label(("Design", "Uji Coba"), "id")
    'Tahapan (5D/IID)'
    """
    if isinstance(values, StageScheme):
        models = set(values.models)
    else:
        models = {m for m in map(model_of, values) if m is not None} or {MODEL_5D}
    if models == {MODEL_IID}:
        return t("filter.tahapan_iid", lang)
    return t("filter.tahapan", lang) if models == {MODEL_5D} else t("filter.tahapan_any", lang)


def filter_value_label(dimension: str, value: str, lang: str) -> str:
    """Return how a filter value is named: kecamatan labels explained, gaps in `lang`, others as written."""
    if dimension == "kecamatan":
        return kecamatan_label(value, lang)
    return gap_label(value, lang)


def describe_filters(filters: Filters, lang: str) -> str:
    """Return the filters in words (empty when nothing is filtered).

    Kabupaten-wide innovations follow the pages' rule
    (:func:`~lebak_dash.analysis.filters.kecamatan_labels`): they match every chosen kecamatan
    unless the toggle is off, which is said after the kecamatan, and only when it changes what
    matches (a real kecamatan is chosen).

    Examples
    --------
    >>> describe_filters(Filters(tahun=(2019, 2021), tahapan=("Delivery",)), "id")
    'Tahun 2019-2021 · Tahapan 5D: Delivery'
    >>> describe_filters(Filters(kecamatan=("Maja",), kabupaten_wide=False), "id")
    'Kecamatan: Maja (tanpa inovasi se-kabupaten)'
    >>> describe_filters(Filters(kecamatan=("Semua Kecamatan",), kabupaten_wide=False), "en")
    'District (kecamatan): All districts (kabupaten-wide)'
    >>> describe_filters(Filters(), "id")
    ''
    """
    items: list[str] = []
    if filters.no_year:
        items.append(t("label.no_year", lang))
    elif filters.tahun is not None:
        lo, hi = filters.tahun
        items.append(f"{t('filter.tahun', lang)} {lo}" if lo == hi else f"{t('filter.tahun', lang)} {lo}-{hi}")
    for dimension in VALUE_DIMENSIONS:
        values = tuple(getattr(filters, dimension))
        if not values:
            continue
        text = ", ".join(filter_value_label(dimension, v, lang) for v in values)
        # The toggle matters only when a real kecamatan is chosen (see kecamatan_labels).
        if dimension == "kecamatan" and not filters.kabupaten_wide and set(values) - {KABUPATEN_WIDE, NOT_STATED}:
            text += " " + t("filter.own_only", lang)
        name = stage_filter_label(values, lang) if dimension == "tahapan" else t(f"filter.{dimension}", lang)
        items.append(f"{name}: {text}")
    return " · ".join(items)


@dataclass(frozen=True)
class KpiCard:
    """One headline number of the Ringkasan page, as every view shows it.

    Attributes
    ----------
    key : str
        ``inovasi``, ``opd``, ``kecamatan`` or ``delivery_display`` (rows of
        :func:`~lebak_dash.analysis.aggregate.kpis`).
    label : str
    value : str
        The big number: ``480``, ``38 dari 61``, ``57%``.
    detail : str
        The line under it: ``62%``, ``4 dari 7`` (empty for the innovations).
    help : str
        What the number counts.
    count, total : int
        The number and what it is counted of (``nilai`` and ``dari``).
    count_text, total_text, share_text : str
        `count`, `total` and their share, formatted.
    """

    key: str
    label: str
    value: str
    detail: str
    help: str
    count: int
    total: int
    count_text: str
    total_text: str
    share_text: str


def kpi_cards(kpis: pd.DataFrame, lang: str, stages: StageScheme | None = None) -> tuple[KpiCard, ...]:
    """Return the four KPI cards of :func:`~lebak_dash.analysis.aggregate.kpis`, formatted once.

    The fourth card names the stages it counts after the data's models (`stages`): "Sampai
    Delivery/Display" (5D), "Sampai Penerapan" (IID), "Sudah diterapkan" (both).

    Examples
    --------
    >>> frame = pd.DataFrame({"nilai": [7, 3, 2, 4], "dari": [7, 5, 3, 7]}, index=list(KPI_KEYS))
    >>> frame["persen"] = frame["nilai"] / frame["dari"]
    >>> [(c.value, c.detail) for c in kpi_cards(frame, "id")]
    [('7', ''), ('3 dari 5', '60%'), ('2 dari 3', '67%'), ('57%', '4 dari 7')]
    """
    cards = []
    for key in KPI_KEYS:
        row = kpis.loc[key]
        count, total = int(row["nilai"]), int(row["dari"])
        count_text, total_text = fmt_int(count, lang), fmt_int(total, lang)
        share_text = fmt_percent(row["persen"], lang)
        of = t("kpi.of", lang, n=count_text, total=total_text)
        if key == "inovasi":
            value, detail = count_text, ""
        elif key == "delivery_display":
            value, detail = share_text, of
        else:
            value, detail = of, share_text
        name = implemented_key(stages) if key == "delivery_display" else key
        cards.append(
            KpiCard(
                key=key,
                label=t(f"kpi.{name}", lang),
                value=value,
                detail=detail,
                help=t(f"kpi.{name}_help", lang),
                count=count,
                total=total,
                count_text=count_text,
                total_text=total_text,
                share_text=share_text,
            )
        )
    return tuple(cards)


def models_suffix(stages: StageScheme | None) -> str:
    """Return the suffix of the strings that name the data's stage models: ``""`` (5D), ``"_iid"``
    (IID alone), ``"_both"``.

    Examples
    --------
    >>> models_suffix(StageScheme()), models_suffix(StageScheme(models=("5d", "iid")))
    ('', '_both')
    """
    models = set(stages.models) if stages is not None else {MODEL_5D}
    if models == {MODEL_IID}:
        return "_iid"
    return "" if models == {MODEL_5D} else "_both"


def implemented_key(stages: StageScheme | None) -> str:
    """Return how the "implemented" card is named for the data's models: ``delivery`` (5D),
    ``delivery_iid`` (IID), ``delivery_both`` (both)."""
    return f"delivery{models_suffix(stages)}"


def column_label(key: str, lang: str) -> str:
    """Return the label of a table column in `lang`: record columns, progress columns, table
    columns (``kind``, ``jumlah``...), stage names; the key itself when none fits (a workbook's
    extra column is shown as written).

    Examples
    --------
    >>> column_label("opd", "id"), column_label("kind", "en"), column_label("Catatan Bappeda", "en")
    ('OPD', 'Kind', 'Catatan Bappeda')
    """
    for candidate in (f"col.{key}", f"prog.col.{key}", f"table.{key}"):
        if candidate in STRINGS:
            return t(candidate, lang)
    if key in STAGES or key in IID_STAGES:
        return t(f"stagename.{key}", lang)
    if key.startswith(DERIVED_PREFIX):
        return derived_label(key.removeprefix(DERIVED_PREFIX), lang)
    return gap_label(key, lang)


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return `frame` with its columns renamed by :func:`column_label` (a table as it is shown)."""
    return frame.rename(columns={c: column_label(str(c), lang) for c in frame.columns})
