"""A view worth sending, and a menu found on a phone (issue 15).

* :func:`share_control`: the "Bagikan" popover of every dashboard page: the page's address with
  its filters and language (:func:`lebak_dash.analysis.query.share_address`) in a code block,
  which has a copy button where the browser allows copying (a secure context: ``https://`` or
  the machine itself) and is ready to select everywhere else.
* :func:`chart_config`: plotly's toolbar with its own picture export set to a 1200-pixel-wide
  PNG, made in the browser (no server-side browser).
* :func:`slide_picture_button`: the presentation's "PNG" control: one click gives a PNG 1200 pixels
  wide of the current slide's chart(s), with the chart's title and the slide's data line (which
  version, of when) in its subtitle, made in the browser by Plotly's own ``toImage`` (the charts of
  a slide with two are stacked in one picture).
* :func:`viewport_probe` and :func:`narrow_screen`: whether the window is a phone's (under
  :data:`NARROW_MAX_PX`), told by the browser once per session and again when a resize crosses
  the line (one extra run then; a desk's browser never tells, as it is not narrow): pages give
  the view functions a phone's :class:`~lebak_dash.views.screen.Screen` then.
* :func:`menu_hint`: below Streamlit's ``md`` breakpoint (768 px) the top menu moves behind the
  sidebar button; a one-line hint says so, hidden by a CSS media query at desk widths.
"""

from __future__ import annotations

import functools
import urllib.parse
from typing import Any

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


#: Key of the presentation's picture control (in its controls row).
SLIDE_PICTURE_KEY = "p_png"
#: The control's markup: a constant (its label and help come as data, set as text by the script).
_PICTURE_HTML = '<button type="button" class="p-png-button"></button>'
#: The control's script (a constant; what it reads from the page is text, never markup): on a click,
#: each chart of the slide body goes through ``Plotly.toImage`` (the ``window.Plotly`` of
#: Streamlit's chart element) with the slide's data line added under its title, at
#: :data:`PNG_WIDTH` pixels and the height of its proportions on screen; the pictures are stacked
#: on a canvas and saved as one PNG.
_PICTURE_JS = r"""
const esc = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
async function picture(gd, width, source, fallbackTitle) {
  const layout = JSON.parse(JSON.stringify(gd.layout || {}));
  const title = (layout.title && typeof layout.title === 'object') ? layout.title : {text: layout.title || ''};
  if (!title.text) title.text = esc(fallbackTitle);
  const before = (title.subtitle && title.subtitle.text) || '';
  title.subtitle = {...(title.subtitle || {}), text: [before, esc(source)].filter(Boolean).join('<br>')};
  title.automargin = true;
  layout.title = title;
  const full = gd._fullLayout || {};
  const height = Math.round(Math.max(560, Math.min(1600, (full.height || 700) * width / (full.width || width))));
  const url = await window.Plotly.toImage({data: gd.data, layout: {...layout, width, height}},
                                         {format: 'png', width, height, scale: 1});
  const img = new Image();
  img.src = url;
  await img.decode();
  return img;
}
export default function ({ parentElement, data }) {
  const button = parentElement.querySelector('button');
  button.textContent = data.label;
  button.title = data.help;
  button.setAttribute('aria-label', data.help);
  button.onclick = async () => {
    const charts = [...document.querySelectorAll('.st-key-p_body .js-plotly-plot')];
    if (!window.Plotly || !charts.length) return;
    const text = sel => (document.querySelector(sel)?.textContent || '').trim();
    const source = text('.p-data'), slideTitle = text('.p-title');
    const images = [];
    for (const gd of charts) images.push(await picture(gd, data.width, source, slideTitle));
    const canvas = document.createElement('canvas');
    canvas.width = data.width;
    canvas.height = images.reduce((sum, img) => sum + img.height, 0);
    const g = canvas.getContext('2d');
    let y = 0;
    for (const img of images) { g.drawImage(img, 0, y); y += img.height; }
    const link = document.createElement('a');
    const number = text('.p-count').split('/')[0].trim().replace(/[^0-9]/g, '');
    link.download = `${data.filename}${number ? '-' + number : ''}.png`;
    link.href = canvas.toDataURL('image/png');
    document.body.appendChild(link);
    link.click();
    link.remove();
  };
}
"""


