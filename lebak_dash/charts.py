"""One function per figure of the dashboard, each returning a ``plotly.graph_objects.Figure``.

Nothing here renders or imports Streamlit: pages pass the figure to ``st.plotly_chart`` and the
presentation mode reuses the same functions with a bigger or darker :class:`ChartStyle`.
Figures are built with ``plotly.graph_objects`` (``plotly.express`` costs 10-20x more per figure).

**Stage colours.** Each 5D stage has one colour, the same in every chart (:data:`STAGE_COLORS`),
taken from the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), designed to stay
distinguishable for the common colour-vision deficiencies. Checked here (``tests/test_charts.py``)
by simulating protanopia, deuteranopia and tritanopia (Machado et al. 2009): every pair of stage
colours stays at least 15 CIELAB units apart (10 is already a clear difference). Yellow is left
out because it vanishes on a white screen through a washed-out projector; the two blues differ
strongly in lightness. Bars carry their stage name in the legend and the hover, so colour is
never the only cue.

Every figure states its finding in the title (``38 dari 61 OPD sudah berinovasi``), labels axes in
the chosen language, and grows in height with its number of rows so long OPD names are never
clipped (``automargin``; names longer than :data:`WRAP_AT` characters wrap onto two lines).
Category values of the data travel in ``customdata`` so a click can be turned into a filter by
:func:`lebak_dash.analysis.apply_selection`, whatever the axis shows.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis import OTHER_KIND
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int, fmt_percent
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED, STAGES

#: One colour per 5D stage (Okabe-Ito), the same in every chart.
STAGE_COLORS: dict[str, str] = {
    "Drum-up": "#E69F00",  # orange
    "Diagnose": "#56B4E9",  # sky blue
    "Design": "#CC79A7",  # reddish purple
    "Delivery": "#0072B2",  # blue
    "Display": "#009E73",  # bluish green
}
#: Characters after which a long category label wraps onto a second line.
WRAP_AT = 44
#: Characters after which a title wraps (plotly never wraps by itself; half a desk screen fits ~55).
TITLE_WRAP_AT = 55


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

    def scaled(self, factor: float) -> ChartStyle:
        """Return this style with text, rows and heights scaled by `factor` (e.g. 1.6 for a projector)."""
        return replace(
            self,
            font_size=round(self.font_size * factor),
            title_size=round(self.title_size * factor),
            row_px=round(self.row_px * factor),
            min_height=round(self.min_height * factor),
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
STYLES: dict[str, ChartStyle] = {"light": LIGHT, "dark": DARK}


# ----------------------------------------------------------------------------------------- helpers
def wrap_label(text: str, width: int = WRAP_AT, max_lines: int = 2) -> str:
    """Return `text` wrapped onto at most `max_lines` lines joined by ``<br>``, never cut.

    Lines hold `width` characters, more when the text would otherwise need more lines (every row
    of a bar chart is as tall as its tallest label, so one very long name must not triple them).

    Examples
    --------
    >>> wrap_label("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah")
    'Badan Perencanaan Pembangunan, Riset dan<br>Inovasi Daerah'
    >>> wrap_label("Dinas Kesehatan")
    'Dinas Kesehatan'
    """
    text = str(text)
    lines = textwrap.wrap(text, width=width, break_long_words=False)
    while len(lines) > max_lines:
        width += 4
        lines = textwrap.wrap(text, width=width, break_long_words=False)
    return "<br>".join(lines) or text


def _html_text(text: object) -> str:
    """Escape user text for plotly labels (plotly renders a small HTML subset in text)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _separators(lang: str) -> str:
    # Plotly's `separators`: decimal mark then thousands mark (Indonesian: 1.234,5).
    return ",." if lang == "id" else ".,"


