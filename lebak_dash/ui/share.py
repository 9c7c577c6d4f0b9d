"""A view worth sending, and a menu found on a phone (issue 15).

* :func:`share_control`: the "Bagikan" popover of every dashboard page: the page's address with
  its filters and language (:func:`lebak_dash.analysis.query.share_address`) in a code block,
  which has a copy button where the browser allows copying (a secure context: ``https://`` or
  the machine itself) and is ready to select everywhere else.
* :func:`chart_config`: plotly's toolbar with its own picture export set to a 1200-pixel-wide
  PNG, made in the browser (no server-side browser).
* :func:`menu_hint`: below Streamlit's ``md`` breakpoint (768 px) the top menu moves behind the
  sidebar button; a one-line hint says so, hidden by a CSS media query at desk widths.
"""

from __future__ import annotations

import urllib.parse

import streamlit as st

from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.query import share_address
from lebak_dash.i18n import t
from lebak_dash.ui import state

#: Width of a chart's PNG: reads well in a chat on a phone and on a desk.
PNG_WIDTH = 1200
#: Streamlit 1.67 shows ``st.navigation(position="top")`` from this window width on (its ``md``
#: breakpoint, ``isMobile = innerWidth < 768``); below, the menu is in the collapsed sidebar.
TOP_MENU_MIN_PX = 768
#: Key of the hint's container (Streamlit gives it the class ``st-key-<key>``).
MENU_HINT_KEY = "menu_hint"
#: Hosts a browser treats as a secure context over plain http.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def image_options(name: str) -> dict[str, object]:
    """Return plotly's ``toImageButtonOptions`` of the chart `name`: a PNG 1200 pixels wide, as
    tall as the chart (plotly uses the figure's own height when none is given).

    Examples
    --------
    >>> image_options("years")["width"]
    1200
    """
    return {"format": "png", "width": PNG_WIDTH, "scale": 1, "filename": f"inovasi-{name}"}


def chart_config(base: dict[str, object], name: str) -> dict[str, object]:
    """Return the plotly `base` config with the picture export of the chart `name`."""
    return {**base, "toImageButtonOptions": image_options(name)}


def is_secure_address(url: str | None) -> bool:
    """Return whether a browser at `url` may write to the clipboard (a secure context).

    Examples
    --------
    >>> is_secure_address("https://dasbor.example/opd"), is_secure_address("http://10.0.0.5:8501/")
    (True, False)
    >>> is_secure_address("http://localhost:8501/")
    True
    """
    if not url:
        return False
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "https" or (parts.hostname or "") in _LOCAL_HOSTS


def share_control(filters: Filters, lang: str) -> None:
    """Show the "Bagikan" popover: the address of this page with `filters` and `lang`."""
    page_url = st.context.url
    address = share_address(page_url, state.desired_query(filters, lang)) or "/"
    with st.popover(t("share.button", lang)):
        st.caption(t("share.help", lang))
        st.code(address, language=None, wrap_lines=True)
        if not is_secure_address(page_url):
            st.caption(t("share.select", lang))


def menu_hint(lang: str) -> None:
    """Show where the menu is on a narrow window (hidden by CSS from :data:`TOP_MENU_MIN_PX` on).

    The CSS is a constant of this module; no user text goes through ``st.html``.
    """
    with st.container(key=MENU_HINT_KEY):
        st.caption(t("nav.menu_hint", lang))
    rule = f".st-key-{MENU_HINT_KEY} {{ display: none; }}"
    st.html(f"<style>@media (min-width: {TOP_MENU_MIN_PX}px) {{ {rule} }}</style>")
