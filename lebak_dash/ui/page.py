"""What every dashboard page does first, and how it shows a chart.

A page reads as: ``ctx = setup("ringkasan")`` (language, data, filter panel, URL, banner, title,
active filters), then its widgets, then its view (``ringkasan_view(ctx.selection, ctx.lang)``
from :mod:`lebak_dash.views`), then :func:`show_chart` and the widgets of
:mod:`lebak_dash.ui.widgets` to draw what the view holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from lebak_dash.analysis.filters import FilterOptions, Filters
from lebak_dash.charts.style import with_source
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_datetime
from lebak_dash.records.reference import Reference
from lebak_dash.store import StoreError
from lebak_dash.ui import state
from lebak_dash.ui.access import require_viewer
from lebak_dash.ui.data import Prepared, get_dataset, get_prepared, get_selection, stop_unreadable
from lebak_dash.ui.filters import RESET_WIDGET, filter_panel
from lebak_dash.ui.router import leave_legacy_pages_mode
from lebak_dash.ui.share import chart_config, share_control
from lebak_dash.ui.text import escape_markdown
from lebak_dash.views.chart_text import ChartText
from lebak_dash.views.dataset import Dataset
from lebak_dash.views.labels import stage_filter_label
from lebak_dash.views.selection import PageHeader, Selection, page_header

#: Plotly's toolbar: keep the picture download (a 1200-pixel PNG, :func:`lebak_dash.ui.share.chart_config`),
#: drop zoom tools that confuse at a glance; never the plotly logo link (no request leaves the server).
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
        What is derived once per data version (filter choices, search text, list table).
    selection : Selection
        The dataset under the filters in force: what the page's view function takes.
    """

    lang: str
    dataset: Dataset
    prepared: Prepared
    selection: Selection

    @property
    def filters(self) -> Filters:
        """Return the filters in force."""
        return self.selection.filters

    @property
    def reference(self) -> Reference:
        """Return the dataset's reference tables."""
        return self.dataset.reference

    @property
    def options(self) -> FilterOptions:
        """Return the filter panel's choices."""
        return self.prepared.options


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


def source_text(dataset: Dataset, lang: str) -> str:
    """Return which data a chart shows, for the last line of its subtitle (and so its picture)."""
    if dataset.is_sample:
        return t("chart.source_sample", lang)
    return t("chart.source", lang, filename=dataset.filename, date=fmt_date(dataset.uploaded_at, lang))


def active_filters_bar(header: PageHeader, lang: str) -> None:
    """Say how many innovations are shown, which filters are on, and offer the reset."""
    if not header.filters:
        st.caption(f"{header.count} · {t('filter.none', lang)}")
        return
    left, right = st.columns([5, 1], vertical_alignment="center")
    with left:
        # Filter values can be user text (OPD names as written): escaped.
        st.caption(header.count + " · " + t("filter.active", lang, items=escape_markdown(header.filters)))
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
    try:
        dataset = get_dataset()
    except StoreError as exc:  # a lost database connection: the message and a retry, not a traceback
        stop_unreadable(exc, lang)
    prepared = get_prepared(dataset)
    filters = filter_panel(dataset, prepared, lang)
    state.sync_url(filters, lang)
    selection = get_selection(dataset, filters)
    header = page_header(selection, page, lang)
    st.title(header.title)
    data_notice(dataset, lang)
    active_filters_bar(header, lang)
    share_control(filters, lang)
    return PageContext(lang=lang, dataset=dataset, prepared=prepared, selection=selection)


#: Key prefix of the "Lihat data" expanders (their open state is in the session, by chart name).
DATA_KEY_PREFIX = "chart_data_"


def chart_numbers(data: ChartText, lang: str, name: str) -> None:
    """Show a chart's numbers as text: its summary sentence, and its values as a real table in a
    "Lihat data" expander (``st.table``: HTML a screen reader and a keyboard reach, not a canvas).

    The table is made only once the expander is opened (``on_change="rerun"``: opening it reruns
    the page, the view coming from the cache): a page's first drawing then carries its charts, not
    one hidden table per chart, which kept the browser about 0.7 s from the first chart
    (docs/performance.md). ``st.caption`` and ``st.table`` render Markdown: every piece goes
    through :func:`escape_markdown` (the summary and the cells can hold user text, such as OPD names).
    """
    st.caption(escape_markdown(data.summary))
    if data.table.empty:
        return
    box = st.expander(t("chart.data", lang), key=f"{DATA_KEY_PREFIX}{name}", on_change="rerun")
    with box:
        if box.open:
            shown = data.table.map(escape_markdown)
            shown.columns = [escape_markdown(str(c)) for c in shown.columns]
            st.table(shown, hide_index=True, border="horizontal")


def show_chart(
    figure: go.Figure,
    name: str,
    dimension: str | None = None,
    ctx: PageContext | None = None,
    data: ChartText | None = None,
) -> None:
    """Draw `figure` with its numbers as text; when `dimension` is given, a click on it sets that
    filter (cross-filter).

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
    name : str
        Stable name of the chart on its page (part of its widget key).
    dimension : str, optional
        What the chart's categories are (``opd``, ``tahapan``, ``kecamatan``, ``tahun``, ``urusan``).
    ctx : PageContext, optional
        When given and `dimension` is filtered, a button under the chart clears that filter
        (the way back from a click; plotly's double click does not reach Streamlit here).
    data : ChartText, optional
        The chart's summary and values (:func:`lebak_dash.views.chart_text.chart_text`): the
        summary is the chart's accessible name (``alt``) and is shown under it with the values
        (:func:`chart_numbers`).
    """
    key = state.chart_key(name)
    alt = data.summary if data is not None and data.summary.strip() else None
    lang = ctx.lang if ctx is not None else state.current_lang()
    # The data's name and date in the subtitle: a picture of the chart says what it shows.
    spec = with_source(figure, source_text(ctx.dataset if ctx is not None else get_dataset(), lang))
    config = chart_config(PLOTLY_CONFIG, name)
    if dimension is None:
        st.plotly_chart(spec, key=key, theme=None, config=config, alt=alt)
    else:
        st.plotly_chart(
            spec,
            key=key,
            theme=None,
            config=config,
            on_select=state.chart_select_callback(key, dimension),
            selection_mode="points",
            alt=alt,
        )
    if dimension is not None and ctx is not None and ctx.filters.restricts(dimension):
        what = stage_filter_label(ctx.dataset.stages, ctx.lang) if dimension == "tahapan" else None
        st.button(
            t("cross.clear", ctx.lang, what=what or t(f"filter.{dimension}", ctx.lang)),
            key=f"clear_{name}",
            on_click=state.clear_dimension,
            args=(dimension,),
            type="tertiary",
        )
    if data is not None:
        chart_numbers(data, lang, name)
