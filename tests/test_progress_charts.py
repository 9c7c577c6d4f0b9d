"""Progress figures: the Sankey's nodes and links carry the comparison's flows, stage colours, titles
that state the finding, user text escaped, and the strings of the progress area in both languages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.progress import VersionData, compare, history, stage_counts, track
from lebak_dash.analysis.stalled import StalledRule
from lebak_dash.charts.progress import (
    MAX_ROWS,
    history_figure,
    movement_sankey_figure,
    opd_movement_figure,
    stage_versions_figure,
    stalled_figure,
)
from lebak_dash.charts.style import STAGE_COLORS
from lebak_dash.records.schema import STAGES
from lebak_dash.views.perkembangan import ProgressSettings, progress_view, stalled_rule_text

from . import progress_fixture as fx

EVIL = "<b>x</b><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def timeline(reference):
    return track(fx.versions(reference))


def values(array) -> list:
    """Plotly 7 may encode numeric arrays as base64 typed arrays; return plain numbers either way."""
    if isinstance(array, dict) and "bdata" in array:
        import base64

        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_sankey_links_are_the_flows(timeline):
    comparison = compare(timeline, 1, 2)
    figure = movement_sankey_figure(comparison)
    trace = figure.to_plotly_json()["data"][0]
    labels = trace["node"]["label"]
    flows = {
        (labels[s].split(" · ")[0], labels[t].split(" · ")[0]): v
        for s, t, v in zip(
            trace["link"]["source"], trace["link"]["target"], values(trace["link"]["value"]), strict=True
        )
    }
    assert flows == {
        ("Drum-up", "Diagnose"): 1,
        ("Diagnose", "Diagnose"): 1,
        ("Design", "Design"): 1,
        ("Design", "Delivery"): 1,
        ("Delivery", "Design"): 1,
        ("Baru", "Drum-up"): 1,
    }
    # Left: stages of v1 that hold innovations, then "new"; right: stages of v2. Sizes in the labels.
    assert labels == [
        "Drum-up · 1",
        "Diagnose · 1",
        "Design · 2",
        "Delivery · 1",
        "Baru · 1",
        "Drum-up · 1",
        "Diagnose · 2",
        "Design · 2",
        "Delivery · 1",
    ]
    colors = trace["node"]["color"]
    assert colors[:4] == [STAGE_COLORS[s] for s in ("Drum-up", "Diagnose", "Design", "Delivery")]
    assert figure.layout.title.text.replace("<br>", " ") == "2 inovasi naik tahap dari v1 ke v2; 1 turun"
    assert "10 Januari 2024" in figure.layout.title.subtitle.text.replace("<br>", " ")


def test_sankey_with_disappeared_and_no_advance(reference):
    one = pd.DataFrame({"kode": ["A", "B"], "nama": ["a", "b"], "opd": ["X", "X"], "tahapan": ["Design", "Display"]})
    two = pd.DataFrame({"kode": ["A"], "nama": ["a"], "opd": ["X"], "tahapan": ["Design"]})
    comparison = compare(track([VersionData(1, one), VersionData(2, two)]), 1, 2)
    figure = movement_sankey_figure(comparison)
    labels = figure.to_plotly_json()["data"][0]["node"]["label"]
    assert "Hilang · 1" in labels
    assert figure.layout.title.text.replace("<br>", " ").startswith("Tidak ada inovasi yang naik tahap dari v1 ke v2")


def test_empty_comparison_is_a_blank_figure():
    empty = pd.DataFrame(columns=["kode", "nama", "opd", "tahapan"])
    comparison = compare(track([VersionData(1, empty), VersionData(2, empty)]), 1, 2)
    figure = movement_sankey_figure(comparison)
    assert not figure.data and figure.layout.annotations[0].text == "Tidak ada data untuk filter ini"
    assert not opd_movement_figure(comparison.per_opd).data


def test_stage_versions_figure(timeline):
    counts = stage_counts(timeline)
    figure = stage_versions_figure(counts, timeline.versions)
    bars = {trace.name: values(trace.y) for trace in figure.data if trace.type == "bar"}
    assert bars == {s: counts[s].tolist() for s in STAGES}
    assert [trace.marker.color for trace in figure.data if trace.type == "bar"] == [STAGE_COLORS[s] for s in STAGES]
    assert (
        figure.layout.title.text.replace("<br>", " ") == "Sampai Delivery/Display: 1 (20%) di v1 menjadi 2 (29%) di v4"
    )
    assert figure.data[0].x[0] == "v1<br>10 Januari 2024"


def test_opd_movement_figure_caps_rows_and_escapes_names():
    per_opd = pd.DataFrame(
        {"naik": list(range(30, 0, -1)), "turun": [0] * 29 + [2]},
        index=pd.Index([EVIL] + [f"OPD {i}" for i in range(1, 30)], name="opd"),
    )
    figure = opd_movement_figure(per_opd)
    assert len(figure.data[0].y) == MAX_ROWS
    assert figure.data[0].y[0].replace("<br>", " ") == "&lt;b&gt;x&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;"
    title = figure.layout.title.text.replace("<br>", " ")
    assert "<b>x" not in title and title.startswith("&lt;b&gt;x&lt;/b&gt;")  # escaped once, by the figure
    assert "20 OPD teratas dari 30" in figure.layout.title.subtitle.text.replace("<br>", " ")
    assert [t.name for t in figure.data] == ["Naik tahap"]  # no OPD in the top 20 went back: one bar a row


def test_stalled_figure(timeline, reference):
    view = progress_view(timeline, Filters(), ProgressSettings(stalled=StalledRule("versi", 2)), reference)
    short = stalled_rule_text(view, "id", short=True)
    figure = stalled_figure(view.stalled_matrix, view.stalled, rule_text=short)
    assert figure.layout.title.text.replace("<br>", " ") == "3 inovasi tertahan; terbanyak di Dinas Kesehatan (2)"
    assert short == "Tahap sama di 2 versi terakhir (sampai v4); tanpa Display"
    bars = {t.name: values(t.x) for t in figure.data if t.type == "bar"}
    assert bars["Design"] == [1, 0] and bars["Delivery"] == [1, 0] and bars["Diagnose"] == [0, 1]
    assert figure.layout.xaxis.dtick == 1
    long = stalled_rule_text(view, "id")
    assert long.startswith("Tertahan = tahap yang sama di 2 versi terakhir berturut-turut (sampai v4)")


def test_stalled_rule_in_words(timeline, reference):
    rule = StalledRule("bulan", months=6, basis="mulai", include_display=True)
    view = progress_view(timeline, Filters(), ProgressSettings(stalled=rule), reference)
    assert "dari tanggal mulai inovasi" in stalled_rule_text(view, "id")
    assert "Display" not in stalled_rule_text(view, "id", short=True)
    assert stalled_rule_text(view, "en", short=True) == "Same stage for 6 months or more (up to v4)"


def test_history_figure(timeline):
    figure = history_figure(history(timeline, 4))  # K5: missing from v3
    trace = figure.data[0]
    assert list(trace.y) == [3, 2, None, 2]
    assert list(trace.marker.color)[2] == "#9AA5B1"
    assert figure.layout.title.text.replace("<br>", " ") == "Pasar Bersih: dari Delivery (v1) ke Design (v4)"
    same = history_figure(history(timeline, 1))
    assert same.layout.title.text.replace("<br>", " ") == "Sekolah Digital: tetap di Diagnose sejak v1"


def test_dashboard_titles_escape_user_text_once():
    """The leading-OPD and map titles name user text: escaped once (twice showed "&lt;" on screen
    and in the briefing's slide titles)."""
    from lebak_dash.analysis.aggregate import leading_opds
    from lebak_dash.charts.dashboard import leading_opd_figure
    from lebak_dash.exports.briefing.content import figure_title

    from .dash_fixture import make_dataset

    dataset = make_dataset()
    records = dataset.records.copy()
    records["opd"] = records["opd"].cat.rename_categories({"Dinas A": EVIL})
    leading = leading_opds(records, dataset.reference)
    figure = leading_opd_figure(leading)
    assert figure.layout.title.text.replace("<br>", " ").startswith("OPD terdepan: &lt;b&gt;x&lt;/b&gt;")
    assert figure_title(figure).startswith(f"OPD terdepan: {EVIL}")
