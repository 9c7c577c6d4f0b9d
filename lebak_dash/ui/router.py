"""Keeping Streamlit's legacy ``pages/`` mode from answering a deep link.

With a ``pages/`` folder next to ``app.py``, the first script run of a fresh server goes through
Streamlit's old multipage mode (``PagesManager.uses_pages_directory``), which knows only the
files: a deep link such as ``/opd`` either runs ``pages/20_opd.py`` directly, without the
router (the sidebar then lists files), or, when no file is named like the URL, shows "Page not
found" before the router runs. Both were seen with streamlit 1.67.

The cure used here: every page file is named so that the old mode finds it (``NN_<url_path>.py``)
and starts, through :func:`~lebak_dash.ui.page.setup`, with :func:`leave_legacy_pages_mode`,
which turns the old mode off (as ``st.navigation`` itself does) and reruns: the rerun goes
through ``app.py`` and lands on the same page, with its query string. This costs one extra run
on the first request after a server start, nothing afterwards.
"""

from __future__ import annotations

import streamlit as st


def leave_legacy_pages_mode() -> None:
    """Rerun through ``app.py`` when Streamlit's legacy ``pages/`` mode ran this page directly.

    Call it first in every page file (the dashboard's :func:`lebak_dash.ui.page.setup` does).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a Streamlit without the legacy mode
        return
    if PagesManager.uses_pages_directory:
        # What st.navigation does on its first call; the rerun then runs app.py, whose
        # navigation resolves the same URL path (page hashes derive from url_path).
        PagesManager.uses_pages_directory = False
        st.rerun()
