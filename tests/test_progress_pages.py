"""AppTest: the Perkembangan and Unduh Briefing pages with no version, one version, and the fixture's
four versions (known movements); settings, filters, language and the explanation of the matching rule."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lebak_dash.ui.router import page_file

from . import progress_fixture as fx
from .conftest import ROOT

APP = str(ROOT / "app.py")
PROGRESS = page_file("perkembangan")
BRIEFING = page_file("briefing")


@pytest.fixture
def store_dir(tmp_path, monkeypatch, clear_streamlit_caches):
    """An empty store the app reads (LEBAK_DATA_DIR); fill it with :func:`fx.make_store`."""
    folder = tmp_path / "store"
    monkeypatch.setenv("LEBAK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def four_versions(store_dir, monkeypatch):
    fx.make_store(store_dir, monkeypatch)
    return store_dir


def run(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ") for c in at.get("plotly_chart")]


def markdown_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


# ----------------------------------------------------------------------------- fewer than two
def test_no_version_explains_what_and_how(store_dir):
    at = run(PROGRESS)
    assert [t.value for t in at.title] == ["Perkembangan inovasi antarversi data"]
    assert [i.value for i in at.info] == ["Perkembangan butuh sedikitnya dua versi data"]
    text = markdown_text(at)
    assert "data contoh" in text and "Data → Unggah Data" in text and "python -m lebak_dash import" in text
    assert "naik tahap" in text and "tertahan" in text and "Sankey" in text
    assert "**Kode Inovasi** lebih dulu" in text  # the matching rule, shown open
    assert not at.get("plotly_chart")


def test_one_version_says_which(store_dir, monkeypatch):
    fx.make_store(store_dir, monkeypatch, count=1)
    at = run(PROGRESS)
    assert "Baru ada satu versi tersimpan: v1 (10 Januari 2024, 5)." in markdown_text(at)
    assert not at.get("plotly_chart")


# -------------------------------------------------------------------------------- four versions
def test_default_compares_the_last_two_versions(four_versions):
    at = run(PROGRESS)
    assert metrics(at) == {"Naik tahap": "1", "Turun tahap": "0", "Tetap": "4", "Baru": "2", "Hilang": "0"}
    assert at.selectbox(key="prog_a").value == 3 and at.selectbox(key="prog_b").value == 4
    titles = chart_titles(at)
    assert "1 inovasi naik tahap dari v3 ke v4; 0 turun" in titles
    assert any(t.startswith("Sampai Delivery/Display: 1 (20%) di v1 menjadi 2 (29%)") for t in titles)
    assert any(t.startswith("Dinas Sosial paling banyak naik tahap (1 inovasi)") for t in titles)
    changes = at.dataframe[0].value
    assert sorted(changes["kode"]) == ["K5", "K6", "K7"]
    assert set(changes["status"]) == {"Naik tahap", "Baru"}
    assert "Bagaimana satu inovasi dikenali di versi yang berbeda?" in [e.label for e in at.expander]
    assert "Kode Inovasi" in markdown_text(at)


def test_choose_versions_and_the_choice_survives_a_page_change(four_versions):
    at = run(PROGRESS)
    at.selectbox(key="prog_a").set_value(1).run()
    at.selectbox(key="prog_b").set_value(2).run()
    assert metrics(at) == {"Naik tahap": "2", "Turun tahap": "1", "Tetap": "2", "Baru": "1", "Hilang": "0"}
    at.switch_page(page_file("ringkasan")).run()
    at.switch_page(PROGRESS).run()
    assert (at.selectbox(key="prog_a").value, at.selectbox(key="prog_b").value) == (1, 2)
    assert metrics(at)["Turun tahap"] == "1"
    # Chosen the other way round: still read from the older to the newer version.
    at.selectbox(key="prog_a").set_value(4).run()
    at.selectbox(key="prog_b").set_value(1).run()
    assert metrics(at)["Naik tahap"] == "3"
    assert any("dari v1 ke v4" in c.value for c in at.caption)


def test_same_version_twice_is_explained(four_versions):
    at = run(PROGRESS)
    at.selectbox(key="prog_a").set_value(4).run()
    assert [i.value for i in at.info] == ["Pilih dua versi yang berbeda untuk melihat perubahan."]
    assert metrics(at)["Tetap"] == "7"


def test_changes_list_statuses(four_versions):
    at = run(PROGRESS)
    at.multiselect(key="prog_status").set_value(["tetap"]).run()
    assert sorted(at.dataframe[0].value["kode"]) == ["K1", "K2", "K3", "K4"]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, {"K2": 4}),  # default: same stage in the last 3 versions
        ({"prog_n": 2}, {"K1": 2, "K2": 4, "K4": 2}),
        ({"prog_n": 2, "prog_display": True}, {"K1": 2, "K2": 4, "K3": 2, "K4": 2}),
        ({"prog_rule": "bulan"}, {"K2": 12}),  # M = 6 months by upload dates
        ({"prog_rule": "bulan", "prog_m": 5}, {"K1": 5, "K2": 12, "K4": 5}),
        ({"prog_rule": "bulan", "prog_m": 12, "prog_basis": "mulai"}, {"K2": 23}),
    ],
)
def test_stalled_settings(four_versions, settings, expected):
    at = run(PROGRESS)
    for key, value in settings.items():
        if key in ("prog_n", "prog_m"):
            at.number_input(key=key).set_value(value).run()
        elif key == "prog_display":
            at.toggle(key=key).set_value(value).run()
        else:
            at.radio(key=key).set_value(value).run()
        assert not at.exception, key
    table = next(d.value for d in at.dataframe if "sejak" in d.value.columns)
    column = "bulan" if settings.get("prog_rule") == "bulan" else "versi"
    assert dict(zip(table["kode"], table[column].astype(int), strict=True)) == expected


def test_no_stalled_innovation_is_said(four_versions):
    at = run(PROGRESS)
    at.radio(key="prog_rule").set_value("bulan").run()
    at.number_input(key="prog_m").set_value(200).run()
    assert any(s.value == "Tidak ada inovasi yang tertahan menurut aturan ini." for s in at.success)
    assert "Tidak ada inovasi yang tertahan" in chart_titles(at)


def test_shared_filters_apply(four_versions):
    at = run(PROGRESS, query={"opd": "Dinsos"})
    assert at.multiselect(key="f_opd").value == [fx.DS]
    assert metrics(at) == {"Naik tahap": "1", "Turun tahap": "0", "Tetap": "1", "Baru": "2", "Hilang": "0"}
    at.multiselect(key="f_opd").set_value([fx.DP]).run()
    assert metrics(at)["Tetap"] == "1" and metrics(at)["Baru"] == "0"


def test_history_of_one_innovation(four_versions):
    at = run(PROGRESS)
    at.text_input(key="prog_q").input("posyandu").run()
    assert not at.exception
    assert "Posyandu Ceria Plus: dari Design (v1) ke Delivery (v4)" in chart_titles(at)
    timeline = at.dataframe[-1].value
    assert timeline["nama"].tolist() == ["Posyandu Ceria Plus"]
    assert timeline.iloc[0][["v1", "v2", "v3", "v4"]].tolist() == ["Design", "Design", "Delivery", "Delivery"]
    at.text_input(key="prog_q").input("tidak ada yang begini").run()
    assert any(i.value == "Tidak ada inovasi yang cocok." for i in at.info)


def test_english(four_versions):
    at = run(PROGRESS, query={"lang": "en"})
    assert [t.value for t in at.title] == ["Progress across data versions"]
    assert metrics(at)["Advanced"] == "1"
    assert "1 innovation advanced from v3 to v4; 0 went back" in chart_titles(at)


# ------------------------------------------------------------------------------------- briefing
def test_briefing_page_without_versions(store_dir):
    at = run(BRIEFING)
    assert [t.value for t in at.title] == ["Unduh briefing"]
    assert [b.proto.label for b in at.get("download_button")] == ["Unduh laporan HTML", "Unduh PowerPoint (.pptx)"]
    findings = at.dataframe[0].value
    assert len(findings) == 13 and findings["temuan"].iloc[0].startswith("480 inovasi dari")  # completeness, urusan
    assert any("Bagian perkembangan ikut bila" in c.value for c in at.caption)


def test_briefing_page_follows_the_filters_and_progress_settings(four_versions):
    at = run(PROGRESS)
    at.selectbox(key="prog_a").set_value(1).run()
    at.switch_page(BRIEFING).run()
    assert not at.exception
    assert any("v1 dibandingkan dengan v4" in c.value for c in at.caption)
    findings = at.dataframe[0].value["temuan"].tolist()
    assert "3 inovasi naik tahap dari v1 ke v4; 1 turun" in findings
    at.multiselect(key="f_tahap").set_value(["Diagnose"]).run()
    findings = at.dataframe[0].value["temuan"].tolist()
    assert findings[0].startswith("2 inovasi dari 2 OPD")


@pytest.mark.parametrize("page", [PROGRESS, BRIEFING])
def test_pages_survive_filters_that_leave_nothing(four_versions, page):
    at = run(page, query={"opd": "Sekretariat DPRD"})
    assert not at.exception
