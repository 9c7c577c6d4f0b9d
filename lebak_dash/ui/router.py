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

from collections.abc import Collection, Mapping, Sequence
from typing import Literal

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


def menu_position(
    pages: Mapping[str, Sequence[st.Page]], hidden_on: Collection[str], default: Literal["top", "sidebar"] = "top"
) -> Literal["top", "sidebar", "hidden"]:
    """Return ``"hidden"`` when the page about to run is one of `hidden_on`, else `default`.

    ``st.navigation`` sends the menu's position with the page it resolves, so a page that must
    show no menu (the meeting-room presentation) cannot hide it itself without the menu showing
    first. This resolves the requested page the way Streamlit 1.67's ``PagesManager`` does: by the
    page hash the browser sent (a click, a rerun; hashes derive from ``url_path``), else by the URL
    path of a first request.

    Parameters
    ----------
    pages : mapping of str to sequence of st.Page
        The sections given to ``st.navigation``.
    hidden_on : collection of str
        URL paths of the pages that show no menu.
    default : {"top", "sidebar"}
        Position everywhere else.
    """
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
        from streamlit.util import calc_hash
    except ImportError:  # pragma: no cover - another Streamlit: the menu stays (the page's CSS hides it)
        return default
    ctx = get_script_run_ctx()
    if ctx is None:
        return default
    manager = ctx.pages_manager
    wanted_hash = manager.intended_page_script_hash or ""
    wanted_name = manager.intended_page_name or ""
    for page in (p for section in pages.values() for p in section):
        path = page.url_path
        if path not in hidden_on:
            continue
        if (wanted_hash and calc_hash(path) == wanted_hash) or (not wanted_hash and wanted_name == path):
            return "hidden"
    return default
