"""Cached access to the dataset shown by the pages.

Caching sits here and only here. The dataset is built once per content key and shared by
every session (``st.cache_resource`` hands back the same object: never mutate it).
"""

from __future__ import annotations

import streamlit as st

from lebak_dash.datasource import Dataset, load_sample_dataset


@st.cache_resource(show_spinner=False, max_entries=4)
def _sample_dataset() -> Dataset:
    return load_sample_dataset()


def get_dataset() -> Dataset:
    """Return the dataset to show (for now, the bundled sample)."""
    return _sample_dataset()