def _merge(base: dict, extra: dict) -> dict:
    """Return `base` updated with `extra`, nested dicts merged (plain dicts: one validation pass)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _figure(
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
    title_lines = textwrap.wrap(_html_text(title), width=style.title_wrap) or [""]
    subtitle_lines = textwrap.wrap(_html_text(subtitle), width=round(style.title_wrap * 1.3)) if subtitle else []
    axis = {
        "gridcolor": style.grid_color,
        "zerolinecolor": style.grid_color,
        "linecolor": style.grid_color,
        "automargin": True,
        "title": {"font": {"size": style.font_size, "color": style.muted_color}},
        "tickfont": {"size": style.font_size, "color": style.text_color},
    }
    base = {
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
            "pad": {"b": round(style.font_size * 1.6), "l": 4},
        },
        "font": {"family": style.font_family, "size": style.font_size, "color": style.text_color},
        "paper_bgcolor": style.paper_color,
        "plot_bgcolor": style.plot_color,
        "separators": _separators(lang),
        # A filling figure takes its container's height (plotly's autosize).
        "height": None if style.fill else height,
        "margin": {"l": 8, "r": 24, "t": 16, "b": 8},
        "hoverlabel": {"font": {"family": style.font_family, "size": style.font_size}},
        # A vertical legend at the right never collides with the title, whatever the width.
        "legend": {
            "orientation": "v",
            "x": 1.01,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "top",
            "traceorder": "normal",
            "font": {"size": style.font_size},
            "title": {"text": ""},
        },
        "clickmode": "event+select",
        "dragmode": False,
        "uirevision": title,
        "xaxis": _merge(axis, xaxis or {}),
        "yaxis": _merge(axis, yaxis or {}),
    }
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


def _bar_height(labels: Sequence[str], style: ChartStyle, extra: int = 0) -> int:
    # Plotly spaces categories evenly: every row gets the height of the tallest label.
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    row = max(style.row_px, round(lines * style.font_size * 1.2) + 8)
    return max(style.min_height, len(labels) * row + 90 + 4 * style.title_size + extra)


def _opacity(categories: Sequence[object], selected: Sequence[object], style: ChartStyle) -> list[float] | float:
    if not selected:
        return 1.0
    chosen = {str(s) for s in selected}
    return [1.0 if str(c) in chosen else style.dim_opacity for c in categories]


def empty_figure(message: str, *, title: str = "", style: ChartStyle = LIGHT, lang: str = "id") -> go.Figure:
    """Return a blank figure that says `message` (e.g. when the filters leave nothing)."""
    note = {
        "text": _html_text(message),
        "showarrow": False,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "font": {"size": style.font_size + 2, "color": style.muted_color},
    }
    return _figure(
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


def _hint(style: ChartStyle, lang: str) -> str:
    """Return the "click to filter" hint, or nothing where charts are not clicked."""
    return t("chart.click_hint", lang) if style.click_hints else ""


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _count_share_text(funnel: pd.DataFrame, lang: str) -> list[str]:
    pairs = zip(funnel["jumlah"], funnel["persen"], strict=True)
    return [f"{fmt_int(n, lang)} ({fmt_percent(p, lang)})" for n, p in pairs]


def _stage_label(stage: str, lang: str) -> str:
    return t(f"stagename.{stage}", lang)


# ------------------------------------------------------------------------------------------ 5D stages
def stage_funnel_figure(
    funnel: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Return the 5D funnel: innovations now in each stage, in 5D order from the top.

    Parameters
    ----------
    funnel : pandas.DataFrame
        :func:`lebak_dash.analysis.stage_funnel`.
    lang : {"id", "en"}
    style : ChartStyle
    selected : sequence of str
        Stages of the current selection (others are dimmed).
    title : str, optional
        Overrides the finding computed from the data.
    subtitle : str, optional
        Overrides the explanation under the title (which mentions clicking).
    """
    total = int(funnel["jumlah"].sum())
    if total == 0:
        return empty_figure(t("chart.empty", lang), title=t("chart.funnel.empty_title", lang), style=style, lang=lang)
    delivered = int(funnel.loc[["Delivery", "Display"], "jumlah"].sum())
    title = title or t(
        "chart.funnel.title",
        lang,
        n=fmt_int(delivered, lang),
        total=fmt_int(total, lang),
        pct=fmt_percent(delivered / total, lang),
    )
    stages = list(funnel.index)
    text = _count_share_text(funnel, lang)
    traces = [
        go.Funnel(
            y=[_stage_label(s, lang) for s in stages],
            x=funnel["jumlah"].to_numpy(),
            customdata=np.array([[s] for s in stages], dtype=object),
            text=text,
            textinfo="text",
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": style.font_size},
            marker={
                "color": [STAGE_COLORS[s] for s in stages],
                "opacity": _opacity(stages, selected, style),
                "line": {"width": 0},
            },
            connector={"fillcolor": style.grid_color, "line": {"width": 0}},
            hovertemplate="%{y}: %{x}<extra></extra>",
            cliponaxis=False,
        )
    ]
    height = max(style.min_height, 5 * round(style.row_px * 1.6) + 60 + 3 * style.title_size)
    return _figure(
        traces,
        style,
        lang,
        title,
        subtitle if subtitle is not None else t("chart.funnel.subtitle", lang),
        height,
        layout={"showlegend": False},
    )


