"""The kecamatan map's names on a narrow chart: the names chosen for a larger map are hidden.

The figure is built on the server, which does not know the browser's width, so its names come in
tiers (:func:`lebak_dash.charts.map_labels.label_tiers`): tier 0 fits a phone's map, tier 1 only
a tablet's or a desk's. A CSS container query on the chart's own width hides tier 1 (the names
whose font family ends with :data:`~lebak_dash.charts.map_labels.MORE_NAMES_FONT`) when the chart
is narrower than the map tier 1 was chosen for, plus the figure's side margins. Hidden names stay
on hover. The CSS is a constant of this module; no user text goes through ``st.html``.
"""

from __future__ import annotations

import streamlit as st

from lebak_dash.charts.map_labels import MORE_NAMES_FONT, more_names_min_width
from lebak_dash.views.screen import DESK


def map_names_css(chart: str = "kec_map") -> str:
    """Return the ``<style>`` that hides the map's tier-1 names on a chart narrower than their map.

    Examples
    --------
    >>> "@container (max-width: 389.98px)" in map_names_css()
    True
    """
    canvases = DESK.map_label_canvases
    if len(canvases) < 2:
        return ""
    box = f"[class*='st-key-chart_{chart}_']"
    width = more_names_min_width(canvases[1]) - 0.02
    hide = f"{box} text[style*='{MORE_NAMES_FONT}'] {{ display: none; }}"
    return f"<style>{box} {{ container-type: inline-size; }} @container (max-width: {width}px) {{ {hide} }}</style>"


def map_names_style(chart: str = "kec_map") -> None:
    """Add :func:`map_names_css` to the page."""
    css = map_names_css(chart)
    if css:
        st.html(css)
