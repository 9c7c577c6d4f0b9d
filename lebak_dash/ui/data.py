"""Cached access to the dataset shown by the pages.

Caching sits here and only here. The dataset is built once per content key and shared by
every session (``st.cache_resource`` hands back the same object, with no pickle copy per hit:
never mutate it). What every page needs besides the records (the filter panel's choices, the
search text) is prepared once per data version too, keyed on ``Dataset.key``, so a filter change
costs a filter and a group-by, never a re-read or a re-explode. A filtered selection and each page's
view (its tables and figures) are kept per data version, filters and language, so twenty people
opening the same link (or one moving back and forth between pages) pay for them once.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import NoReturn, TypeVar, cast

import pandas as pd
import streamlit as st

from lebak_dash.analysis.filters import FilterOptions, Filters, filter_options
from lebak_dash.analysis.listing import list_frame, search_text
from lebak_dash.i18n import t
from lebak_dash.records.region import Region, default_region
from lebak_dash.store import ActiveState, Store, StoreError
from lebak_dash.ui.text import error_text
from lebak_dash.views.dataset import Dataset, load_active_dataset
from lebak_dash.views.selection import Selection, select

V = TypeVar("V")
#: Selections kept per server: each holds its filtered records (at 100,000 rows up to ~40 MB).
SELECTION_ENTRIES = 8
#: Page views kept per server: figures and aggregated tables only, a few hundred kB each.
VIEW_ENTRIES = 64


@dataclass(frozen=True)
class Prepared:
    """What the pages derive once from a dataset.

    Attributes
    ----------
    key : str
        ``Dataset.key`` this was derived from.
    options : FilterOptions
        Choices of the filter panel.
    haystack : pandas.Series
        Lower-case search text per record (same index as the records).
    table : pandas.DataFrame
        The records as the innovation list shows them (:func:`~lebak_dash.analysis.listing.list_frame`),
        same index: a page takes the rows it needs instead of rebuilding it on every rerun.
    """

    key: str
    options: FilterOptions
    haystack: pd.Series
    table: pd.DataFrame


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """Return the data store (``LEBAK_DATA_DIR`` or ``data/store``), opened once per server."""
    return Store.open()


@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset(key: str, _store: Store, _state: ActiveState) -> Dataset:
    # Keyed on the active state's key only; the state itself is passed so that a version activated
    # between reading the key and loading can never be cached under the old key.
    dataset = load_active_dataset(_store, _state)
    _freeze_long_lived_objects()
    return dataset


def get_dataset() -> Dataset:
    """Return the dataset to show: the store's active version, or the bundled sample.

    One small SQLite read per rerun learns which version is active, so every session shows a
    newly activated version on its next interaction, without a restart.
    """
    store = get_store()
    state = store.active_state()
    store.region()  # a region set elsewhere (the command line, another server) shows on the next rerun
    return _dataset(state.key, store, state)


def stop_unreadable(exc: StoreError, lang: str) -> NoReturn:
    """Say why the store cannot be read (a lost database connection...), offer a retry, and stop the page.

    The retry button's click reruns the page, which opens the store again on a fresh connection.
    """
    st.error(error_text(exc, lang))
    st.button(t("store.retry", lang), key="store_retry")
    st.stop()


def active_region() -> Region:
    """Return the store's region (its words and time zone then apply to every text); the shipped one without a store."""
    try:
        return get_store().region()
    except StoreError:
        return default_region()


@st.cache_resource(show_spinner=False, max_entries=4)
def _prepare(key: str, _dataset: Dataset) -> Prepared:
    # `key` identifies the content; the dataset itself is not hashed (leading underscore).
    records = _dataset.records
    prepared = Prepared(
        key=key,
        options=filter_options(records, _dataset.reference, _dataset.kecamatan_long, _dataset.stages),
        haystack=search_text(records),
        table=list_frame(records, _dataset.extra_columns),
    )
    _freeze_long_lived_objects()
    return prepared


def _freeze_long_lived_objects() -> None:
    """Move what is alive now (modules, the cached data) out of the garbage collector's sight.

    Streamlit runs a full ``gc.collect()`` after every script run (``runner.postScriptGC``); its
    cost grows with every object the process holds (pandas, pyarrow, plotly's modules, the data),
    about 70 ms here. Objects frozen with :func:`gc.freeze` are skipped, so a rerun only pays for
    what it created. Called once per data version: unfreezing first lets the previous version's
    data be collected once it has left the caches.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def get_prepared(dataset: Dataset) -> Prepared:
    """Return the filter choices and search text of `dataset`, computed once per data version."""
    return _prepare(dataset.key, dataset)


@st.cache_resource(show_spinner=False, max_entries=SELECTION_ENTRIES)
def _selection(key: str, filters: str, _dataset: Dataset, _filters: Filters) -> Selection:
    # Keyed on the content key and the filters' repr (a frozen dataclass: deterministic).
    return select(_dataset, _filters)


def get_selection(dataset: Dataset, filters: Filters) -> Selection:
    """Return `dataset` under `filters`, filtered once per data version and filters (never mutate it)."""
    return _selection(dataset.key, repr(filters), dataset, filters)


@st.cache_resource(show_spinner=False, max_entries=VIEW_ENTRIES)
def _view(
    name: str,
    key: str,
    filters: str,
    lang: str,
    params: tuple[tuple[str, Hashable], ...],
    _build: Callable[..., object],
    _selection: Selection,
) -> object:
    return _build(_selection, lang, **dict(params))


def cached_view(build: Callable[..., V], selection: Selection, lang: str, **params: Hashable) -> V:
    """Return ``build(selection, lang, **params)``, built once per data version, filters, language
    and `params` and shared by every session (never mutate it).

    Parameters
    ----------
    build : callable
        A page's view function (:func:`lebak_dash.views.ringkasan.ringkasan_view`...): pure, so
        what it returns depends on nothing but its arguments.
    selection : Selection
    lang : {"id", "en"}
    **params
        The view's other arguments (hashable: the page's display choices).
    """
    name = f"{build.__module__}.{build.__qualname__}"
    params_key = tuple(sorted(params.items()))
    view = _view(name, selection.dataset.key, repr(selection.filters), lang, params_key, build, selection)
    return cast(V, view)
