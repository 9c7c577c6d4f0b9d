"""Shared fixtures: paths, the reference tables, and a clean Streamlit cache per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "contoh_inovasi_lebak.xlsx"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def reference():
    from lebak_dash.reference import load_reference

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
