"""Every chart's numbers as text (lebak_dash.views.chart_text): the summary is the figure's title as
plain text, the table holds the values the chart draws (its counts add up to the figure's own), and
each cell reads as the pages write numbers, years, shares and category names."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from lebak_dash.analysis.filters import Filters
from lebak_dash.views.chart_text import _cell, chart_text, figure_summary, summary_only
from lebak_dash.views.dataset import load_sample_dataset
from lebak_dash.views.kecamatan import kecamatan_view
from lebak_dash.views.opd import opd_profile, opd_view
from lebak_dash.views.ringkasan import ringkasan_view
from lebak_dash.views.selection import select
from lebak_dash.views.tahapan import tahapan_view


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "48% inovasi (231 dari 480) sudah sampai Delivery atau<br>Display",
            "48% inovasi (231 dari 480) sudah sampai Delivery atau Display",
        ),
        ("Dinas &amp; Co &lt;b&gt;", "Dinas & Co <b>"),
        ("<b>Tebal</b>  dan   <i>miring</i>", "Tebal dan miring"),
        (None, ""),
    ],
)
def test_the_summary_is_the_title_as_plain_text(title, expected):
    assert figure_summary(go.Figure(layout={"title": {"text": title}})) == expected


@pytest.mark.parametrize(
    ("column", "value", "lang", "expected"),
    [
        ("jumlah", 1234, "id", "1.234"),
        ("jumlah", 1234, "en", "1,234"),
        ("jumlah", np.int64(7), "id", "7"),
        ("tahun", 2019, "id", "2019"),
        ("tahun", 2019.0, "en", "2019"),
        ("persen", 0.1417, "id", "14%"),
        ("tahapan", "Delivery", "en", "Delivery"),
        ("opd", float("nan"), "id", ""),
        ("opd", "Dinas Kesehatan", "id", "Dinas Kesehatan"),
        ("jenis", None, "en", ""),
    ],
)
def test_cells_read_as_the_pages_write_them(column, value, lang, expected):
    assert _cell(column, value, lang) == expected


def _drawn_total(figure: go.Figure) -> int:
    """Add up what the figure's bars and funnels draw (their value axis; total labels left out)."""
    total = 0.0
    for trace in figure.data:
        if trace.type not in ("bar", "funnel"):
            continue
        values = trace.x if trace.type == "funnel" or trace.orientation == "h" else trace.y
        total += float(np.nansum(np.asarray(values, dtype=float)))
    return int(total)


def _charts():
    selection = select(load_sample_dataset(), Filters())
    ringkasan = ringkasan_view(selection, "id")
    opd = opd_view(selection, "id")
    tahapan = tahapan_view(selection, "id")
    kecamatan = kecamatan_view(selection, "id")
    profile = opd_profile(selection, opd.first_opd or "", {}, "id")
    bars = kecamatan.matrix[kecamatan.matrix["baris"].isin(["kecamatan", "tidak_dikenal"])]
    return {
        "funnel": (ringkasan.stages[0].figure, ringkasan.stages[0].funnel),
        "years": (ringkasan.years.figure, ringkasan.years.table),
        "leading": (ringkasan.leading_figure, ringkasan.leading),
        "urusan": (ringkasan.urusan.figure, ringkasan.urusan.table) if ringkasan.urusan else None,
        "opd_bars": (opd.bars_figure, opd.shown),
        "tahapan_bars": (tahapan.bars[0].figure, tahapan.bars[0].funnel),
        "stage_years": (tahapan.years.figure, tahapan.years.table),
        "kec_bars": (kecamatan.bars_figure, bars),
        "profile_stages": (profile.stage_figures[0], profile.stage_frames[0]),
        "profile_years": (profile.years_figure, profile.years_frame),
    }


CHARTS = _charts()


@pytest.mark.parametrize("name", [name for name, chart in CHARTS.items() if chart is not None])
def test_the_table_holds_the_charts_numbers(name):
    figure, frame = CHARTS[name]
    text = chart_text(figure, frame, "id")
    assert text.summary == figure_summary(figure) and text.summary
    counts = text.table["Jumlah"].str.replace(".", "", regex=False).astype(int)
    assert counts.sum() == _drawn_total(figure)
    assert len(text.table) == len(frame)
    hidden = {"turunan", "mencapai", "persen_mencapai", "baris", "Turunan dari IID"}
    assert not hidden & set(text.table.columns)


def test_english_headers_and_the_opd_kind():
    figure, frame = CHARTS["leading"]
    table = chart_text(figure, frame, "en").table
    assert list(table.columns[:2]) == ["Agency (OPD)", "Kind"]
    assert "Total" in table.columns


def test_a_summary_alone_has_no_table():
    figure, _ = CHARTS["funnel"]
    text = summary_only(figure)
    assert text.summary == figure_summary(figure) and text.table.empty
