"""The dashboard's figures: the 5D funnel and stage bars, the years, the OPD bars and heat map,
the kecamatan bars (the map is :mod:`lebak_dash.charts.kecamatan_map`).

One function per figure, each returning a ``plotly.graph_objects.Figure`` in a
:class:`~lebak_dash.charts.style.ChartStyle` and a language.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import OTHER_KIND
from lebak_dash.charts.style import (
    LIGHT,
    STAGE_COLORS,
    ChartStyle,
    bar_height,
    build_figure,
    click_hint,
    empty_figure,
    html_text,
    join_parts,
    opacity_for,
    stacked_stage_traces,
    stage_label,
    wrap_label,
)
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int, fmt_percent
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED, STAGES


def _count_share_text(funnel: pd.DataFrame, lang: str) -> list[str]:
    pairs = zip(funnel["jumlah"], funnel["persen"], strict=True)
    return [f"{fmt_int(n, lang)} ({fmt_percent(p, lang)})" for n, p in pairs]


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
        :func:`lebak_dash.analysis.aggregate.stage_funnel`.
    lang : {"id", "en"}
    style : ChartStyle
    selected : sequence of str
        Stages of the current selection (others are dimmed).
    title : str, optional
        Overrides the finding computed from the data.
    subtitle : str, optional
        Overrides the explanation under the title (which mentions clicking where charts are clicked).
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
    if subtitle is None:
        # Where charts are not clicked (the big screen), the subtitle does not invite to.
        subtitle = t("chart.funnel.subtitle" if style.click_hints else "chart.funnel.subtitle_static", lang)
    stages = list(funnel.index)
    text = _count_share_text(funnel, lang)
    traces = [
        go.Funnel(
            y=[stage_label(s, lang) for s in stages],
            x=funnel["jumlah"].to_numpy(),
            customdata=np.array([[s] for s in stages], dtype=object),
            text=text,
            textinfo="text",
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": style.font_size},
            marker={
                "color": [STAGE_COLORS[s] for s in stages],
                "opacity": opacity_for(stages, selected, style),
                "line": {"width": 0},
            },
            connector={"fillcolor": style.grid_color, "line": {"width": 0}},
            hovertemplate="%{y}: %{x}<extra></extra>",
            cliponaxis=False,
        )
    ]
    height = max(style.min_height, 5 * round(style.row_px * 1.6) + 60 + 3 * style.title_size)
    return build_figure(
        traces,
        style,
        lang,
        title,
        subtitle,
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
        :func:`lebak_dash.analysis.aggregate.stage_funnel`.
    """
    total = int(funnel["jumlah"].sum())
    if total == 0:
        return empty_figure(t("chart.empty", lang), title=t("chart.stages.empty_title", lang), style=style, lang=lang)
    top = str(funnel["jumlah"].idxmax())
    title = title or t(
        "chart.stages.title", lang, stage=stage_label(top, lang), n=fmt_int(funnel.loc[top, "jumlah"], lang)
    )
    stages = list(funnel.index)
    traces = [
        go.Bar(
            x=[stage_label(s, lang) for s in stages],
            y=funnel["jumlah"].to_numpy(),
            customdata=np.array([[s] for s in stages], dtype=object),
            text=_count_share_text(funnel, lang),
            textposition="outside",
            textfont={"size": style.font_size, "color": style.text_color},
            cliponaxis=False,
            marker={"color": [STAGE_COLORS[s] for s in stages], "opacity": opacity_for(stages, selected, style)},
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    ]
    return build_figure(
        traces,
        style,
        lang,
        title,
        click_hint(style, lang),
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
        :func:`lebak_dash.analysis.aggregate.per_year_stage`.
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
    subtitle = join_parts(missing, click_hint(style, lang))
    traces = stacked_stage_traces(
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
    return build_figure(
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
        :func:`lebak_dash.analysis.aggregate.opd_stage_matrix` or :func:`~lebak_dash.analysis.aggregate.leading_opds`
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
    labels = [wrap_label(html_text(n), style.label_wrap) for n in names]
    hover = [html_text(n) for n in names]
    group = by_kind and "jenis" in matrix.columns and matrix["jenis"].nunique() > 1
    y: Sequence[object] = [[html_text(k) for k in matrix["jenis"].astype(str)], labels] if group else labels
    totals = matrix["jumlah"].to_numpy()
    traces = stacked_stage_traces(
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
    return build_figure(
        traces,
        style,
        lang,
        title,
        subtitle or click_hint(style, lang),
        bar_height(labels, style),
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
        :func:`lebak_dash.analysis.aggregate.leading_opds`.
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
        :func:`lebak_dash.analysis.aggregate.opd_stage_matrix`.
    """
    if matrix.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.heatmap.empty_title", lang), style=style, lang=lang)
    displayed = int((matrix["Display"] > 0).sum())
    title = title or t("chart.heatmap.title", lang, n=fmt_int(displayed, lang), count=len(matrix))
    names = [str(n) for n in matrix.index]
    labels = [wrap_label(html_text(n)) for n in names]
    z = matrix[list(STAGES)].to_numpy()
    traces = [
        go.Heatmap(
            z=z,
            x=[stage_label(s, lang) for s in STAGES],
            y=labels,
            customdata=np.array([[html_text(n)] * len(STAGES) for n in names], dtype=object),
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
    return build_figure(
        traces,
        style,
        lang,
        title,
        t("chart.heatmap.subtitle", lang),
        bar_height(labels, style),
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
        :func:`lebak_dash.analysis.aggregate.kecamatan_stage_matrix`.
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
    labels = [html_text(n) for n in names]
    traces = stacked_stage_traces(
        rows, names, labels, labels, lang=lang, style=style, selected=selected, vertical=vertical
    )
    top = max(1, int(rows["jumlah"].max()))
    counts_axis = {"title": {"text": t("axis.jumlah", lang)}, "range": [0, top * 1.12]}
    if vertical:
        return build_figure(
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
    return build_figure(
        traces,
        style,
        lang,
        title,
        subtitle,
        bar_height(labels, style),
        layout={"barmode": "stack", "bargap": 0.25},
        xaxis=counts_axis,
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
    )
