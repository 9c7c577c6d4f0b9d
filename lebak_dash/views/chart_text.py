"""Every chart's numbers as text: a summary sentence and the table of the values it draws.

A chart alone tells a screen reader nothing, and a keyboard user cannot hover a bar. So each chart
a page draws comes with a :class:`ChartText`: the summary (the figure's title, which already says
the finding, as plain text) and the frame the chart was drawn from (the view's own frame, so the
numbers are the chart's), with labelled columns and readable category names. The page shows the
summary under the chart and the table in a "Lihat data" expander (:func:`lebak_dash.ui.page.show_chart`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.stages import DERIVED_PREFIX
from lebak_dash.charts.style import derived_label, gap_label, stage_label
from lebak_dash.i18n.formatting import fmt_int, fmt_percent
from lebak_dash.records.schema import IID_STAGES, STAGES
from lebak_dash.views.labels import kecamatan_label, labelled

#: Columns of the views' frames that are bookkeeping, not what a chart draws.
HIDDEN = frozenset({"turunan", "mencapai", "persen_mencapai", "baris", "lat", "lon", "dari", "sampai", "kode"})
#: Columns whose values are shares (0..1), written as percentages.
SHARES = frozenset({"persen"})
#: Columns whose values are categories named for the reader.
CATEGORIES = frozenset({"tahapan", "tahapan_iid", "kecamatan", "opd", "urusan"})
#: Plotly's HTML subset in titles (``<br>``, ``<b>``...): tags, not text.
_TAGS = re.compile(r"<[^>]+>")
#: Columns renamed before labelling: a view's ``jenis`` of an OPD table is the OPD's kind.
_RENAMES = {"jenis": "kind"}


@dataclass(frozen=True, eq=False)
class ChartText:
    """A chart's numbers as text.

    Attributes
    ----------
    summary : str
        One sentence: the figure's title as plain text (the finding).
    table : pandas.DataFrame
        The values the chart draws: one row per category, labelled columns (in the page's
        language), every cell as text: category names as shown (stages, gaps and kecamatan
        explained), counts as ``1.234``, shares as percentages, years as ``2019``. User text
        (OPD names...) is not escaped here: the page escapes it for its renderer.
    """

    summary: str
    table: pd.DataFrame


def figure_summary(figure: go.Figure) -> str:
    """Return a figure's title as one plain sentence (line breaks joined, tags dropped, entities decoded).

    Examples
    --------
    >>> figure_summary(go.Figure(layout={"title": {"text": "48% sudah sampai<br>Display &amp; lebih"}}))
    '48% sudah sampai Display & lebih'
    """
    text = str(figure.layout.title.text or "")
    return " ".join(html.unescape(_TAGS.sub(" ", text.replace("<br>", " "))).split())


def summary_only(figure: go.Figure) -> ChartText:
    """Return a chart's summary with no table (its values are listed in a table the page shows
    next to it anyway)."""
    return ChartText(figure_summary(figure), pd.DataFrame())


def _category_name(column: str, value: object, lang: str) -> object:
    if column in ("tahapan", "tahapan_iid") and isinstance(value, str):
        if value.startswith(DERIVED_PREFIX):
            return derived_label(value.removeprefix(DERIVED_PREFIX), lang)
        return stage_label(value, lang) if value in STAGES or value in IID_STAGES else gap_label(value, lang)
    if column == "kecamatan" and isinstance(value, str):
        return kecamatan_label(value, lang)
    if column in ("opd", "urusan") and isinstance(value, str):
        return gap_label(value, lang)
    return value


def chart_text(figure: go.Figure, frame: pd.DataFrame, lang: str, *, hide: Iterable[str] = ()) -> ChartText:
    """Return the summary and the data table of a chart drawn from `frame`.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        The chart (its title is the summary).
    frame : pandas.DataFrame
        The view's frame the chart was drawn from; a named index (``tahapan``, ``opd``, ``tahun``...)
        becomes the first column.
    lang : {"id", "en"}
    hide : iterable of str, optional
        More columns to leave out (besides :data:`HIDDEN`).

    Returns
    -------
    ChartText
    """
    table = frame.reset_index() if frame.index.name is not None else frame.reset_index(drop=True)
    hidden = HIDDEN | set(hide)
    table = table[[c for c in table.columns if str(c) not in hidden]].rename(columns=_RENAMES)
    for column in table.columns:
        table[column] = table[column].map(lambda v, n=str(column): _cell(n, v, lang))
    return ChartText(figure_summary(figure), labelled(table, lang))


def _cell(column: str, value: object, lang: str) -> str:
    """Return one cell as text (see :class:`ChartText`)."""
    if value is None or (not isinstance(value, str | tuple | list) and pd.isna(value)):
        return ""
    if column in SHARES:
        return fmt_percent(float(value), lang)  # type: ignore[arg-type]
    if column in CATEGORIES:
        return str(_category_name(column, value, lang))
    if column == "tahun":
        return str(int(value)) if isinstance(value, int | float) else str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) and float(value).is_integer():
        return fmt_int(int(value), lang)
    return str(value)
