"""Shared fixtures: paths, the reference tables, and a clean Streamlit cache per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# scrypt at the production cost takes 128 MiB and ~0.5 s a hash; tests use a cheap one (the
# setting the README marks as for tests only). tests/test_auth.py checks the production cost.
os.environ.setdefault("LEBAK_SCRYPT_LOG2_N", "10")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "contoh_inovasi_lebak.xlsx"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _empty_data_store(tmp_path_factory):
    """Point the app's data store at an empty folder: tests never touch data/store.

    The store is empty, so pages show the bundled sample; tests that need versions open their own
    store (``Store.open(tmp_path)``) or set ``LEBAK_DATA_DIR`` and clear the Streamlit caches.
    """
    import os

    folder = tmp_path_factory.mktemp("store")
    previous = os.environ.get("LEBAK_DATA_DIR")
    os.environ["LEBAK_DATA_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("LEBAK_DATA_DIR", None)
    else:
        os.environ["LEBAK_DATA_DIR"] = previous


@pytest.fixture(scope="session")
def reference():
    from lebak_dash.records.reference import load_reference

    return load_reference()


@pytest.fixture
def clear_streamlit_caches():
    """Streamlit caches outlive AppTest instances in one process; start each test empty."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


# PostgreSQL for the store tests on both backends (tests/pg.py): pg_server, pg_url, backend, open_store.
from .pg import backend, open_store, pg_server, pg_url  # noqa: E402, F401


def open_chart_data(at):
    """Open every chart's "Lihat data" expander of the page `at` shows (its table is made only when
    open) and rerun; return `at`."""
    from lebak_dash.ui.page import DATA_KEY_PREFIX

    keys = [k for k in at.session_state if str(k).startswith(DATA_KEY_PREFIX)]
    for key in keys:
        at.session_state[key] = True
    return at.run() if keys else at
