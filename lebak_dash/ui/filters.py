"""The filter panel, the same on every dashboard page (sidebar): language, year range (and "only
those without a year" when some have none), OPD, kecamatan, stage (of the models the data holds),
jenis, bentuk and urusan (when the data has them), and a one-click reset.

Every widget has a fixed key (:data:`WIDGET_KEYS`), so tests can drive it by key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from lebak_dash.analysis.filters import VALUE_DIMENSIONS, Filters
from lebak_dash.charts.style import gap_label, stage_label
from lebak_dash.i18n import LANGS, t
from lebak_dash.ui import state
from lebak_dash.ui.data import Prepared
from lebak_dash.views.dataset import Dataset
from lebak_dash.views.labels import kecamatan_label, stage_filter_label

#: Widget key of each filter field.
WIDGET_KEYS: dict[str, str] = {
    "tahun": "f_tahun",
    "opd": "f_opd",
    "kecamatan": "f_kec",
    "tahapan": "f_tahap",
    "jenis": "f_jenis",
    "bentuk": "f_bentuk",
    "urusan": "f_urusan",
    "kabupaten_wide": "f_semua",
    "no_year": "f_tanpa_tahun",
}
LANG_WIDGET = "f_lang"
RESET_WIDGET = "f_reset"


def _on_lang() -> None:
    state.set_lang(st.session_state.get(LANG_WIDGET, ""))


def _on_change(field: str) -> None:
    """Write one widget's new value into the canonical filters (runs before the page)."""
    value = st.session_state.get(WIDGET_KEYS[field])
    current = state.peek_filters()
    if field == "tahun":
        options = st.session_state.get(state.OPTIONS_KEY)
        full = options.years if options is not None else None
        years = (int(value[0]), int(value[1])) if value else None
        updated = replace(current, tahun=None if years == full else years)
    elif field == "kabupaten_wide":
        updated = replace(current, kabupaten_wide=bool(value))
    elif field == "no_year":
        updated = replace(current, no_year=bool(value), tahun=None)
    else:
        updated = current.with_values(field, value or ())
    state.set_filters(updated)


def _multiselect(
    field: str,
    options: tuple[str, ...],
    lang: str,
    format_func: Callable[[str], str] = str,
    label: str | None = None,
) -> None:
    st.multiselect(
        label or t(f"filter.{field}", lang),
        options=list(options),
        key=WIDGET_KEYS[field],
        placeholder=t("filter.all", lang),
        on_change=_on_change,
        args=(field,),
        format_func=format_func,
    )


def filter_panel(dataset: Dataset, prepared: Prepared, lang: str) -> Filters:
    """Draw the language switch and the filter panel in the sidebar; return the filters in force.

    Parameters
    ----------
    dataset : Dataset
        The data shown (its reference tables resolve OPD/kecamatan aliases in a URL).
    prepared : Prepared
        The dataset's filter choices (:func:`lebak_dash.ui.data.get_prepared`).
    lang : {"id", "en"}
    """
    options = prepared.options
    filters = state.current_filters(options, dataset.reference, prepared.key)
    ss = st.session_state
    # Widgets show the canonical state (widget state does not survive a page change).
    ss[LANG_WIDGET] = lang
    # A slider needs two years at least.
    years = options.years if options.years is not None and options.years[0] < options.years[1] else None
    if years is not None:
        ss[WIDGET_KEYS["tahun"]] = filters.tahun or years
    for field in VALUE_DIMENSIONS:
        ss[WIDGET_KEYS[field]] = list(getattr(filters, field))
    ss[WIDGET_KEYS["kabupaten_wide"]] = filters.kabupaten_wide
    ss[WIDGET_KEYS["no_year"]] = filters.no_year

    with st.sidebar:
        st.radio(
            t("filter.lang", lang),
            options=list(LANGS),
            format_func=lambda code: t(f"label.lang.{code}", lang),
            key=LANG_WIDGET,
            horizontal=True,
            on_change=_on_lang,
        )
        st.header(t("filter.header", lang))
        if years is not None:
            lo, hi = years
            st.slider(
                t("filter.tahun", lang),
                min_value=lo,
                max_value=hi,
                step=1,
                key=WIDGET_KEYS["tahun"],
                on_change=_on_change,
                args=("tahun",),
                disabled=filters.no_year,
            )
        if options.missing_year:
            st.toggle(
                t("filter.no_year", lang),
                key=WIDGET_KEYS["no_year"],
                on_change=_on_change,
                args=("no_year",),
            )
        _multiselect("opd", options.opd, lang, format_func=lambda n: gap_label(n, lang))
        _multiselect("kecamatan", options.kecamatan, lang, format_func=lambda n: kecamatan_label(n, lang))
        if filters.kecamatan:
            st.toggle(
                t("filter.kabupaten_wide", lang),
                key=WIDGET_KEYS["kabupaten_wide"],
                help=t("filter.kabupaten_wide_help", lang),
                on_change=_on_change,
                args=("kabupaten_wide",),
            )
        _multiselect(
            "tahapan",
            options.tahapan,
            lang,
            format_func=lambda s: stage_label(s, lang),
            label=stage_filter_label(dataset.stages, lang),
        )
        if options.jenis:
            _multiselect("jenis", options.jenis, lang)
        if options.bentuk:
            _multiselect("bentuk", options.bentuk, lang)
        if options.urusan:
            _multiselect("urusan", options.urusan, lang)
        st.button(
            t("filter.reset", lang),
            key=RESET_WIDGET,
            on_click=state.reset_filters,
            disabled=filters.is_empty,
            width="stretch",
        )
        st.caption(t("filter.share_hint", lang))
    return filters
