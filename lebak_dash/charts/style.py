"""The look every figure shares: :class:`ChartStyle`, the stage colours, label wrapping, and the
one builder of a figure's layout (:func:`build_figure`).

Nothing in :mod:`lebak_dash.charts` renders or imports Streamlit: pages pass the figure to
``st.plotly_chart`` and the presentation reuses the same functions with a bigger or darker
:class:`ChartStyle`. Figures are built with ``plotly.graph_objects`` (``plotly.express`` costs
10-20x more per figure), the layout in one go.

**Stage colours.** Each 5D stage has one colour, the same in every chart (:data:`STAGE_COLORS`),
taken from the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), designed to stay
distinguishable for the common colour-vision deficiencies. Checked here (``tests/test_charts.py``)
by simulating protanopia, deuteranopia and tritanopia (Machado et al. 2009): every pair of stage
colours stays at least 15 CIELAB units apart (10 is already a clear difference). Yellow is left
out because it vanishes on a white screen through a washed-out projector; the two blues differ
strongly in lightness. Bars carry their stage name in the legend and the hover, so colour is
never the only cue. IID's three stages (:data:`IID_STAGE_COLORS`) take three more colours, light
to dark as the stages advance (Paul Tol's sand, Okabe-Ito's vermillion, Tol's wine), chosen so the
eight stay at least 15 units apart under the same simulations (a mixed workbook stacks both
models in one bar); innovations with no stage are a light grey (:data:`GAP_COLOR`), as are those
with no OPD. A 5D stage derived from an IID stage (the editors' stage map) keeps its stage's
colour, hatched, and says so in the legend and hover (``Delivery (turunan dari IID)``).

Every figure states its finding in the title (``38 dari 61 OPD sudah berinovasi``), labels axes in
the chosen language, and grows in height with its number of rows so long OPD names are never
clipped (``automargin``; names longer than :data:`WRAP_AT` characters wrap onto two lines).
Category values of the data travel in ``customdata`` so a click can be turned into a filter by
:func:`lebak_dash.analysis.query.apply_selection`, whatever the axis shows.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.stages import ALL_STAGE_KEYS, derived_column
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.schema import NO_OPD, NO_STAGE, NOT_STATED

#: One colour per 5D stage (Okabe-Ito), the same in every chart.
STAGE_COLORS: dict[str, str] = {
    "Drum-up": "#E69F00",  # orange
    "Diagnose": "#56B4E9",  # sky blue
    "Design": "#CC79A7",  # reddish purple
    "Delivery": "#0072B2",  # blue
    "Display": "#009E73",  # bluish green
}
#: One colour per IID stage, light to dark as the stages advance.
IID_STAGE_COLORS: dict[str, str] = {
    "Inisiatif": "#DDCC77",  # sand
    "Uji Coba": "#D55E00",  # vermillion
    "Penerapan": "#882255",  # wine
}
#: The grey of what is missing: no stage in either model, no OPD.
GAP_COLOR = "#C8CDD3"
#: Every stage key's colour (5D, IID, the gap).
STAGE_KEY_COLORS: dict[str, str] = {**STAGE_COLORS, **IID_STAGE_COLORS, NO_STAGE: GAP_COLOR}
#: Characters after which a long category label wraps onto a second line (~170 px of 13 px text:
#: half of a phone's chart width stays for the bars).
WRAP_AT = 26
#: Category names longer than this show their abbreviation (the OPD list's ``singkatan``) when
#: they have one, the full name in the hover: on a phone the labels then take at most ~110 px of
#: the chart's 358 and the bars keep more than half of it.
ABBREVIATE_AT = 16
#: Characters after which a title wraps (plotly never wraps by itself). Measured budget: a phone
#: (390 px wide, 358 px of chart) holds ~36 characters of the 18 px title, so the desk charts wrap
#: there at every width (a figure does not know the device's width on the server).
TITLE_WRAP_AT = 34


@dataclass(frozen=True)
class ChartStyle:
    """Sizes and colours of a figure: the desk default, a dark variant, or a big-screen scale.

    Attributes
    ----------
    font_family : str
        CSS font stack (only fonts the browser already has: nothing is fetched).
    font_size, title_size : int
        Text and title size in pixels.
    text_color, muted_color, grid_color : str
        Main text, secondary text (subtitles, zero rows) and grid lines.
    paper_color, plot_color : str
        Backgrounds of the figure and of the plotting area.
    row_px : int
        Height of one bar row of a horizontal bar chart; heights grow with the number of rows.
    min_height : int
        Smallest figure height.
    dim_opacity : float
        Opacity of bars that are not part of the current selection.
    scale_colors : tuple of str
        Low and high end of the sequential scale for counts (map, heat map): one hue, so it
        reads for colour-blind viewers too.
    zero_color : str
        Markers of places with no innovation.
    fill : bool
        Leave the figure's height to its container (``autosize``; the presentation sizes charts
        to the screen with CSS) instead of the computed pixel height.
    click_hints : bool
        Say in subtitles that a click filters (off where nothing is clicked, e.g. a presentation).
    label_wrap : int
        Characters after which a long category label (an OPD name) wraps onto a second line.
    title_wrap : int
        Characters after which a title wraps (fewer for big type in a narrow chart).
    abbreviate_at : int
        Names longer than this show their abbreviation, when they have one (0: never).
    value_size : int
        Size of the numbers inside and beside bars (0: ``font_size``); the big screen's are read
        from the back of the room (plotly never shrinks them below this to fit a bar).
    """

    font_family: str = (
        '"Source Sans", "Source Sans 3", "Segoe UI", Roboto, Arial, sans-serif'  # Streamlit serves "Source Sans"
    )
    font_size: int = 13
    title_size: int = 18
    text_color: str = "#1F2933"
    muted_color: str = "#5F6B7A"
    grid_color: str = "#E3E7EC"
    paper_color: str = "#FFFFFF"
    plot_color: str = "#FFFFFF"
    row_px: int = 24
    min_height: int = 280
    dim_opacity: float = 0.35
    scale_colors: tuple[str, str] = ("#DCEBF7", "#08306B")
    zero_color: str = "#9AA5B1"
    fill: bool = False
    click_hints: bool = True
    label_wrap: int = WRAP_AT
    title_wrap: int = TITLE_WRAP_AT
    abbreviate_at: int = ABBREVIATE_AT
    value_size: int = 0

    @property
    def value_font_size(self) -> int:
        """Return the size of the numbers in and beside bars."""
        return self.value_size or self.font_size

    def scaled(self, factor: float) -> ChartStyle:
        """Return this style with text, rows and heights scaled by `factor` (e.g. 1.6 for a projector)."""
        return replace(
            self,
            font_size=round(self.font_size * factor),
            title_size=round(self.title_size * factor),
            row_px=round(self.row_px * factor),
            min_height=round(self.min_height * factor),
            value_size=round(self.value_size * factor),
        )


#: Default style of the desk pages (light, like the app's theme).
LIGHT = ChartStyle()
#: Dark variant (presentation on a dark screen): light text, the same stage colours.
DARK = ChartStyle(
    text_color="#F5F7FA",
    muted_color="#B8C2CC",
    grid_color="#3A4350",
    paper_color="#0E1117",
    plot_color="#0E1117",
    scale_colors=("#1B2A3A", "#8FD0FF"),
    zero_color="#6B7785",
    dim_opacity=0.3,
)


# ----------------------------------------------------------------------------------------- helpers
def wrap_label(text: str, width: int = WRAP_AT, max_lines: int = 2) -> str:
    """Return `text` wrapped onto at most `max_lines` lines joined by ``<br>``, never cut.

    Lines hold `width` characters, more when the text would otherwise need more lines (every row
    of a bar chart is as tall as its tallest label, so one very long name must not triple them).

    Examples
    --------
    >>> wrap_label("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah")
    'Badan Perencanaan Pembangunan,<br>Riset dan Inovasi Daerah'
    >>> wrap_label("Dinas Kesehatan")
    'Dinas Kesehatan'
    """
    text = str(text)
    lines = textwrap.wrap(text, width=width, break_long_words=False)
    while len(lines) > max_lines:
        width += 4
        lines = textwrap.wrap(text, width=width, break_long_words=False)
    return "<br>".join(lines) or text


def short_label(name: str, short: Mapping[str, str] | None, limit: int) -> str:
    """Return `name`, or its abbreviation from `short` when `name` is longer than `limit`
    characters (``limit`` 0: never).

    Examples
    --------
    >>> short_label("Badan Pendapatan Daerah", {"Badan Pendapatan Daerah": "Bapenda"}, 20)
    'Bapenda'
    >>> short_label("Dinas Sosial", {"Dinas Sosial": "Dinsos"}, 20)
    'Dinas Sosial'
    """
    if limit and short and len(name) > limit and short.get(name):
        return short[name]
    return name


def html_text(text: object) -> str:
    """Return user text escaped for HTML: the one HTML escape of the app (None becomes "").

    Plotly renders a small HTML subset (``<a href>``, ``<b>``, ``<br>``...) in titles, axis
    labels, hover and text, so user text there goes through this; so does every piece of user
    text in our own HTML (the presentation's slides, the briefing), attributes included.
    (Markdown has its own escape, :func:`lebak_dash.ui.text.escape_markdown`.)

    Examples
    --------
    >>> html_text('<a href="x">Dinkes & Co</a>')
    '&lt;a href=&#34;x&#34;&gt;Dinkes &amp; Co&lt;/a&gt;'
    """
    # Quotes as numeric references: browsers and plotly read them (plotly knows no "&quot;").
    return html.escape("" if text is None else str(text), quote=False).replace('"', "&#34;").replace("'", "&#39;")


def _separators(lang: str) -> str:
    # Plotly's `separators`: decimal mark then thousands mark (Indonesian: 1.234,5).
    return ",." if lang == "id" else ".,"


def _merge(base: dict, extra: dict) -> dict:
    """Return `base` updated with `extra`, nested dicts merged (plain dicts: one validation pass)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def build_figure(
    traces: Sequence[object],
    style: ChartStyle,
    lang: str,
    title: str,
    subtitle: str,
    height: int,
    *,
    layout: dict | None = None,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
) -> go.Figure:
    """Return the figure of `traces` with the shared layout, built in one go (``update_*`` calls
    re-validate the whole layout each time and cost several times more)."""
    title_lines = textwrap.wrap(html_text(title), width=style.title_wrap) or [""]
    subtitle_lines = textwrap.wrap(html_text(subtitle), width=subtitle_width(style)) if subtitle else []
    axis = {
        "gridcolor": style.grid_color,
        "zerolinecolor": style.grid_color,
        "linecolor": style.grid_color,
        "automargin": True,
        "title": {"font": {"size": style.font_size, "color": style.muted_color}},
        "tickfont": {"size": style.font_size, "color": style.text_color},
    }
    base: dict[str, Any] = {
        "title": {
            "text": "<br>".join(title_lines),
            "font": {"size": style.title_size, "color": style.text_color},
            "subtitle": {
                "text": "<br>".join(subtitle_lines),
                "font": {"size": style.font_size, "color": style.muted_color},
            },
            # Above the plot area, pushing the top margin as far as its lines need.
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "bottom",
            "yref": "paper",
            "automargin": True,
            "pad": {"b": title_pad(style, len(subtitle_lines)), "l": 4},
        },
        "font": {"family": style.font_family, "size": style.font_size, "color": style.text_color},
        "paper_bgcolor": style.paper_color,
        "plot_bgcolor": style.plot_color,
        "separators": _separators(lang),
        # A filling figure takes its container's height (plotly's autosize); a sized one grows by
        # what a phone's width adds above and below the plot (wrapped title lines, legend rows),
        # so its rows keep their height and every label its tick.
        "height": None if style.fill else height + extra_height(traces, style, len(title_lines), len(subtitle_lines)),
        "margin": {"l": 8, "r": 24, "t": 16, "b": 8},
        "hoverlabel": {"font": {"family": style.font_family, "size": style.font_size}},
        "legend": legend_layout(style),
        "clickmode": "event+select",
        "dragmode": False,
        "uirevision": title,
        "xaxis": _merge(axis, xaxis or {}),
        "yaxis": _merge(axis, yaxis or {}),
    }
    if style.value_size:
        # Text inside a bar too narrow for it is shown at this size, not shrunk (plotly's default).
        base["uniformtext"] = {"minsize": style.value_size, "mode": "show"}
    if style.fill:
        base["autosize"] = True
        # Plotly's title automargin leaves a wide band above a title with a subtitle; on a screen
        # where every pixel of height counts, the top margin is exactly the title's lines.
        # The title is anchored by its own bottom line; its subtitle hangs below, inside the padding.
        below = style.font_size * (0.6 + 1.35 * len(subtitle_lines)) if subtitle_lines else 0
        pad = round(below + style.font_size * 1.2)
        base["title"].update({"automargin": False, "pad": {"b": pad, "l": 4}})
        top = len(title_lines) * style.title_size * 1.25 + pad + style.font_size * 0.3
        base["margin"] = {**base["margin"], "t": round(top)}
    return go.Figure(data=list(traces), layout=_merge(base, layout or {}))


def legend_entries(traces: Sequence[object]) -> int:
    """Return how many bar traces a figure's legend lists (stacked bars: one per stage)."""
    return sum(1 for tr in traces if getattr(tr, "type", "") == "bar" and getattr(tr, "showlegend", None) is not False)


def extra_height(traces: Sequence[object], style: ChartStyle, title_lines: int, subtitle_lines: int) -> int:
    """Return the pixels a sized figure adds to its plot's height: the title and subtitle lines
    past the first, and the legend under the plot at a phone's width (two entries per row).

    Examples
    --------
    >>> extra_height([], LIGHT, 1, 1)
    0
    >>> extra_height([], LIGHT, 2, 3)
    64
    """
    entries = legend_entries(traces)
    legend_rows = -(-entries // 2) if entries > 1 else 0
    lines = (
        max(0, title_lines - 1) * style.title_size * 1.25
        + max(0, subtitle_lines - 1) * style.font_size * 1.6
        + legend_rows * style.font_size * 1.6
    )
    return round(lines)


def title_pad(style: ChartStyle, subtitle_lines: int) -> int:
    """Return the padding under a title's baseline that holds its subtitle's lines (plotly's title
    automargin counts the title's lines, not the subtitle's).

    Examples
    --------
    >>> title_pad(LIGHT, 1), title_pad(LIGHT, 2)
    (21, 42)
    """
    return round(style.font_size * (1.6 + 1.6 * max(0, subtitle_lines - 1)))


def subtitle_width(style: ChartStyle) -> int:
    """Return the characters per subtitle line: the title's budget scaled by the smaller text
    (44 on the desk: 13 px text on a phone's 358 px chart).

    Examples
    --------
    >>> subtitle_width(LIGHT)
    44
    """
    return round(style.title_wrap * 1.3)


def legend_layout(style: ChartStyle) -> dict[str, Any]:
    """Return the legend layout every figure shares.

    On the desk pages: horizontal, under the plot, left-aligned, anchored to the figure's bottom
    edge (``yref="container"``) so it stays clear of the axis title, wrapping onto as many rows
    as the width needs (on a phone a legend at the right took half the width from the bars). A
    filling figure (the presentation's wide screen) keeps it at the right of the plot.
    """
    if style.fill:
        return {
            "orientation": "v",
            "x": 1.01,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "top",
            "traceorder": "normal",
            "font": {"size": style.font_size},
            "title": {"text": ""},
        }
    return {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "y": 0,
        "yanchor": "bottom",
        "yref": "container",
        "traceorder": "normal",
        "font": {"size": style.font_size},
        "title": {"text": ""},
    }


def with_source(figure: go.Figure, source: str, style: ChartStyle = LIGHT) -> go.Figure:
    """Return a copy of `figure` with `source` (which data, of when) as the last line of its
    subtitle, so a picture of the chart sent on says what it shows; a figure without data or
    title, a filling (big-screen) style or an empty `source` are returned unchanged.

    The figure itself is not changed (figures may be cached and shared by sessions). The copy is
    made from the figure's own dict without plotly's validation (``_validate=False``): every
    property was validated when `figure` was built, and validating the copy again cost about
    14 ms per chart on every rerun (docs/performance.md, "Reruns after the view cache").
    """
    if not source or style.fill or not figure.data or not figure.layout.title.text:
        return figure
    spec = figure.to_dict()
    title = spec["layout"]["title"]
    subtitle = title.setdefault("subtitle", {})
    lines = [line for line in (subtitle.get("text") or "").split("<br>") if line]
    lines += textwrap.wrap(html_text(source), width=subtitle_width(style), break_long_words=False)
    added = len(lines) - max(1, len([line for line in (subtitle.get("text") or "").split("<br>") if line]))
    subtitle["text"] = "<br>".join(lines)
    subtitle.setdefault("font", {"size": style.font_size, "color": style.muted_color})
    title["pad"] = {**title.get("pad", {}), "b": title_pad(style, len(lines))}
    if spec["layout"].get("height"):  # the plot keeps its height under the longer subtitle
        spec["layout"]["height"] += round(max(0, added) * style.font_size * 1.6)
    return go.Figure(spec, _validate=False)


def bar_height(labels: Sequence[str], style: ChartStyle, extra: int = 0) -> int:
    """Return the pixel height of a horizontal bar chart with one row per label (wrapped labels count)."""
    # Plotly spaces categories evenly: every row gets the height of the tallest label.
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    row = max(style.row_px, round(lines * style.font_size * 1.2) + 8)
    return max(style.min_height, len(labels) * row + 90 + 4 * style.title_size + extra)


def opacity_for(categories: Sequence[object], selected: Sequence[object], style: ChartStyle) -> list[float] | float:
    """Return the opacity of each category: dimmed when a selection leaves it out (1 without a selection)."""
    if not selected:
        return 1.0
    chosen = {str(s) for s in selected}
    return [1.0 if str(c) in chosen else style.dim_opacity for c in categories]


def empty_figure(message: str, *, title: str = "", style: ChartStyle = LIGHT, lang: str = "id") -> go.Figure:
    """Return a blank figure that says `message` (e.g. when the filters leave nothing)."""
    note = {
        "text": html_text(message),
        "showarrow": False,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "font": {"size": style.font_size + 2, "color": style.muted_color},
    }
    return build_figure(
        [],
        style,
        lang,
        title,
        "",
        style.min_height,
        layout={"annotations": [note]},
        xaxis={"visible": False},
        yaxis={"visible": False},
    )


def click_hint(style: ChartStyle, lang: str) -> str:
    """Return the "click to filter" hint, or nothing where charts are not clicked."""
    return t("chart.click_hint", lang) if style.click_hints else ""


def join_parts(*parts: str) -> str:
    """Return the non-empty `parts` joined by a middle dot (a subtitle of several remarks)."""
    return " · ".join(p for p in parts if p)


def stage_label(stage: str, lang: str) -> str:
    """Return how a stage (5D or IID) or the gap label is named in `lang`.

    Examples
    --------
    >>> stage_label("Uji Coba", "en"), stage_label("Tahap belum diisi", "en")
    ('Uji Coba', 'No stage given')
    """
    if stage in (NO_STAGE, NO_OPD, NOT_STATED):
        return gap_label(stage, lang)
    return t(f"stagename.{stage}", lang)


def gap_label(value: str, lang: str) -> str:
    """Return how a gap label is shown (``OPD belum diisi`` is "No agency given" in English); any
    other value as it is.

    Examples
    --------
    >>> gap_label("OPD belum diisi", "en"), gap_label("Dinas Kesehatan", "en")
    ('No agency given', 'Dinas Kesehatan')
    """
    keys = {NO_OPD: "label.no_opd", NO_STAGE: "label.no_stage", NOT_STATED: "label.tidak_disebut"}
    return t(keys[value], lang) if value in keys else value


def derived_label(stage: str, lang: str) -> str:
    """Return a 5D stage derived from the IID stage, as every chart names it.

    Examples
    --------
    >>> derived_label("Delivery", "id")
    'Delivery (turunan dari IID)'
    """
    return t("label.derived", lang, stage=stage_label(stage, lang))


def stage_color(stage: str) -> str:
    """Return a stage key's colour (grey for anything that is not a stage)."""
    return STAGE_KEY_COLORS.get(stage, GAP_COLOR)


def stage_columns(table: pd.DataFrame) -> list[str]:
    """Return the stage keys that are columns of `table`, in chart order (5D, IID, the gap)."""
    return [s for s in ALL_STAGE_KEYS if s in table.columns]


def stacked_stage_traces(
    table: pd.DataFrame,
    names: Sequence[object],
    categories: Sequence[object],
    hover: Sequence[str] | None,
    *,
    lang: str,
    style: ChartStyle,
    selected: Sequence[object] = (),
    vertical: bool = False,
    total_text: Sequence[str] | None = None,
    total_color: str | None = None,
) -> list[object]:
    """Return one bar trace per stage key of `table`, stacked along `categories`, and the totals as text.

    The stages are the table's stage columns (:func:`stage_columns`: 5D, IID, ``Tahap belum
    diisi``); a 5D stage with a ``turunan:<stage>`` column is split in two traces, the derived part
    hatched and named so (:func:`derived_label`). A category named ``OPD belum diisi`` (the
    innovations that name no OPD) is one grey bar of its own.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per category, a column per stage key and ``jumlah``.
    names : sequence of str
        Raw category names, carried in ``customdata`` for the click (cross-filter).
    categories : sequence
        What the category axis shows (escaped, possibly wrapped or two-level labels).
    hover : sequence of str or None
        Escaped names for the hover text; None shows the category itself (``2019 · Design: 4``).
    vertical : bool
        Upright bars (categories on x) instead of one horizontal bar per row.
    total_text : sequence of str, optional
        Text after each bar; default the formatted total.
    total_color : str, optional
        Colour of that text; default ``style.muted_color``.
    """
    cat, num = ("x", "y") if vertical else ("y", "x")
    opacity = opacity_for(names, selected, style)
    gap_rows = np.array([str(n) == NO_OPD for n in names], dtype=bool)
    traces: list[object] = []

    def bar(label: str, values: np.ndarray, stage: str, marker: dict[str, object]) -> None:
        if hover is None:
            template, texts = "%{" + cat + "} · " + label + ": %{" + num + "}<extra></extra>", {}
        else:
            template, texts = "%{hovertext}<br>" + label + ": %{" + num + "}<extra></extra>", {"hovertext": hover}
        traces.append(
            go.Bar(
                name=label,
                orientation="v" if vertical else "h",
                **{cat: categories, num: np.where(gap_rows, 0, values)},
                customdata=np.array([[n, stage] for n in names], dtype=object),
                **texts,
                marker={**marker, "opacity": opacity},
                hovertemplate=template,
            )
        )

    for stage in stage_columns(table):
        values = table[stage].to_numpy()
        extra = derived_column(stage)
        derived = table[extra].to_numpy() if extra in table.columns else np.zeros(len(table), dtype=int)
        bar(stage_label(stage, lang), values - derived, stage, {"color": stage_color(stage)})
        if derived.any():
            pattern = {"shape": "/", "fillmode": "overlay", "fgcolor": style.paper_color, "solidity": 0.35}
            bar(derived_label(stage, lang), derived, stage, {"color": stage_color(stage), "pattern": pattern})
    totals = table["jumlah"].to_numpy()
    if gap_rows.any():
        label = gap_label(NO_OPD, lang)
        template = ("%{hovertext}" if hover is not None else "%{" + cat + "}") + ": %{" + num + "}<extra></extra>"
        traces.append(
            go.Bar(
                name=label,
                orientation="v" if vertical else "h",
                **{cat: categories, num: np.where(gap_rows, totals, 0)},
                customdata=np.array([[n, ""] for n in names], dtype=object),
                **({"hovertext": hover} if hover is not None else {}),
                marker={"color": GAP_COLOR, "opacity": opacity},
                hovertemplate=template,
            )
        )
    traces.append(
        go.Scatter(
            **{cat: categories, num: totals},
            customdata=np.array([[n] for n in names], dtype=object),
            mode="text",
            text=list(total_text) if total_text is not None else [fmt_int(n, lang) for n in totals],
            textposition="top center" if vertical else "middle right",
            textfont={"size": style.value_font_size, "color": total_color or style.muted_color},
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    return traces
