"""The dashboard's figures: the stage funnels and bars (5D, IID), the years, the OPD bars and heat
map, the kecamatan bars, the urusan bars and the maturity histogram (the map is
:mod:`lebak_dash.charts.kecamatan_map`).

One function per figure, each returning a ``plotly.graph_objects.Figure`` in a
:class:`~lebak_dash.charts.style.ChartStyle` and a language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import GAP_KIND, OTHER_KIND
from lebak_dash.analysis.stages import IMPLEMENTED, MODEL_5D, MODEL_IID, model_of
from lebak_dash.charts.style import (
    LIGHT,
    WRAP_AT,
    ChartStyle,
    bar_height,
    build_figure,
    click_hint,
    derived_label,
    empty_figure,
    gap_label,
    html_text,
    join_parts,
    opacity_for,
    short_label,
    stacked_stage_traces,
    stage_color,
    stage_columns,
    stage_label,
    wrap_label,
)
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int, fmt_percent
from lebak_dash.records.schema import KABUPATEN_WIDE, NO_OPD, NO_STAGE, NOT_STATED


def _count_share_text(funnel: pd.DataFrame, lang: str) -> list[str]:
    texts = []
    for n, p, derived in zip(funnel["jumlah"], funnel["persen"], _derived_counts(funnel), strict=True):
        text = f"{fmt_int(n, lang)} ({fmt_percent(p, lang)})"
        texts.append(text + " · " + t("chart.derived_part", lang, n=fmt_int(derived, lang)) if derived else text)
    return texts


def _derived_counts(funnel: pd.DataFrame) -> list[int]:
    if "turunan" not in funnel.columns:
        return [0] * len(funnel)
    return [int(v) for v in funnel["turunan"]]


def _funnel_labels(funnel: pd.DataFrame, lang: str) -> list[str]:
    """Return each stage's name, marked when some of its innovations' stage is derived."""
    return [
        derived_label(str(s), lang) if d else stage_label(str(s), lang)
        for s, d in zip(funnel.index, _derived_counts(funnel), strict=True)
    ]


def _model_of_funnel(funnel: pd.DataFrame) -> str:
    return MODEL_IID if any(model_of(str(s)) == MODEL_IID for s in funnel.index) else MODEL_5D


def _shown_stages(funnel: pd.DataFrame) -> pd.DataFrame:
    """Return the funnel's rows that are drawn: every stage, the gap only when it holds innovations."""
    return funnel[(funnel.index != NO_STAGE) | (funnel["jumlah"] > 0)]


