"""What every dashboard page does first, and how it shows a chart.

A page reads as: ``ctx = setup("ringkasan")`` (language, data, filter panel, URL, banner, title),
then aggregations from :mod:`lebak_dash.analysis` on ``ctx.records`` or ``ctx.view(...)``, figures
from :mod:`lebak_dash.charts`, and :func:`show_chart`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lebak_dash.analysis import FilterOptions, Filters, apply_filters
from lebak_dash.charts import LIGHT, ChartStyle
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime, fmt_int
from lebak_dash.records.reference import Reference
from lebak_dash.ui import state
from lebak_dash.ui.access import require_viewer
from lebak_dash.ui.data import Prepared, get_dataset, get_prepared
from lebak_dash.ui.filters import RESET_WIDGET, filter_panel, kecamatan_label
from lebak_dash.ui.router import leave_legacy_pages_mode
from lebak_dash.ui.text import escape_markdown
from lebak_dash.views.dataset import Dataset

#: Plotly's toolbar: keep the picture download, drop zoom tools that confuse at a glance; never
#: the plotly logo link (no request leaves the server).
PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d", "zoomIn2d", "zoomOut2d"],
    "scrollZoom": False,
}


@dataclass(frozen=True)
class PageContext:
    """What a page works with after :func:`setup`.

    Attributes
    ----------
    lang : str
    dataset : Dataset
    prepared : Prepared
    filters : Filters
        Filters in force.
    records : pandas.DataFrame
        The records that pass `filters` (read-only).
    style : ChartStyle
    """

    lang: str
    dataset: Dataset
    prepared: Prepared
    filters: Filters
    records: pd.DataFrame
    style: ChartStyle = LIGHT

    @property
    def reference(self) -> Reference:
        """Return the dataset's reference tables."""
        return self.dataset.reference

    @property
    def options(self) -> FilterOptions:
        """Return the filter panel's choices."""
        return self.prepared.options

    @property
    def kecamatan_long(self) -> pd.DataFrame:
        """Return the exploded kecamatan table kept from load."""
        return self.dataset.kecamatan_long

    def view(self, *without: str) -> pd.DataFrame:
        """Return the records with every filter but those of `without` (a chart ignores its own
        dimension, so the clicked bar stays visible among the others)."""
        if not without or not any(getattr(self.filters, d) for d in without):
            return self.records
        return apply_filters(self.dataset, self.filters.without(*without))


def data_notice(dataset: Dataset, lang: str) -> None:
    """Show the sample-data banner (when the sample is shown) and which data version is on screen."""
    if dataset.is_sample:
        st.warning(t("data.sample_banner", lang), icon="⚠️")
        st.caption(t("data.caption_sample", lang, filename=escape_markdown(dataset.filename)))
        return
    version = str(dataset.version) if dataset.version is not None else t("data.version_none", lang)
    st.caption(
        t(
            "data.caption",
            lang,
            filename=escape_markdown(dataset.filename),
            version=escape_markdown(version),
            uploaded=fmt_datetime(dataset.uploaded_at, lang),
        )
    )


def _describe(filters: Filters, lang: str) -> str:
    items: list[str] = []
    if filters.tahun is not None:
        lo, hi = filters.tahun
        items.append(f"{t('filter.tahun', lang)} {lo}" if lo == hi else f"{t('filter.tahun', lang)} {lo}-{hi}")
    for field in ("opd", "kecamatan", "tahapan", "jenis", "bentuk"):
        values = getattr(filters, field)
        if values:
            shown = [kecamatan_label(v, lang) for v in values] if field == "kecamatan" else list(values)
            items.append(f"{t(f'filter.{field}', lang)}: {', '.join(shown)}")
    return " · ".join(items)


def active_filters_bar(filters: Filters, shown: int, total: int, lang: str) -> None:
    """Say how many innovations are shown, which filters are on, and offer the reset."""
    count = t("filter.count", lang, n=fmt_int(shown, lang), count=total)
    if filters.is_empty:
        st.caption(f"{count} · {t('filter.none', lang)}")
        return
    left, right = st.columns([5, 1], vertical_alignment="center")
    with left:
        # Filter values can be user text (OPD names as written): escaped.
        st.caption(count + " · " + t("filter.active", lang, items=escape_markdown(_describe(filters, lang))))
    with right:
        st.button(
            t("filter.reset", lang),
            key=f"{RESET_WIDGET}_top",
            on_click=state.reset_filters,
            width="stretch",
        )


def setup(page: str) -> PageContext:
    """Prepare a dashboard page: data, filter panel, URL, banner, title and active filters.

    Parameters
    ----------
    page : str
        Page key (``ringkasan``, ``opd``...): its title is the string ``<page>.title``.
    """
    leave_legacy_pages_mode()
    lang = state.current_lang()
    require_viewer(lang)  # stops at the viewer password form when one is set and not given yet
    dataset = get_dataset()
    prepared = get_prepared(dataset)
    filters = filter_panel(dataset, prepared, lang)
    state.sync_url(filters, lang)
    st.title(t(f"{page}.title", lang))
    data_notice(dataset, lang)
    records = apply_filters(dataset, filters)
    active_filters_bar(filters, len(records), len(dataset.records), lang)
    return PageContext(lang=lang, dataset=dataset, prepared=prepared, filters=filters, records=records)


def show_chart(figure: go.Figure, name: str, dimension: str | None = None, ctx: PageContext | None = None) -> None:
    """Draw `figure`; when `dimension` is given, a click on it sets that filter (cross-filter).

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
    name : str
        Stable name of the chart on its page (part of its widget key).
    dimension : str, optional
        What the chart's categories are (``opd``, ``tahapan``, ``kecamatan``, ``tahun``).
    ctx : PageContext, optional
        When given and `dimension` is filtered, a button under the chart clears that filter
        (the way back from a click; plotly's double click does not reach Streamlit here).
    """
    key = state.chart_key(name)
    if dimension is None:
        st.plotly_chart(figure, key=key, theme=None, config=PLOTLY_CONFIG)
        return
    st.plotly_chart(
        figure,
        key=key,
        theme=None,
        config=PLOTLY_CONFIG,
        on_select=state.chart_select_callback(key, dimension),
        selection_mode="points",
    )
    if ctx is not None and getattr(ctx.filters, dimension):
        st.button(
            t("cross.clear", ctx.lang, what=t(f"filter.{dimension}", ctx.lang)),
            key=f"clear_{name}",
            on_click=state.clear_dimension,
            args=(dimension,),
            type="tertiary",
        )


def empty_notice(ctx: PageContext) -> bool:
    """Say so and return True when the filters leave no innovation."""
    if len(ctx.records) == 0:
        st.info(t("empty.filtered", ctx.lang), icon="🔎")
        return True
    return False