def stage_bar_figure(
    funnel: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
) -> go.Figure:
    """Return innovations per 5D stage as vertical bars in 5D order (the Tahapan page).

    Parameters
    ----------
    funnel : pandas.DataFrame
        :func:`lebak_dash.analysis.stage_funnel`.
    """
    total = int(funnel["jumlah"].sum())
    if total == 0:
        return empty_figure(t("chart.empty", lang), title=t("chart.stages.empty_title", lang), style=style, lang=lang)
    top = str(funnel["jumlah"].idxmax())
    title = title or t(
        "chart.stages.title", lang, stage=_stage_label(top, lang), n=fmt_int(funnel.loc[top, "jumlah"], lang)
    )
    stages = list(funnel.index)
    traces = [
        go.Bar(
            x=[_stage_label(s, lang) for s in stages],
            y=funnel["jumlah"].to_numpy(),
            customdata=np.array([[s] for s in stages], dtype=object),
            text=_count_share_text(funnel, lang),
            textposition="outside",
            textfont={"size": style.font_size, "color": style.text_color},
            cliponaxis=False,
            marker={"color": [STAGE_COLORS[s] for s in stages], "opacity": _opacity(stages, selected, style)},
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    ]
    return _figure(
        traces,
        style,
        lang,
        title,
        _hint(style, lang),
        max(style.min_height, 360),
        layout={"showlegend": False},
        xaxis={"title": {"text": t("axis.tahapan", lang)}},
        yaxis={"title": {"text": t("axis.jumlah", lang)}, "rangemode": "tozero"},
    )


def year_stage_figure(
    table: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[int] = (),
    title: str | None = None,
    without_year: int = 0,
) -> go.Figure:
    """Return innovations per year, stacked by 5D stage.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`lebak_dash.analysis.per_year_stage`.
    selected : sequence of int
        Years of the current selection (others are dimmed).
    without_year : int
        Innovations with no year (named in the subtitle, not drawn).
    """
    if table.empty or int(table["jumlah"].sum()) == 0:
        return empty_figure(t("chart.empty", lang), title=t("chart.years.empty_title", lang), style=style, lang=lang)
    peak = int(table["jumlah"].idxmax())
    title = title or t("chart.years.title", lang, year=peak, n=fmt_int(table.loc[peak, "jumlah"], lang))
    years = [int(y) for y in table.index]
    missing = t("chart.years.without_year", lang, n=fmt_int(without_year, lang)) if without_year else ""
    subtitle = _join(missing, _hint(style, lang))
    traces = _stacked_stage_traces(
        table,
        years,
        years,
        None,
        lang=lang,
        style=style,
        selected=selected,
        vertical=True,
        total_color=style.text_color,
    )
    return _figure(
        traces,
        style,
        lang,
        title,
        subtitle,
        max(style.min_height, 400),
        layout={"barmode": "stack"},
        xaxis={"title": {"text": t("axis.tahun", lang)}, "type": "category"},
        yaxis={"title": {"text": t("axis.jumlah", lang)}, "rangemode": "tozero"},
    )


# ------------------------------------------------------------------------------------------- OPD
def _stacked_stage_traces(
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
    """Return one bar trace per 5D stage, stacked along `categories`, and the totals as text.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per category, a column per stage and ``jumlah``.
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
    opacity = _opacity(names, selected, style)
    traces: list[object] = []
    for stage in STAGES:
        label = _stage_label(stage, lang)
        if hover is None:
            template, texts = "%{" + cat + "} · " + label + ": %{" + num + "}<extra></extra>", {}
        else:
            template, texts = "%{hovertext}<br>" + label + ": %{" + num + "}<extra></extra>", {"hovertext": hover}
        traces.append(
            go.Bar(
                name=label,
                orientation="v" if vertical else "h",
                **{cat: categories, num: table[stage].to_numpy()},
                customdata=np.array([[n, stage] for n in names], dtype=object),
                **texts,
                marker={"color": STAGE_COLORS[stage], "opacity": opacity},
                hovertemplate=template,
            )
        )
    totals = table["jumlah"].to_numpy()
    traces.append(
        go.Scatter(
            **{cat: categories, num: totals},
            customdata=np.array([[n] for n in names], dtype=object),
            mode="text",
            text=list(total_text) if total_text is not None else [fmt_int(n, lang) for n in totals],
            textposition="top center" if vertical else "middle right",
            textfont={"size": style.font_size, "color": total_color or style.muted_color},
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    return traces


def opd_count_title(matrix: pd.DataFrame, lang: str) -> str:
    """Return the finding of an OPD x stage matrix: ``"38 dari 61 OPD sudah berinovasi"`` (reference OPDs only)."""
    known = matrix[matrix["jenis"] != OTHER_KIND] if "jenis" in matrix.columns else matrix
    active = int((known["jumlah"] > 0).sum())
    return t("chart.opd.title", lang, n=fmt_int(active, lang), count=len(known))


def opd_stage_figure(
    matrix: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
    subtitle: str | None = None,
    by_kind: bool = True,
) -> go.Figure:
    """Return one horizontal bar per OPD, stacked by 5D stage, in the order of `matrix`.

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`lebak_dash.analysis.opd_stage_matrix` or :func:`~lebak_dash.analysis.leading_opds`
        (index OPD name; ``jenis``, stages, ``jumlah``).
    selected : sequence of str
        OPDs of the current selection (others are dimmed).
    title : str, optional
        Default: ``"{n} dari {total} OPD sudah berinovasi"``.
    by_kind : bool
        Label the rows with their kind (Dinas, Badan, Kecamatan...) as a second axis level.
    """
    if matrix.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.opd.empty_title", lang), style=style, lang=lang)
    title = title or opd_count_title(matrix, lang)
    names = [str(n) for n in matrix.index]
    labels = [wrap_label(_html_text(n), style.label_wrap) for n in names]
    hover = [_html_text(n) for n in names]
    group = by_kind and "jenis" in matrix.columns and matrix["jenis"].nunique() > 1
    y: list[object] | list[list[str]] = [list(matrix["jenis"].astype(str)), labels] if group else labels
    totals = matrix["jumlah"].to_numpy()
    traces = _stacked_stage_traces(
        matrix,
        names,
        y,
        hover,
        lang=lang,
        style=style,
        selected=selected,
        total_text=[fmt_int(n, lang) if n else t("chart.opd.none", lang) for n in totals],
    )
    top = max(1, int(totals.max()))
    return _figure(
        traces,
        style,
        lang,
        title,
        subtitle or _hint(style, lang),
        _bar_height(labels, style),
        layout={"barmode": "stack", "bargap": 0.25},
        xaxis={"title": {"text": t("axis.jumlah", lang)}, "range": [0, top * 1.15]},
        yaxis={"title": {"text": ""}, "autorange": "reversed", "dividercolor": style.grid_color},
    )


def leading_opd_figure(
    table: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
) -> go.Figure:
    """Return the leading OPDs (most innovations first), stacked by 5D stage.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`lebak_dash.analysis.leading_opds`.
    """
    if table.empty:
        return empty_figure(t("chart.empty", lang), title=t("ringkasan.leading", lang), style=style, lang=lang)
    first = table.index[0]
    # Not escaped here: _figure escapes the whole title (escaping twice showed "&lt;" literally).
    title = title or t("chart.leading.title", lang, name=first, count=int(table.loc[first, "jumlah"]))
    return opd_stage_figure(table, lang=lang, style=style, selected=selected, title=title, by_kind=False)


def opd_heatmap_figure(
    matrix: pd.DataFrame, *, lang: str = "id", style: ChartStyle = LIGHT, title: str | None = None
) -> go.Figure:
    """Return an OPD x stage heat map with the count written in each cell.

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`lebak_dash.analysis.opd_stage_matrix`.
    """
    if matrix.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.heatmap.empty_title", lang), style=style, lang=lang)
    displayed = int((matrix["Display"] > 0).sum())
    title = title or t("chart.heatmap.title", lang, n=fmt_int(displayed, lang), count=len(matrix))
    names = [str(n) for n in matrix.index]
    labels = [wrap_label(_html_text(n)) for n in names]
    z = matrix[list(STAGES)].to_numpy()
    traces = [
        go.Heatmap(
            z=z,
            x=[_stage_label(s, lang) for s in STAGES],
            y=labels,
            customdata=np.array([[_html_text(n)] * len(STAGES) for n in names], dtype=object),
            colorscale=[[0, style.paper_color], [0.001, style.scale_colors[0]], [1, style.scale_colors[1]]],
            zmin=0,
            texttemplate="%{z}",
            textfont={"size": style.font_size},
            hovertemplate="%{customdata}<br>%{x}: %{z}<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": t("axis.jumlah", lang)}, "thickness": 12},
        )
    ]
    return _figure(
        traces,
        style,
        lang,
        title,
        t("chart.heatmap.subtitle", lang),
        _bar_height(labels, style),
        xaxis={"side": "top", "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False},
    )


# ------------------------------------------------------------------------------------- kecamatan
def kecamatan_stage_figure(
    matrix: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
    vertical: bool = False,
) -> go.Figure:
    """Return one bar per kecamatan (the 28, zeros included), stacked by 5D stage.

    Kabupaten-wide and not-stated innovations are left out here (shown apart, as the contract
    counts them); their numbers are named in the subtitle.

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`lebak_dash.analysis.kecamatan_stage_matrix`.
    vertical : bool
        Upright bars with the names below them (the big screen: 28 rows of large text do not fit
        its height, 28 columns fit its width); default one horizontal bar per row.
    """
    rows = matrix[matrix["baris"].isin(["kecamatan", "tidak_dikenal"])]
    if rows.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.kec.empty_title", lang), style=style, lang=lang)
    known = matrix[matrix["baris"] == "kecamatan"]
    reached = int((known["jumlah"] > 0).sum())
    title = title or t("chart.kec.title", lang, n=fmt_int(reached, lang), count=len(known))
    wide = int(matrix.loc[KABUPATEN_WIDE, "jumlah"]) if KABUPATEN_WIDE in matrix.index else 0
    unstated = int(matrix.loc[NOT_STATED, "jumlah"]) if NOT_STATED in matrix.index else 0
    subtitle = t("chart.kec.subtitle", lang, wide=fmt_int(wide, lang), unstated=fmt_int(unstated, lang))
    names = [str(n) for n in rows.index]
    labels = [_html_text(n) for n in names]
    traces = _stacked_stage_traces(
        rows, names, labels, labels, lang=lang, style=style, selected=selected, vertical=vertical
    )
    top = max(1, int(rows["jumlah"].max()))
    counts_axis = {"title": {"text": t("axis.jumlah", lang)}, "range": [0, top * 1.12]}
    if vertical:
        return _figure(
            traces,
            style,
            lang,
            title,
            subtitle,
            max(style.min_height, 420 + 4 * style.title_size),
            layout={"barmode": "stack", "bargap": 0.2},
            xaxis={"title": {"text": ""}, "tickangle": -90, "type": "category"},
            yaxis={**counts_axis, "range": [0, top * 1.18]},
        )
    return _figure(
        traces,
        style,
        lang,
        title,
        subtitle,
        _bar_height(labels, style),
        layout={"barmode": "stack", "bargap": 0.25},
        xaxis=counts_axis,
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
    )


Box = tuple[float, float, float, float]  # left, right, bottom, top

#: Where a map label may go around its point, in order of preference (plotly's textposition).
#: No diagonal places: tried, a label off a corner was read as the name of the neighbour's circle.
LABEL_PLACES = ("bottom center", "top center", "middle right", "middle left")


def _label_box(place: str, px: float, py: float, w: float, h: float, gap: float) -> Box:
    """Return the box a label of size (w, h) takes at `place` around the point (px, py)."""
    vertical, horizontal = place.split()
    left = {"center": px - w / 2, "right": px + gap, "left": px - gap - w}[horizontal]
    bottom = {"middle": py - h / 2, "bottom": py - gap - h, "top": py + gap}[vertical]
    return (left, left + w, bottom, bottom + h)


def _overlap(a: Box, b: Box) -> float:
    """Return the area two boxes share (0 when apart)."""
    width = min(a[1], b[1]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[2], b[2])
    return width * height if width > 0 and height > 0 else 0.0


def label_positions(
    x: np.ndarray, y: np.ndarray, names: Sequence[str], sizes: Sequence[float], font: int, width_px: int = 560
) -> list[str]:
    """Return a text position per map point that keeps labels off other labels and markers.

    Each label takes the first place of :data:`LABEL_PLACES` whose box (estimated from the
    name's length) overlaps no marker and no other label, or where every place overlaps something
    (a crowded town centre) the place that overlaps least; repeated until no label moves.

    Parameters
    ----------
    x, y : numpy.ndarray
        Point positions (longitude, latitude).
    names : sequence of str
        Labels.
    sizes : sequence of float
        Marker diameters in pixels.
    font : int
        Label font size in pixels.
    width_px : int
        Assumed drawn size of the larger span (estimates how many degrees a pixel is).
    """
    if len(x) == 0:
        return []
    span = max(float(np.ptp(x)), float(np.ptp(y)), 1e-9)
    unit = span / width_px  # degrees per pixel, roughly
    markers: list[Box] = []
    options: list[list[Box]] = []  # the box of each place, per label
    for px, py, name, size in zip(x, y, names, sizes, strict=True):
        r = max(size, font) / 2 * unit
        markers.append((px - r, px + r, py - r, py + r))
        w, h, gap = len(str(name)) * font * 0.55 * unit, font * 1.2 * unit, (max(size, font) / 2 + 2) * unit
        options.append([_label_box(place, px, py, w, h, gap) for place in LABEL_PLACES])
    chosen: list[int | None] = [None] * len(options)

    def best_place(i: int) -> int:
        others = [m for j, m in enumerate(markers) if j != i]
        others += [options[j][c] for j, c in enumerate(chosen) if j != i and c is not None]
        costs = [sum(_overlap(box, o) for o in others) for box in options[i]]
        return next((k for k, c in enumerate(costs) if c == 0), int(np.argmin(costs)))

    # Greedy first, then a few passes that move each label to its best place given all the others
    # (a label placed early cannot see the ones placed after it).
    for _ in range(4):
        changed = False
        for i in range(len(options)):
            place = best_place(i)
            changed |= place != chosen[i]
            chosen[i] = place
        if not changed:
            break
    return [LABEL_PLACES[c or 0] for c in chosen]


def kecamatan_map_figure(
    frame: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
    kabupaten_wide: int = 0,
    height: int | None = None,
    subtitle: str | None = None,
    show_scale: bool = True,
    label_space_px: int = 560,
) -> go.Figure:
    """Return an offline map of the 28 kecamatan: a marker at each centroid, sized and coloured by count.

    No tile server, no map library, no request: a plain scatter of longitude and latitude with
    equal distances on both axes. Kecamatan with no innovation are hollow grey rings.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`lebak_dash.analysis.kecamatan_map_frame` (``kecamatan``, ``lat``, ``lon``, ``jumlah``).
    selected : sequence of str
        Kecamatan of the current selection (others are dimmed).
    kabupaten_wide : int
        Kabupaten-wide innovations (named in the subtitle, not added to each kecamatan).
    height : int, optional
        Figure height in pixels (default from the style).
    subtitle : str, optional
        Overrides the explanation under the title (which mentions clicking).
    show_scale : bool
        Draw the colour scale (left out where the page explains the circles itself).
    label_space_px : int
        Width the points are expected to span on screen, in pixels: labels are placed so as not
        to overlap at that size (smaller: more cautious).
    """
    if frame.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.map.empty_title", lang), style=style, lang=lang)
    counts = frame["jumlah"].to_numpy()
    reached = int((counts > 0).sum())
    top = frame.loc[frame["jumlah"].idxmax()]
    if title is None:
        key = "chart.map.title" if reached else "chart.map.title_none"
        title = t(
            key,
            lang,
            n=fmt_int(reached, lang),
            count=len(frame),
            top=top["kecamatan"],  # escaped with the whole title by _figure
            top_n=fmt_int(top["jumlah"], lang),
        )
    if subtitle is None:
        subtitle = t("chart.map.subtitle", lang, wide=fmt_int(kabupaten_wide, lang))
    biggest = max(1, int(counts.max()))
    font = style.font_size
    # Area, not radius, grows with the count (sqrt), so a double count does not look four times as big.
    sizes = [0 if n == 0 else font * 0.7 + font * 1.5 * math.sqrt(n / biggest) for n in counts]
    names = frame["kecamatan"].astype(str).tolist()
    opacity = _opacity(names, selected, style)
    traces: list[object] = []
    zero = counts == 0
    if zero.any():
        traces.append(
            go.Scatter(
                x=frame["lon"][zero],
                y=frame["lat"][zero],
                customdata=np.array([[n, 0] for n, z in zip(names, zero, strict=True) if z], dtype=object),
                mode="markers",
                marker={
                    "size": font,
                    "color": "rgba(0,0,0,0)",
                    "line": {"color": style.zero_color, "width": 2},
                },
                hovertext=[_html_text(n) for n, z in zip(names, zero, strict=True) if z],
                hovertemplate="%{hovertext}: 0<extra></extra>",
                showlegend=False,
            )
        )
    some = ~zero
    traces.append(
        go.Scatter(
            x=frame["lon"][some],
            y=frame["lat"][some],
            customdata=np.array([[n, c] for n, c in zip(names, counts, strict=True) if c], dtype=object),
            mode="markers",
            marker={
                "size": [s for s, z in zip(sizes, zero, strict=True) if not z],
                "color": counts[some],
                "cmin": 0,
                "cmax": biggest,
                "colorscale": [[0, style.scale_colors[0]], [1, style.scale_colors[1]]],
                "line": {"color": style.text_color, "width": 1},
                "opacity": [o for o, z in zip(opacity, zero, strict=True) if not z] if selected else 0.95,
                "colorbar": {"title": {"text": t("axis.jumlah", lang)}, "thickness": 12},
                **({} if show_scale else {"showscale": False}),
            },
            hovertext=[_html_text(n) for n, z in zip(names, zero, strict=True) if not z],
            hovertemplate="%{hovertext}: %{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    traces.append(
        go.Scatter(
            x=frame["lon"],
            y=frame["lat"],
            customdata=np.array([[n, c] for n, c in zip(names, counts, strict=True)], dtype=object),
            # Invisible markers as big as the visible ones: plotly offsets each label by its marker.
            mode="markers+text",
            marker={"size": [max(s, font) for s in sizes], "color": "rgba(0,0,0,0)"},
            text=[_html_text(n) for n in names],
            textposition=label_positions(
                frame["lon"].to_numpy(), frame["lat"].to_numpy(), names, sizes, font, label_space_px
            ),
            textfont={"size": max(9, font - 2), "color": style.text_color, "shadow": f"0 0 3px {style.paper_color}"},
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
    )
    mid_lat = float(frame["lat"].mean())
    # Room around the outermost points for their labels, which grow with the type.
    pad = 0.04 * max(1.0, font / 13)
    # One degree of longitude is cos(latitude) as long as one of latitude: keep distances true.
    return _figure(
        traces,
        style,
        lang,
        title,
        subtitle,
        height or max(style.min_height, 36 * font),
        xaxis={
            "visible": False,
            "range": [float(frame["lon"].min()) - pad, float(frame["lon"].max()) + pad],
            "constrain": "domain",
        },
        yaxis={
            "visible": False,
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians(mid_lat)),
            "range": [float(frame["lat"].min()) - pad, float(frame["lat"].max()) + pad],
            "constrain": "domain",
        },
    )
