"""The cache layer's page views (lebak_dash.ui.data.cached_view): built once per data version,
filters, language and display choice, shared by every session, rebuilt when any of them changes."""

from __future__ import annotations

import dataclasses

from lebak_dash.analysis.filters import Filters
from lebak_dash.ui.data import cached_view, get_selection
from lebak_dash.views.dataset import load_sample_dataset


def test_a_view_is_built_once_per_data_filters_language_and_choice(clear_streamlit_caches):
    dataset = load_sample_dataset()
    built: list[tuple[str, Filters, str, dict]] = []

    def view(selection, lang, **params):
        built.append((selection.dataset.key, selection.filters, lang, params))
        return object()

    first = cached_view(view, get_selection(dataset, Filters()), "id")
    # The same link opened again (another session, the same filters): the same object, no rebuild.
    assert cached_view(view, get_selection(dataset, Filters()), "id") is first
    assert get_selection(dataset, Filters()) is get_selection(dataset, Filters())
    newer = dataclasses.replace(dataset, key=dataset.key + ":v2")  # another data version
    variants = {
        "filters": (dataset, Filters(tahapan=("Display",)), "id", {}),
        "language": (dataset, Filters(), "en", {}),
        "choice": (dataset, Filters(), "id", {"sort": "nama"}),
        "data version": (newer, Filters(), "id", {}),
    }
    views = {name: cached_view(view, get_selection(d, f), lang, **p) for name, (d, f, lang, p) in variants.items()}
    assert len({id(first), *map(id, views.values())}) == 1 + len(variants)
    assert built == [
        (dataset.key, Filters(), "id", {}),
        *((d.key, f, lang, p) for d, f, lang, p in variants.values()),
    ]