def stage_funnel_figure(
    funnel: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Return a stage model's funnel: innovations now in each stage, in order from the top.

    The model (5D or IID's three stages) is the funnel's; innovations with no stage in either model
    are a grey bar of their own at the bottom (``Tahap belum diisi``), when there are any.

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
    model = _model_of_funnel(funnel)
    total = int(funnel["jumlah"].sum())
    if total == 0:
        return empty_figure(
            t("chart.empty", lang), title=t(f"chart.funnel.{model}.empty_title", lang), style=style, lang=lang
        )
    delivered = int(funnel.loc[list(IMPLEMENTED[model]), "jumlah"].sum())
    title = title or t(
        f"chart.funnel.{model}.title",
        lang,
        n=fmt_int(delivered, lang),
        total=fmt_int(total, lang),
        pct=fmt_percent(delivered / total, lang),
    )
    if subtitle is None:
        # Where charts are not clicked (the big screen), the subtitle does not invite to.
        kind = "subtitle" if style.click_hints else "subtitle_static"
        subtitle = t(f"chart.funnel.{model}.{kind}", lang)
    shown = _shown_stages(funnel)
    stages = [str(s) for s in shown.index]
    traces = [
        go.Funnel(
            y=_funnel_labels(shown, lang),
            x=shown["jumlah"].to_numpy(),
            customdata=np.array([[s] for s in stages], dtype=object),
            text=_count_share_text(shown, lang),
            textinfo="text",
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": style.value_font_size},
            marker={
                "color": [stage_color(s) for s in stages],
                "opacity": opacity_for(stages, selected, style),
                "line": {"width": 0},
            },
            connector={"fillcolor": style.grid_color, "line": {"width": 0}},
            hovertemplate="%{y}: %{x}<extra></extra>",
            cliponaxis=False,
        )
    ]
    # As tall as five stages at least: a shorter funnel (IID's three and the gap) keeps room for its title.
    height = max(style.min_height, max(5, len(stages)) * round(style.row_px * 1.6) + 60 + 3 * style.title_size)
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
    """Return innovations per stage as vertical bars in the model's order (the Tahapan page), the
    innovations with no stage as a grey bar after them (when there are any).

    Parameters
    ----------
    funnel : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.stage_funnel` (5D or IID).
    """
    model = _model_of_funnel(funnel)
    total = int(funnel["jumlah"].sum())
    if total == 0:
        return empty_figure(t("chart.empty", lang), title=t("chart.stages.empty_title", lang), style=style, lang=lang)
    real = funnel[funnel.index != NO_STAGE]
    top = str(real["jumlah"].idxmax()) if int(real["jumlah"].sum()) else NO_STAGE
    title = title or t(
        "chart.stages.title", lang, stage=stage_label(top, lang), n=fmt_int(funnel.loc[top, "jumlah"], lang)
    )
    shown = _shown_stages(funnel)
    stages = [str(s) for s in shown.index]
    traces = [
        go.Bar(
            x=_funnel_labels(shown, lang),
            y=shown["jumlah"].to_numpy(),
            customdata=np.array([[s] for s in stages], dtype=object),
            text=_count_share_text(shown, lang),
            textposition="outside",
            textfont={"size": style.value_font_size, "color": style.text_color},
            cliponaxis=False,
            marker={"color": [stage_color(s) for s in stages], "opacity": opacity_for(stages, selected, style)},
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
        xaxis={"title": {"text": t(f"axis.tahapan.{model}", lang)}},
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
    known = matrix[~matrix["jenis"].isin([OTHER_KIND, GAP_KIND])] if "jenis" in matrix.columns else matrix
    known = known[known.index != NO_OPD]
    active = int((known["jumlah"] > 0).sum())
    return t("chart.opd.title", lang, n=fmt_int(active, lang), count=len(known))


def _opd_labels(
    names: Sequence[str], lang: str, style: ChartStyle, short: Mapping[str, str] | None = None
) -> list[str]:
    """Return OPD names as an axis shows them (escaped, wrapped; the gap row in `lang`).

    When a name is longer than ``style.abbreviate_at`` and `short` knows its abbreviation, every
    name with an abbreviation shows it (one way of naming in a chart, not ``Kecamatan Cihara``
    above ``Kec. Wanasalam``).
    """
    long_known = any(short_label(n, short, style.abbreviate_at) != n for n in names)
    limit = 1 if long_known else 0  # 1: every name with an abbreviation; 0: none
    return [wrap_label(html_text(short_label(gap_label(n, lang), short, limit)), style.label_wrap) for n in names]


def opd_stage_figure(
    matrix: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
    subtitle: str | None = None,
    by_kind: bool = True,
    short: Mapping[str, str] | None = None,
    kind_labels: bool = True,
) -> go.Figure:
    """Return one horizontal bar per OPD, stacked by stage, in the order of `matrix`.

    The innovations that name no OPD are the last bar, grey (``OPD belum diisi``), when any.

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.opd_stage_matrix` or :func:`~lebak_dash.analysis.aggregate.leading_opds`
        (index OPD name; ``jenis``, stage keys, ``jumlah``).
    selected : sequence of str
        OPDs of the current selection (others are dimmed).
    title : str, optional
        Default: ``"{n} dari {total} OPD sudah berinovasi"``.
    by_kind : bool
        Label the rows with their kind (Dinas, Badan, Kecamatan...) as a second axis level.
    short : mapping of str to str, optional
        OPD abbreviations by name (:attr:`Reference.opd_short`): long names show them on the
        axis (``style.abbreviate_at``), the full name in the hover.
    kind_labels : bool
        With `by_kind`, name the kind in a second label column (False, on a phone: a line between
        the kinds' groups and the kind in the hover, the bars keep the width).
    """
    if matrix.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.opd.empty_title", lang), style=style, lang=lang)
    title = title or opd_count_title(matrix, lang)
    names = [str(n) for n in matrix.index]
    labels = _opd_labels(names, lang, style, short)
    hover = [html_text(gap_label(n, lang)) for n in names]
    group = by_kind and "jenis" in matrix.columns and matrix["jenis"].nunique() > 1
    kinds = [html_text(k) for k in matrix["jenis"].astype(str)] if group else []
    y: Sequence[object] = [kinds, labels] if group and kind_labels else labels
    dividers: list[dict[str, object]] = []
    if group and not kind_labels:
        hover = [f"{name} · {kind}" for name, kind in zip(hover, kinds, strict=True)]
        dividers = [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": row - 0.5,
                "y1": row - 0.5,
                "line": {"color": style.muted_color, "width": 1},
            }
            for row in range(1, len(kinds))
            if kinds[row] != kinds[row - 1]
        ]
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
        layout={"barmode": "stack", "bargap": 0.25, **({"shapes": dividers} if dividers else {})},
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
    short: Mapping[str, str] | None = None,
) -> go.Figure:
    """Return the leading OPDs (most innovations first), stacked by stage; the innovations that name
    no OPD after them, grey.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.leading_opds`.
    short : mapping of str to str, optional
        OPD abbreviations by name (see :func:`opd_stage_figure`).
    """
    if table.empty:
        return empty_figure(t("chart.empty", lang), title=t("ringkasan.leading", lang), style=style, lang=lang)
    real = table[table.index != NO_OPD]
    if title is None and real.empty:
        title = t("ringkasan.leading", lang)
    elif title is None:
        first = real.index[0]
        # Not escaped here: the figure escapes the whole title (escaping twice showed "&lt;" literally).
        title = t("chart.leading.title", lang, name=first, count=int(real.loc[first, "jumlah"]))
    return opd_stage_figure(table, lang=lang, style=style, selected=selected, title=title, by_kind=False, short=short)


def opd_heatmap_figure(
    matrix: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    title: str | None = None,
    short: Mapping[str, str] | None = None,
) -> go.Figure:
    """Return an OPD x stage heat map with the count written in each cell.

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.opd_stage_matrix` (its stage columns, 5D and IID, and
        the gap column when there is one; the no-OPD row, when there is one).
    short : mapping of str to str, optional
        OPD abbreviations by name (see :func:`opd_stage_figure`).
    """
    if matrix.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.heatmap.empty_title", lang), style=style, lang=lang)
    stages = stage_columns(matrix)
    final, key = ("Display", "chart.heatmap.title") if "Display" in stages else ("Penerapan", "chart.heatmap.title_iid")
    real = matrix[matrix.index != NO_OPD]
    shown = int((real[final] > 0).sum()) if final in real.columns else 0
    title = title or t(key, lang, n=fmt_int(shown, lang), count=len(real))
    names = [str(n) for n in matrix.index]
    labels = _opd_labels(names, lang, style, short)
    hover = [html_text(gap_label(n, lang)) for n in names]
    z = matrix[stages].to_numpy()
    traces = [
        go.Heatmap(
            z=z,
            # More than five stages (both models, the gap): names wrap, upright, not slanted over the title.
            x=[wrap_label(stage_label(s, lang), 10 if len(stages) > 5 else WRAP_AT) for s in stages],
            y=labels,
            customdata=np.array([[h] * len(stages) for h in hover], dtype=object),
            colorscale=[[0, style.paper_color], [0.001, style.scale_colors[0]], [1, style.scale_colors[1]]],
            zmin=0,
            texttemplate="%{z}",
            textfont={"size": style.value_font_size},
            hovertemplate="%{customdata}<br>%{x}: %{z}<extra></extra>",
            xgap=2,
            ygap=2,
            # Under the plot, not beside it: on a phone a colour bar at the right took a fifth of the width.
            colorbar={
                "title": {"text": t("axis.jumlah", lang), "side": "top"},
                "thickness": 12,
                "orientation": "h",
                "len": 0.5,
                "lenmode": "fraction",
                "x": 0,
                "xanchor": "left",
                "xref": "container",
                "y": 0,
                "yanchor": "bottom",
                "yref": "container",
            },
        )
    ]
    return build_figure(
        traces,
        style,
        lang,
        title,
        t("chart.heatmap.subtitle", lang),
        bar_height(labels, style),
        xaxis={"side": "top", "showgrid": False, "tickangle": 0},
        yaxis={"autorange": "reversed", "showgrid": False},
    )


# ------------------------------------------------------------------------------ urusan, maturity
#: Colour of the urusan and maturity bars: a slate that is none of the stage colours.
COUNT_COLOR = "#44546A"


def urusan_figure(
    table: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    without: int = 0,
    title: str | None = None,
) -> go.Figure:
    """Return innovations per urusan (government affair), one horizontal bar each, most first.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.count_per_urusan`.
    selected : sequence of str
        Urusan of the current selection (others are dimmed).
    without : int
        Innovations with no urusan (named in the subtitle, not drawn).
    """
    if table.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.urusan.empty_title", lang), style=style, lang=lang)
    names = [str(n) for n in table.index]
    first = names[0]
    title = title or t("chart.urusan.title", lang, name=first, count=int(table.loc[first, "jumlah"]))
    labels = [wrap_label(html_text(n), style.label_wrap) for n in names]
    counts = table["jumlah"].to_numpy()
    missing = t("chart.urusan.without", lang, count=without) if without else ""
    trace = go.Bar(
        orientation="h",
        y=labels,
        x=counts,
        customdata=np.array([[n] for n in names], dtype=object),
        hovertext=[html_text(n) for n in names],
        text=[fmt_int(n, lang) for n in counts],
        textposition="outside",
        textfont={"size": style.value_font_size},
        cliponaxis=False,
        marker={"color": COUNT_COLOR, "opacity": opacity_for(names, selected, style)},
        hovertemplate="%{hovertext}: %{x}<extra></extra>",
    )
    top = max(1, int(counts.max()))
    return build_figure(
        [trace],
        style,
        lang,
        title,
        join_parts(missing, click_hint(style, lang)),
        bar_height(labels, style),
        layout={"showlegend": False, "bargap": 0.25},
        xaxis={"title": {"text": t("axis.jumlah", lang)}, "range": [0, top * 1.15]},
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
    )


def maturity_figure(
    bands: pd.DataFrame,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    median: float | None = None,
    without: int = 0,
    title: str | None = None,
) -> go.Figure:
    """Return the histogram of IID's maturity score (``kematangan``), one bar per band of 10.

    Parameters
    ----------
    bands : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.maturity_bands`.
    median : float, optional
        The median score (the title's finding).
    without : int
        Innovations with no score (named in the subtitle, not drawn).
    """
    total = int(bands["jumlah"].sum()) if len(bands) else 0
    if total == 0:
        return empty_figure(t("chart.empty", lang), title=t("chart.maturity.empty_title", lang), style=style, lang=lang)
    title = title or t(
        "chart.maturity.title", lang, median=fmt_int(round(median or 0), lang), n=fmt_int(total, lang), count=total
    )
    missing = t("chart.maturity.without", lang, count=without) if without else ""
    counts = bands["jumlah"].to_numpy()
    trace = go.Bar(
        x=[str(b) for b in bands.index],
        y=counts,
        text=[fmt_int(n, lang) if n else "" for n in counts],
        textposition="outside",
        textfont={"size": style.value_font_size},
        cliponaxis=False,
        marker={"color": COUNT_COLOR},
        hovertemplate=t("axis.kematangan", lang) + " %{x}: %{y}<extra></extra>",
    )
    return build_figure(
        [trace],
        style,
        lang,
        title,
        join_parts(t("chart.maturity.subtitle", lang), missing),
        max(style.min_height, 360),
        layout={"showlegend": False, "bargap": 0.1, "clickmode": "none"},
        xaxis={"title": {"text": t("axis.kematangan", lang)}, "type": "category"},
        yaxis={"title": {"text": t("axis.jumlah", lang)}, "rangemode": "tozero"},
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
