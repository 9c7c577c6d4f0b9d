"""Figures of the progress page (one ``go.Figure`` per function), in the dashboard's style.

Same rules as the dashboard's figures: plotly.graph_objects only, titles that state the finding,
stage colours from :data:`~lebak_dash.charts.style.STAGE_COLORS`, user text HTML-escaped, a
:class:`~lebak_dash.charts.style.ChartStyle` and a language on every function.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.progress import GONE_NODE, NEW_NODE, Comparison, VersionInfo
from lebak_dash.analysis.stages import IMPLEMENTED, MODEL_5D, MODEL_IID, MODEL_STAGES
from lebak_dash.charts.dashboard import opd_stage_figure
from lebak_dash.charts.style import (
    LIGHT,
    ChartStyle,
    bar_height,
    build_figure,
    derived_label,
    empty_figure,
    html_text,
    stacked_stage_traces,
    stage_color,
    stage_label,
    wrap_label,
)
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_int, fmt_percent
from lebak_dash.records.schema import NO_STAGE

#: Most OPD rows a progress chart draws (the tables list them all): a meeting reads the top.
MAX_ROWS = 20
#: Colours of movement (Okabe-Ito): forward bluish green, backward vermillion; new/gone neutral.
MOVE_COLORS: dict[str, str] = {"naik": "#009E73", "turun": "#D55E00", "baru": "#9AA5B1", "hilang": "#9AA5B1"}


def _model_of(columns: Iterable[object]) -> str:
    """Return the stage model of a table's columns (IID when they hold IID's stages)."""
    return MODEL_IID if any(s in MODEL_STAGES[MODEL_IID] for s in columns) else MODEL_5D


def _rgba(hex_color: str, alpha: float) -> str:
    value = hex_color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def version_label(version: VersionInfo, lang: str) -> str:
    """Return ``v3 (10 Januari 2024)``, or ``v3`` without an upload date."""
    if version.uploaded_at is None:
        return version.label
    return f"{version.label} ({fmt_date(version.uploaded_at, lang)})"


def _node_color(node: str) -> str:
    return MOVE_COLORS["baru"] if node in (NEW_NODE, GONE_NODE) else stage_color(node)


def node_label(node: str, lang: str) -> str:
    """Return how a Sankey node is named (a stage, or new/disappeared)."""
    if node == NEW_NODE:
        return t("prog.node.baru", lang)
    if node == GONE_NODE:
        return t("prog.node.hilang", lang)
    return stage_label(node, lang)


# --------------------------------------------------------------------------- stages per version
def stage_versions_figure(
    counts: pd.DataFrame,
    versions: tuple[VersionInfo, ...],
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    title: str | None = None,
) -> go.Figure:
    """Return innovations per stage in each version, stacked columns in upload order.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`lebak_dash.analysis.progress.stage_counts` (index version number; the stages of
        one model, the gap and derived parts when any; ``jumlah``).
    versions : tuple of VersionInfo
        The timeline's versions (their dates label the columns).
    """
    if counts.empty or int(counts["jumlah"].sum()) == 0:
        return empty_figure(t("chart.empty", lang), title=t("prog.chart.versions.empty", lang), style=style, lang=lang)
    by_number = {v.number: v for v in versions}
    numbers = [int(n) for n in counts.index]
    labels = [
        f"{by_number[n].label}<br>{fmt_date(by_number[n].uploaded_at, lang)}"
        if n in by_number and by_number[n].uploaded_at is not None
        else f"v{n}"
        for n in numbers
    ]
    model = _model_of(counts.columns)
    delivered = counts[list(IMPLEMENTED[model])].sum(axis=1)
    first, last = numbers[0], numbers[-1]
    share = delivered / counts["jumlah"].where(counts["jumlah"] > 0)
    suffix = "" if model == MODEL_5D else f"_{model}"
    title = title or t(
        f"prog.chart.versions.title{suffix}",
        lang,
        a=f"v{first}",
        b=f"v{last}",
        na=fmt_int(delivered.loc[first], lang),
        nb=fmt_int(delivered.loc[last], lang),
        pa=fmt_percent(share.loc[first], lang),
        pb=fmt_percent(share.loc[last], lang),
    )
    traces = stacked_stage_traces(
        counts, numbers, labels, None, lang=lang, style=style, vertical=True, total_color=style.text_color
    )
    return build_figure(
        traces,
        style,
        lang,
        title,
        t(f"prog.chart.versions.subtitle{suffix}", lang),
        max(style.min_height, 400),
        layout={"barmode": "stack", "clickmode": "none"},
        xaxis={"title": {"text": t("prog.axis.versi", lang)}, "type": "category"},
        yaxis={"title": {"text": t("axis.jumlah", lang)}, "rangemode": "tozero"},
    )


# ----------------------------------------------------------------------------------- Sankey
def movement_title(comparison: Comparison, lang: str) -> str:
    """Return the finding of a comparison: how many advanced and went back from `a` to `b`."""
    naik, turun = comparison.count("naik"), comparison.count("turun")
    key = "prog.chart.sankey.title" if naik else "prog.chart.sankey.title_none"
    return t(
        key,
        lang,
        count=naik,
        turun=fmt_int(turun, lang),
        a=comparison.a.label,
        b=comparison.b.label,
    )


def _positions(values: list[int], pad: float = 0.04) -> list[float]:
    """Return the vertical centre (0 top - 1 bottom) of stacked nodes of these sizes, in order."""
    total = float(sum(values)) or 1.0
    room = max(0.2, 1.0 - pad * (len(values) - 1))
    out, top = [], 0.0
    for i, value in enumerate(values):
        centre = top + value / total * room / 2
        out.append(min(0.999, max(0.001, centre + pad * i)))
        top += value / total * room
    return out


def movement_sankey_figure(
    comparison: Comparison,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    title: str | None = None,
    model: str = MODEL_5D,
) -> go.Figure:
    """Return a Sankey of stage-to-stage movement from version `a` (left) to `b` (right).

    Left nodes are the stages of `model` in `a`, ``Tahap belum diisi`` and "new" (not in `a`);
    right nodes the stages in `b`, ``Tahap belum diisi`` and "disappeared" (not in `b`). Links carry
    the colour of the stage they leave.
    """
    flows = comparison.flows
    if flows.empty:
        return empty_figure(t("chart.empty", lang), title=t("prog.chart.sankey.empty", lang), style=style, lang=lang)
    stages = MODEL_STAGES[model]
    left_order = [n for n in (*stages, NO_STAGE, NEW_NODE) if n in set(flows["dari"])]
    right_order = [n for n in (*stages, NO_STAGE, GONE_NODE) if n in set(flows["ke"])]
    left_sizes = [int(flows.loc[flows["dari"] == n, "jumlah"].sum()) for n in left_order]
    right_sizes = [int(flows.loc[flows["ke"] == n, "jumlah"].sum()) for n in right_order]
    labels = [f"{node_label(n, lang)} · {fmt_int(v, lang)}" for n, v in zip(left_order, left_sizes, strict=True)]
    labels += [f"{node_label(n, lang)} · {fmt_int(v, lang)}" for n, v in zip(right_order, right_sizes, strict=True)]
    colors = [_node_color(n) for n in (*left_order, *right_order)]
    index_left = {n: i for i, n in enumerate(left_order)}
    index_right = {n: len(left_order) + i for i, n in enumerate(right_order)}
    link_colors = [_rgba(_node_color(d), 0.45) for d in flows["dari"]]
    link_text = [
        f"{node_label(d, lang)} → {node_label(k, lang)}" for d, k in zip(flows["dari"], flows["ke"], strict=True)
    ]
    trace = go.Sankey(
        arrangement="fixed",
        valueformat="d",
        node={
            "label": labels,
            "color": colors,
            "pad": 14,
            "thickness": 18,
            "line": {"width": 0},
            "x": [0.001] * len(left_order) + [0.999] * len(right_order),
            "y": _positions(left_sizes) + _positions(right_sizes),
            "hovertemplate": "%{label}<extra></extra>",
        },
        link={
            "source": [index_left[d] for d in flows["dari"]],
            "target": [index_right[k] for k in flows["ke"]],
            "value": flows["jumlah"].to_numpy(),
            "color": link_colors,
            "customdata": link_text,
            "hovertemplate": "%{customdata}: %{value}<extra></extra>",
        },
        textfont={"size": style.font_size, "color": style.text_color},
    )
    subtitle = t(
        "prog.chart.sankey.subtitle",
        lang,
        a=version_label(comparison.a, lang),
        b=version_label(comparison.b, lang),
    )
    height = max(style.min_height, 440, 60 * max(len(left_order), len(right_order)) + 4 * style.title_size)
    return build_figure(
        [trace],
        style,
        lang,
        title or movement_title(comparison, lang),
        subtitle,
        height,
        layout={"clickmode": "none"},
        xaxis={"visible": False},
        yaxis={"visible": False},
    )


# ------------------------------------------------------------------------------------ per OPD
def moved_opds(per_opd: pd.DataFrame) -> pd.DataFrame:
    """Return the OPDs of a comparison with an innovation that advanced or went back, most advanced first."""
    return per_opd[(per_opd["naik"] > 0) | (per_opd["turun"] > 0)]


def opd_movement_title(per_opd: pd.DataFrame, lang: str) -> str:
    """Return the finding of the per-OPD movement: the OPD with most innovations moved forward."""
    moved = per_opd[per_opd["naik"] > 0]
    if moved.empty:
        return t("prog.chart.opd.title_none", lang)
    top = moved.index[0]
    return t(
        "prog.chart.opd.title",
        lang,
        name=top,  # the title is escaped as a whole by the figure
        n=t("count.innovations", lang, count=int(moved.loc[top, "naik"])),
        count=len(moved),
    )


def opd_movement_figure(
    per_opd: pd.DataFrame, *, lang: str = "id", style: ChartStyle = LIGHT, title: str | None = None
) -> go.Figure:
    """Return, per OPD with any stage movement, the innovations that advanced and went back.

    Parameters
    ----------
    per_opd : pandas.DataFrame
        :attr:`lebak_dash.analysis.progress.Comparison.per_opd` (most advanced first).
    """
    moved = moved_opds(per_opd)
    if moved.empty:
        return empty_figure(
            t("prog.chart.opd.nothing", lang), title=title or opd_movement_title(per_opd, lang), style=style, lang=lang
        )
    rows = moved.head(MAX_ROWS)
    subtitle = t("prog.chart.opd.subtitle", lang)
    if len(moved) > len(rows):
        subtitle += " · " + t("prog.chart.top", lang, n=fmt_int(len(rows), lang), count=len(moved))
    statuses = [s for s in ("naik", "turun") if int(rows[s].sum())]
    names = [str(n) for n in rows.index]
    labels = [wrap_label(html_text(n)) for n in names]
    hover = [html_text(n) for n in names]
    traces = [
        go.Bar(
            name=t(f"prog.status.{status}", lang),
            orientation="h",
            y=labels,
            x=rows[status].to_numpy(),
            customdata=np.array([[n] for n in names], dtype=object),
            hovertext=hover,
            marker={"color": MOVE_COLORS[status]},
            text=[fmt_int(v, lang) if v else "" for v in rows[status]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{hovertext}<br>" + t(f"prog.status.{status}", lang) + ": %{x}<extra></extra>",
        )
        for status in statuses
    ]
    top = max(1, int(rows[["naik", "turun"]].to_numpy().max()))
    return build_figure(
        traces,
        style,
        lang,
        title or opd_movement_title(per_opd, lang),
        subtitle,
        bar_height(labels, style, extra=len(labels) * 4 * len(statuses)),
        layout={"barmode": "group", "bargap": 0.25, "clickmode": "none"},
        xaxis={"title": {"text": t("axis.jumlah", lang)}, "range": [0, top * 1.2], "dtick": max(1, top // 8)},
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
    )


# ------------------------------------------------------------------------------------ stalled
def stalled_title(table: pd.DataFrame, lang: str) -> str:
    """Return the finding of the stalled list: how many, and the OPD with most."""
    if table.empty:
        return t("prog.chart.stalled.title_none", lang)
    counts = table["opd"].astype(str).value_counts()
    top = str(table["opd"].iloc[0])  # the list is sorted: the OPD with most stalled first
    return t(
        "prog.chart.stalled.title",
        lang,
        count=len(table),
        name=top,
        k=fmt_int(counts[top], lang),
    )


def stalled_figure(
    matrix: pd.DataFrame,
    table: pd.DataFrame,
    *,
    rule_text: str,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    title: str | None = None,
) -> go.Figure:
    """Return the stalled innovations per OPD, stacked by the stage they stay in.

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.opd_stage_matrix` of
        :func:`lebak_dash.analysis.stalled.stalled_records` (the dashboard's OPD x stage count).
    table : pandas.DataFrame
        :func:`lebak_dash.analysis.stalled.stalled` (for the title).
    rule_text : str
        The rule in words, one line (the subtitle;
        :func:`lebak_dash.views.perkembangan.stalled_rule_text` with ``short=True``).
    """
    title = title or stalled_title(table, lang)
    if matrix.empty or int(matrix["jumlah"].sum()) == 0:
        return empty_figure(t("prog.chart.stalled.nothing", lang), title=title, style=style, lang=lang)
    rows = matrix.head(MAX_ROWS)
    if len(matrix) > len(rows):
        rule_text += " · " + t("prog.chart.top", lang, n=fmt_int(len(rows), lang), count=len(matrix))
    figure = opd_stage_figure(rows, lang=lang, style=style, title=title, subtitle=rule_text, by_kind=False)
    top = int(rows["jumlah"].max())
    # Whole innovations on the axis (plotly would tick 0,2 0,4 ... for small counts).
    figure.update_layout(clickmode="none", xaxis_dtick=max(1, math.ceil(top / 8)))
    return figure


# ------------------------------------------------------------------------------------ history
def history_title(hist: pd.DataFrame, lang: str) -> str:
    """Return the finding of one innovation's history: from which stage to which."""
    present = hist[hist["tahapan"].notna()]
    name = str(present["nama"].iloc[-1]) if len(present) else ""
    if present.empty:
        return name
    first, last = present.iloc[0], present.iloc[-1]
    if first["tahapan"] == last["tahapan"]:
        return t(
            "prog.chart.history.same",
            lang,
            name=name,
            stage=stage_label(str(last["tahapan"]), lang),
            a=f"v{int(first['versi'])}",
        )
    return t(
        "prog.chart.history.title",
        lang,
        name=name,
        dari=stage_label(str(first["tahapan"]), lang),
        ke=stage_label(str(last["tahapan"]), lang),
        a=f"v{int(first['versi'])}",
        b=f"v{int(last['versi'])}",
    )


def history_figure(hist: pd.DataFrame, *, lang: str = "id", style: ChartStyle = LIGHT) -> go.Figure:
    """Return one innovation's stage in each version: a step line, markers in the stage colours.

    The stages are those of the history's model (5D or IID); a version that holds the innovation
    without a stage shows it below the first stage (``Tahap belum diisi``, grey); a derived 5D stage
    says so in the hover.

    Parameters
    ----------
    hist : pandas.DataFrame
        :func:`lebak_dash.analysis.progress.history`.
    """
    present = hist[hist["tahapan"].notna()]
    if present.empty:
        return empty_figure(t("chart.empty", lang), title=t("prog.chart.history.empty", lang), style=style, lang=lang)
    categories = [str(c) for c in hist["tahapan"].cat.categories if c != NO_STAGE]
    x = [
        f"v{int(v)}<br>{fmt_date(d, lang)}" if d is not None and not pd.isna(d) else f"v{int(v)}"
        for v, d in zip(hist["versi"], hist["diunggah"], strict=True)
    ]
    stages = [str(s) if s is not None and not pd.isna(s) else None for s in hist["tahapan"].astype(object)]
    derived = hist["turunan"].tolist() if "turunan" in hist.columns else [False] * len(hist)
    y = [categories.index(s) if s in categories else (-1 if s else None) for s in stages]
    labels = [
        (derived_label(s, lang) if d else stage_label(s, lang)) if s else t("prog.history.absent", lang)
        for s, d in zip(stages, derived, strict=True)
    ]
    gap = NO_STAGE in stages
    ticks = ([-1] if gap else []) + list(range(len(categories)))
    traces = [
        go.Scatter(
            x=x,
            y=y,
            mode="lines+markers",
            line={"shape": "hv", "color": style.muted_color, "width": 2},
            marker={
                "size": round(style.font_size * 1.2),
                "color": [stage_color(s) if s else style.zero_color for s in stages],
                "line": {"color": style.paper_color, "width": 1},
            },
            text=labels,
            hovertemplate="%{x}: %{text}<extra></extra>",
            connectgaps=False,
            showlegend=False,
        )
    ]
    return build_figure(
        traces,
        style,
        lang,
        history_title(hist, lang),
        t("prog.chart.history.subtitle", lang),
        max(style.min_height, 320),
        layout={"clickmode": "none"},
        xaxis={"type": "category", "title": {"text": t("prog.axis.versi", lang)}},
        yaxis={
            "tickvals": ticks,
            "ticktext": [stage_label(NO_STAGE if v < 0 else categories[v], lang) for v in ticks],
            "range": [min(ticks) - 0.5, len(categories) - 0.5],
            "title": {"text": ""},
        },
    )
