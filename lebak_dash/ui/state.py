"""Per-session state of the dashboard: language, filters, chart selections, and the URL mirror.

The filters live in ``st.session_state`` under one key as a frozen :class:`Filters` value (the
*canonical* state). Widgets are views of it: widget state does not survive a page change in
Streamlit (a widget's identity includes its page), so the panel writes the canonical values
into the widget keys before drawing them on every page, and each widget's ``on_change``
callback writes back. Reset, chart clicks and a new data version all go through
:func:`set_filters`.

The URL mirrors the canonical state (:func:`sync_url`, on every run): Streamlit drops query
parameters when the user moves with the menu, so each page writes them back. A new session
(a bookmark, a shared link, a reload) starts from the URL. Within a session the URL wins too
when it names filters other than those this session last wrote there: a link that carries its
own filters (the completeness panel's "show these innovations", ``st.page_link(...,
query_params=...)``) opens exactly what it names. An address without filters (the menu dropped
them) keeps the session's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st

from lebak_dash.analysis.filters import FilterOptions, Filters, sanitize_filters
from lebak_dash.analysis.query import QUERY_KEYS, apply_selection, filters_from_query, filters_to_query
from lebak_dash.i18n import DEFAULT_LANG, LANGS
from lebak_dash.records.reference import Reference

FILTERS_KEY = "_lebak_filters"
LANG_KEY = "_lebak_lang"
DATA_KEY = "_lebak_filters_data"
OPTIONS_KEY = "_lebak_filter_options"
GENERATION_KEY = "_lebak_chart_generation"
#: The filter parameters as this session last wrote them into the URL.
WRITTEN_KEY = "_lebak_filters_written"
#: URL parameters of the filters.
FILTER_PARAMS: tuple[str, ...] = tuple(QUERY_KEYS.values())
#: URL parameter of the language.
LANG_PARAM = "lang"
#: URL parameters this module writes (others, e.g. a presentation's, are left alone).
OWNED_PARAMS: tuple[str, ...] = (*QUERY_KEYS.values(), LANG_PARAM)


def _query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _filter_params(query: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: values for key, values in query.items() if key in FILTER_PARAMS and values}


# ------------------------------------------------------------------------------------- language
def current_lang() -> str:
    """Return the session's language (``id`` or ``en``): from the session, else from the URL."""
    state = st.session_state
    if state.get(LANG_KEY) not in LANGS:
        values = st.query_params.get_all(LANG_PARAM)
        state[LANG_KEY] = values[-1] if values and values[-1] in LANGS else DEFAULT_LANG
    return state[LANG_KEY]


def set_lang(lang: str) -> None:
    """Set the session's language (ignored when not one of ``LANGS``)."""
    if lang in LANGS:
        st.session_state[LANG_KEY] = lang


# -------------------------------------------------------------------------------------- filters
def current_filters(options: FilterOptions, reference: Reference, data_key: str) -> Filters:
    """Return the session's filters, checked against the dataset's `options`.

    The first run of a session reads them from the URL; when the data version changes, values
    the new data does not offer are dropped.
    """
    state = st.session_state
    query = _query_dict()
    params, written = _filter_params(query), state.get(WRITTEN_KEY)
    if not isinstance(state.get(FILTERS_KEY), Filters):
        state[FILTERS_KEY] = sanitize_filters(filters_from_query(query), options, reference)
        state[DATA_KEY] = data_key
    elif written is not None and params and params != written:
        # A link that names its own filters (or an edited address): the URL wins.
        set_filters(sanitize_filters(filters_from_query(query), options, reference))
        state[DATA_KEY] = data_key
    elif state.get(DATA_KEY) != data_key:
        state[FILTERS_KEY] = sanitize_filters(state[FILTERS_KEY], options, reference)
        state[DATA_KEY] = data_key
    # Kept for the chart-click callbacks, which run before the page (same cached object).
    state[OPTIONS_KEY] = options
    return state[FILTERS_KEY]


def peek_filters() -> Filters:
    """Return the session's filters as they are (no check; empty before the first page run)."""
    value = st.session_state.get(FILTERS_KEY)
    return value if isinstance(value, Filters) else Filters()


def set_filters(filters: Filters, *, clear_selections: bool = True) -> None:
    """Replace the session's filters.

    Parameters
    ----------
    filters : Filters
    clear_selections : bool
        Give every chart a fresh key so a bar selected earlier is no longer shown selected
        (True for the panel and reset; False for a chart click, whose chart keeps its selection).
    """
    state = st.session_state
    state[FILTERS_KEY] = filters
    if clear_selections:
        state[GENERATION_KEY] = int(state.get(GENERATION_KEY, 0)) + 1


def reset_filters() -> None:
    """Clear every filter (the one-click reset; used as a button callback)."""
    set_filters(Filters())


def clear_dimension(dimension: str) -> None:
    """Remove one dimension's filter (the "clear this selection" button under a chart)."""
    set_filters(peek_filters().without(dimension))


def chart_key(name: str) -> str:
    """Return the widget key of chart `name` in the current selection generation."""
    return f"chart_{name}_{int(st.session_state.get(GENERATION_KEY, 0))}"


def chart_select_callback(key: str, dimension: str) -> Callable[[], None]:
    """Return the ``on_select`` callback of a chart: its selection sets the `dimension` filter."""

    def _on_select() -> None:
        state = st.session_state
        options = state.get(OPTIONS_KEY)
        event = state.get(key)
        set_filters(apply_selection(peek_filters(), dimension, event, options), clear_selections=False)

    return _on_select


# ------------------------------------------------------------------------------------------ URL
def desired_query(filters: Filters, lang: str) -> dict[str, str]:
    """Return the URL parameters that describe `filters` and `lang` (defaults left out)."""
    query = filters_to_query(filters)
    if lang != DEFAULT_LANG:
        query[LANG_PARAM] = lang
    return query


def write_query(desired: dict[str, str], owned: Iterable[str]) -> None:
    """Make the URL's `owned` parameters equal to `desired` (absent there: removed); leave others.

    Only changed parameters are written, so a run that changes nothing sends nothing.
    """
    for key in owned:
        want = desired.get(key)
        have = st.query_params.get_all(key)
        if want is None:
            if have:
                del st.query_params[key]
        elif have != [want]:
            st.query_params[key] = want


def sync_url(filters: Filters, lang: str) -> None:
    """Write `filters` and `lang` into the URL, changing only the parameters this app owns."""
    desired = desired_query(filters, lang)
    write_query(desired, OWNED_PARAMS)
    st.session_state[WRITTEN_KEY] = {key: [value] for key, value in desired.items() if key in FILTER_PARAMS}
