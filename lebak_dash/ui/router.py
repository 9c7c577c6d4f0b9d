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
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from lebak_dash.i18n import t


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: the registry below is the only list of pages.

    Attributes
    ----------
    key : str
        Name used in code (``page_file("unggah")``) and in the page's title string ``page.<key>``.
    file : str
        The page script, ``pages/NN_<url_path>.py`` (see :func:`leave_legacy_pages_mode`).
    url_path : str
    section : str
        Menu section, the string ``nav.section.<section>``.
    icon : str
        An emoji (a ``:material/...:`` icon makes the browser fetch a font from the internet).
    default : bool
        The page served at ``/``.
    hidden : bool
        Reachable by its address, not listed in the menu.
    """

    key: str
    file: str
    url_path: str
    section: str
    icon: str
    default: bool = False
    hidden: bool = False


#: Every page, in menu order. Ringkasan is the default page (served at "/", which a default page
#: only has) and a hidden page at /ringkasan, so every dashboard page has a deep link of its own.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("ringkasan", "pages/10_ringkasan.py", "beranda", "dasbor", "🏠", default=True),
    PageSpec("opd", "pages/20_opd.py", "opd", "dasbor", "🏢"),
    PageSpec("tahapan", "pages/30_tahapan.py", "tahapan", "dasbor", "🪜"),
    PageSpec("kecamatan", "pages/40_kecamatan.py", "kecamatan", "dasbor", "🗺️"),
    PageSpec("daftar", "pages/50_daftar.py", "daftar", "dasbor", "📋"),
    PageSpec("ringkasan", "pages/10_ringkasan.py", "ringkasan", "dasbor", "🏠", hidden=True),
    PageSpec("unggah", "pages/60_unggah.py", "unggah", "data", "⬆️"),
    PageSpec("riwayat", "pages/61_riwayat.py", "riwayat", "data", "🕘"),
    PageSpec("template", "pages/62_template.py", "template", "data", "📄"),
    PageSpec("referensi", "pages/63_referensi.py", "referensi", "data", "📚"),
    PageSpec("panduan", "pages/64_panduan.py", "panduan", "data", "📖"),
    # The meeting-room screen: no menu there (menu_position), its own way back.
    PageSpec("presentasi", "pages/70_presentasi.py", "presentasi", "presentasi", "📽️"),
    PageSpec("perkembangan", "pages/90_perkembangan.py", "perkembangan", "perkembangan", "📈"),
    PageSpec("briefing", "pages/95_briefing.py", "briefing", "perkembangan", "📥"),
)
#: Pages that show no menu.
MENULESS: frozenset[str] = frozenset({"presentasi"})


def page_file(key: str) -> str:
    """Return the script of the page `key` (for ``st.page_link`` and ``st.switch_page``).

    Examples
    --------
    >>> page_file("unggah")
    'pages/60_unggah.py'
    """
    return next(p.file for p in PAGES if p.key == key)


def navigation(lang: str) -> tuple[dict[str, list[st.Page]], Literal["top", "sidebar", "hidden"]]:
    """Return the menu sections of ``st.navigation`` in `lang`, and where the menu goes."""
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        page = st.Page(
            spec.file,
            title=t(f"page.{spec.key}", lang),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
            visibility="hidden" if spec.hidden else "visible",
        )
        sections.setdefault(t(f"nav.section.{spec.section}", lang), []).append(page)
    return sections, menu_position(sections, hidden_on=MENULESS)


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