@functools.cache
def _picture_component() -> Any:
    """Register the picture control once per process (a Streamlit v2 component, in the page's DOM
    so the presentation's control style applies)."""
    return st.components.v2.component("lebak_slide_picture", html=_PICTURE_HTML, js=_PICTURE_JS, isolate_styles=False)


def slide_picture_button(lang: str) -> None:
    """Show the presentation's "PNG" control: a picture of the current slide's chart(s), saved as
    ``inovasi-slide-<number>.png`` (the chart is read from the page at the click, so it is always
    the slide on screen, whichever tick drew it)."""
    data = {"label": t("p.png", lang), "help": t("p.png_help", lang), "width": PNG_WIDTH, "filename": "inovasi-slide"}
    _picture_component()(key=SLIDE_PICTURE_KEY, data=data, width="content")


#: Windows narrower than this are a phone's (Streamlit's ``sm`` breakpoint): 390 is, a portrait
#: tablet's 768 is not.
NARROW_MAX_PX = 640
#: Key of the probe (a component without anything to show, hidden by CSS) and of what it told.
VIEWPORT_KEY = "lebak_viewport"
#: Key of an empty container drawn (hidden) once the server knows the window is narrow: what the
#: browser tests wait on before measuring a phone's page.
NARROW_MARKER_KEY = "lebak_narrow"
_NARROW_STATE = "_lebak_narrow"
#: The probe's script (a constant): tells the server whether the window is narrow, only when that
#: differs from what it knows (so a desk's browser never causes a run). Streamlit calls it once, at
#: mount, with what the server knew then; it keeps what it told since.
_VIEWPORT_JS = r"""
export default function ({ data, setStateValue }) {
  let known = data.narrow;
  const report = () => {
    const narrow = window.innerWidth < data.max_px;
    if (narrow !== known) { known = narrow; setStateValue('narrow', narrow); }
  };
  report();
  window.addEventListener('resize', report);
  return () => window.removeEventListener('resize', report);
}
"""


@functools.cache
def _viewport_component() -> Any:
    """Register the viewport probe once per process."""
    return st.components.v2.component("lebak_viewport", html="<span></span>", js=_VIEWPORT_JS, isolate_styles=False)


def viewport_probe() -> bool:
    """Mount the probe (every run, before the page) and return whether the window is narrow."""
    known = bool(st.session_state.get(_NARROW_STATE, False))
    result = _viewport_component()(
        key=VIEWPORT_KEY,
        data={"max_px": NARROW_MAX_PX, "narrow": known},
        default={"narrow": False},
        on_narrow_change=lambda: None,
        width="content",
    )
    narrow = bool(getattr(result, "narrow", False))
    st.session_state[_NARROW_STATE] = narrow
    if narrow:  # an empty container is not drawn: a constant, empty span in it
        with st.container(key=NARROW_MARKER_KEY):
            st.html("<span></span>")
    return narrow


def narrow_screen() -> bool:
    """Return whether this session's window is a phone's (as the probe last told; False before)."""
    return bool(st.session_state.get(_NARROW_STATE, False))


def menu_hint(lang: str) -> None:
    """Show where the menu is on a narrow window (hidden by CSS from :data:`TOP_MENU_MIN_PX` on),
    with the viewport probe (hidden always) in the same container, so neither adds a gap.

    The CSS is a constant of this module; no user text goes through ``st.html``.
    """
    with st.container(key=MENU_HINT_KEY):
        st.caption(t("nav.menu_hint", lang))
        viewport_probe()
    rule = f".st-key-{MENU_HINT_KEY} {{ display: none; }}"
    probe = f".st-key-{VIEWPORT_KEY}, .st-key-{NARROW_MARKER_KEY} {{ display: none; }}"
    st.html(f"<style>@media (min-width: {TOP_MENU_MIN_PX}px) {{ {rule} }} {probe}</style>")
