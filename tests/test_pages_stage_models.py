"""AppTest: every dashboard page with an IID-only dataset, a 5D-only one (the sample) and a mixed one;
the charts' counts against counts worked out independently here; the completeness panel's links
open exactly the innovations they count; the URL's missing values and urusan; Perkembangan
following IID stages across versions; the real IID export (when ``../shared/realdata`` exists)."""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from urllib.parse import parse_qs

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lebak_dash.analysis.progress import VersionData, track
from lebak_dash.records.schema import IID_STAGES, NO_OPD, NO_STAGE, STAGES
from lebak_dash.ui.router import page_file
from lebak_dash.views.dataset import load_sample_dataset

from . import iid_fixture as fx
from .conftest import ROOT

APP = str(ROOT / "app.py")
PAGES = ("ringkasan", "opd", "tahapan", "kecamatan", "daftar")
#: The Tahapan page's title per dataset, and the funnels the Ringkasan page shows.
TITLES = {
    "iid": "Tahapan inovasi IID (Inisiatif, Uji Coba, Penerapan)",
    "sample": "Tahapan 5D Laboratorium Inovasi",
    "mixed": "Tahapan inovasi: 5D dan IID",
}
FUNNELS = {"iid": ("funnel_iid",), "sample": ("funnel",), "mixed": ("funnel", "funnel_iid")}


@pytest.fixture(scope="module")
def datasets():
    return {"iid": fx.iid_dataset(), "sample": load_sample_dataset(), "mixed": fx.mixed_dataset()}


@pytest.fixture
def app(monkeypatch, clear_streamlit_caches):
    import lebak_dash.ui.page as page

    def run(dataset, name: str, query: dict[str, str] | None = None, lang: str = "id") -> AppTest:
        monkeypatch.setattr(page, "get_dataset", lambda: dataset)
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params.update({**(query or {}), **({"lang": lang} if lang != "id" else {})})
        at.run()
        at.switch_page(page_file(name)).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


# ------------------------------------------------------------------------------------- readers
def _array(value: object) -> list:
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value) if value is not None else []


def chart(at: AppTest, name: str) -> dict:
    """Return the figure JSON of the chart called `name` on the page (its widget key)."""
    found = [c for c in at.get("plotly_chart") if re.search(rf"-chart_{name}_\d+$", c.proto.id)]
    assert found, [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]
    return json.loads(found[0].proto.spec)


def chart_names(at: AppTest) -> list[str]:
    return [c.proto.id.rsplit("-chart_", 1)[-1].rsplit("_", 1)[0] for c in at.get("plotly_chart")]


def category_counts(spec: dict) -> dict[str, int]:
    """Return category -> count of a one-trace figure (funnel, bars: raw names in customdata)."""
    trace = spec["data"][0]
    values = _array(trace["x"]) if trace.get("orientation") == "h" or trace["type"] == "funnel" else _array(trace["y"])
    return {row[0]: int(v) for row, v in zip(_array(trace["customdata"]), values, strict=True)}


def totals(spec: dict) -> dict[str, int]:
    """Return the total per category of a stacked figure (its totals' text trace)."""
    trace = next(t for t in spec["data"] if t.get("mode") == "text")
    names = [row[0] for row in _array(trace["customdata"])]
    values = _array(trace["y"]) if all(isinstance(v, str) for v in _array(trace["x"])) else _array(trace["x"])
    return {str(n): int(v) for n, v in zip(names, values, strict=True)}


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


# ---------------------------------------------------------------- counts worked out independently
def stage_counts(records: pd.DataFrame, column: str, stages: tuple[str, ...]) -> dict[str, int]:
    """Innovations per stage of one model, then those with no stage in either model (when any)."""
    counts = {s: int((records[column].astype(object) == s).sum()) for s in stages}
    none = int((records["tahapan"].isna() & records["tahapan_iid"].isna()).sum())
    return {**counts, **({NO_STAGE: none} if none else {})}


def opd_counts(records: pd.DataFrame) -> dict[str, int]:
    counts = records["opd"].astype(object).fillna(NO_OPD).value_counts()
    return {str(k): int(v) for k, v in counts.items()}


# ------------------------------------------------------------------------------- every page
@pytest.mark.parametrize("kind", ["iid", "sample", "mixed"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_with_each_kind_of_data(app, datasets, kind, name):
    dataset = datasets[kind]
    records = dataset.records
    at = app(dataset, name)
    if name == "ringkasan":
        assert metric(at, "Inovasi") == f"{len(records):,}".replace(",", ".")
        assert tuple(n for n in chart_names(at) if n.startswith("funnel")) == FUNNELS[kind]
        for key, column, stages in (("funnel", "tahapan", STAGES), ("funnel_iid", "tahapan_iid", IID_STAGES)):
            if key in FUNNELS[kind]:
                assert category_counts(chart(at, key)) == stage_counts(records, column, stages), key
        urusan = records["urusan"].dropna().astype(str)
        urusan = urusan[urusan.str.strip() != ""].value_counts()
        assert category_counts(chart(at, "urusan")) == {str(k): int(v) for k, v in urusan.items()}
        scored = "kematangan" in records.columns and bool(records["kematangan"].notna().any())
        assert ("maturity" in chart_names(at)) == scored  # hidden, not empty
    elif name == "opd":
        shown = {k: v for k, v in totals(chart(at, "opd_bars")).items() if v}
        assert shown == opd_counts(records)
    elif name == "tahapan":
        assert [t.value for t in at.title] == [TITLES[kind]]
        bars = [n for n in chart_names(at) if n.startswith("stage_bars")]
        assert len(bars) == len(FUNNELS[kind])
    elif name == "kecamatan":
        unstated = int(records["kecamatan"].map(len).eq(0).sum())
        assert metric(at, "Tanpa kecamatan") == str(unstated)
    else:
        assert len(at.dataframe[0].value) == len(records)


def test_iid_page_titles_and_the_stage_filter_in_english(app, datasets):
    at = app(datasets["iid"], "tahapan", lang="en")
    assert [t.value for t in at.title] == ["The IID stages of innovation (Inisiatif, Uji Coba, Penerapan)"]
    stage_filter = at.multiselect(key="f_tahap")
    assert stage_filter.label == "IID stage" and stage_filter.options == [
        "Inisiatif",
        "Uji Coba",
        "Penerapan",
        "No stage given",
    ]
    assert at.multiselect(key="f_opd").options[-1] == "No agency given"
    at.selectbox(key="tahapan_pick").set_value(NO_STAGE).run()
    assert any(s.value == "Innovations in stage No stage given (2)" for s in at.header)
    funnel = chart(at, "stage_bars_iid")
    assert _array(funnel["data"][0]["x"])[-1] == "No stage given"


def test_the_stage_filter_works_on_either_model(app, datasets):
    """Penerapan (IID) and Delivery (5D) from the URL; the derived record is in both."""
    mixed = datasets["mixed"]
    at = app(mixed, "ringkasan", {"tahap": "Penerapan"})
    assert metric(at, "Inovasi") == "4"
    assert at.multiselect(key="f_tahap").value == ["Penerapan"]
    at.multiselect(key="f_tahap").set_value(["Delivery"]).run()
    assert metric(at, "Inovasi") == "3" and at.query_params["tahap"] == "Delivery"
    # The funnel ignores its own filter and dims: both funnels still count everything.
    assert category_counts(chart(at, "funnel_iid")) == fx.MIXED_IID


def test_urusan_is_a_filter_in_the_panel_and_the_url(app, datasets):
    at = app(datasets["iid"], "ringkasan", {"urusan": "kesehatan"})
    assert at.multiselect(key="f_urusan").value == ["Kesehatan"]  # matched as the panel offers it
    assert metric(at, "Inovasi") == "3" and at.query_params["urusan"] == "Kesehatan"
    # The urusan chart ignores its own filter (dims the others), so a click can change it.
    assert category_counts(chart(at, "urusan")) == fx.IID_URUSAN
    at.multiselect(key="f_urusan").set_value([]).run()
    assert metric(at, "Inovasi") == "8" and "urusan" not in at.query_params


def test_no_year_toggle(app, datasets):
    at = app(datasets["iid"], "ringkasan")
    at.toggle(key="f_tanpa_tahun").set_value(True).run()
    assert metric(at, "Inovasi") == "2" and at.query_params["tahun"] == "Tahun belum diisi"


# --------------------------------------------------------------------------- completeness links
@pytest.mark.parametrize("kind", ["iid", "mixed"])
def test_completeness_links_open_exactly_what_they_count(app, datasets, kind):
    dataset = datasets[kind]
    at = app(dataset, "ringkasan")
    links = at.get("page_link")
    assert len(links) == 4 and {link.proto.page for link in links} == {"daftar"}
    for link in links:
        query = {k: v[-1] for k, v in parse_qs(link.proto.query_string).items()}
        count = int(link.proto.label.split()[1])
        listed = app(dataset, "daftar", query)
        assert len(listed.dataframe[0].value) == count, query
    records = dataset.records
    expected = [
        int(records["opd"].isna().sum()),
        int((records["tahapan"].isna() & records["tahapan_iid"].isna()).sum()),
        int(records["kecamatan"].map(len).eq(0).sum()),
        int(records["tahun"].isna().sum()),
    ]
    assert [int(link.proto.label.split()[1]) for link in links] == expected


def test_a_link_with_its_own_filters_wins_over_the_session(app, datasets):
    """Within a session the panel's state is kept across pages; a link that names other filters (the
    completeness panel's) opens exactly what it names."""
    at = app(datasets["iid"], "ringkasan")
    at.multiselect(key="f_urusan").set_value(["Pendidikan"]).run()
    at.query_params.clear()
    at.query_params["opd"] = NO_OPD
    at.switch_page(page_file("daftar")).run()
    assert not at.exception
    assert at.multiselect(key="f_opd").value == [NO_OPD] and at.multiselect(key="f_urusan").value == []
    assert at.dataframe[0].value["nama"].tolist() == ["Lapor Cepat", "Pasar Desa"]
    at.query_params.clear()  # the menu drops the parameters: the session's filters stay
    at.switch_page(page_file("ringkasan")).run()
    assert metric(at, "Inovasi") == "2" and at.query_params["opd"] == NO_OPD


def test_the_sample_has_no_gap(app, datasets):
    at = app(datasets["sample"], "ringkasan")
    unstated = int(datasets["sample"].records["kecamatan"].map(len).eq(0).sum())
    assert [link.proto.label for link in at.get("page_link")] == [f"Lihat {unstated} inovasi"]
    assert sum("Lengkap" in c.value for c in at.caption) == 3


# ------------------------------------------------------------------------------- Perkembangan
def _iid_versions():
    import datetime as dt

    first = fx.make_iid_records()
    second = first.copy()
    second["tahapan_iid"] = pd.Categorical(
        ["Penerapan", "Penerapan", "Penerapan", "Uji Coba", "Penerapan", "Inisiatif", "Inisiatif", None],
        categories=list(IID_STAGES),
        ordered=True,
    )
    for frame in (first, second):
        frame["kode"] = [f"K{i}" for i in range(len(frame))]
    uploads = (dt.datetime(2025, 1, 10, tzinfo=dt.UTC), dt.datetime(2025, 6, 10, tzinfo=dt.UTC))
    return [
        VersionData(n, f.reset_index(drop=True), at) for n, f, at in zip((1, 2), (first, second), uploads, strict=True)
    ]


def test_perkembangan_follows_iid_stages(app, datasets, monkeypatch):
    """Version 1 -> 2: Posyandu Online (Uji Coba -> Penerapan) and Arsip Digital (Inisiatif -> Uji
    Coba) advance; Pasar Desa gains a stage and Tanpa Tahap has none in either (no stage to
    compare); the other four stay."""
    import lebak_dash.ui.progress as progress

    timeline = track(_iid_versions())
    stored = [dataclasses.make_dataclass("V", [("number", int)])(n) for n in (1, 2)]
    monkeypatch.setattr(progress, "get_versions", lambda: stored)
    monkeypatch.setattr(progress, "get_timeline", lambda versions: timeline)
    at = app(datasets["iid"], "perkembangan")
    assert {m.label: m.value for m in at.metric} == {
        "Naik tahap": "2",
        "Turun tahap": "0",
        "Tetap": "4",
        "Baru": "0",
        "Hilang": "0",
        "Tanpa tahap": "2",
    }
    assert not [r for r in at.radio if r.key == "prog_model"]  # one model: nothing to choose
    counts = chart(at, "prog_versions")
    per_stage = {t["name"]: _array(t["y"]) for t in counts["data"] if t["type"] == "bar"}
    assert per_stage == {"Inisiatif": [2, 2], "Uji Coba": [1, 1], "Penerapan": [3, 4], "Tahap belum diisi": [2, 1]}
    sankey = chart(at, "prog_sankey")["data"][0]
    assert any(label.startswith("Tahap belum diisi") for label in sankey["node"]["label"])


# -------------------------------------------------------------------------------- the real export
@pytest.mark.skipif(not fx.IID_EXPORT.exists(), reason="../shared/realdata is not here")
def test_the_real_iid_export_on_the_pages(app):
    """The real IID export (679 rows, read with openpyxl), as the importer will make its records:
    the Ringkasan page counts its stages and urusan as the rows do."""
    rows = fx.real_iid_rows()
    records = fx.real_iid_records(rows)
    dataset = fx.dataset_of(records, "real:iid", "iid_ekspor_jatim.xlsx")
    at = app(dataset, "ringkasan")
    assert metric(at, "Inovasi") == f"{len(rows)}"
    stages = pd.Series([r["Tahapan Inovasi"] for r in rows]).value_counts()
    assert category_counts(chart(at, "funnel_iid")) == {str(k): int(v) for k, v in stages.items()} | {
        s: 0 for s in IID_STAGES if s not in stages
    }
    written = pd.Series([" ".join(str(r["Urusan Utama"]).split()).casefold() for r in rows]).value_counts()
    shown = category_counts(chart(at, "urusan"))
    assert sorted(shown.values(), reverse=True) == written.tolist()
    assert {k.casefold() for k in shown} == set(written.index)
    bands = chart(at, "maturity")["data"][0]
    assert sum(_array(bands["y"])) == sum(r["Kematangan"] is not None for r in rows)


def test_perkembangan_offers_the_model_when_the_versions_hold_both(app, datasets, monkeypatch):
    """Mixed versions: Aplikasi Sehat advances and Posyandu Keliling goes back in 5D, Posyandu Online
    advances in IID. Following 5D, the eight IID-only innovations have no stage to compare; following
    IID, the seven 5D-only ones and the two with no stage have none."""
    import datetime as dt

    import lebak_dash.ui.progress as progress

    first = fx.make_mixed_records().reset_index(drop=True)
    first["kode"] = [f"K{i}" for i in range(len(first))]
    second = first.copy()
    second["tahapan"] = second["tahapan"].astype(object)
    second.loc[0, "tahapan"], second.loc[1, "tahapan"] = "Diagnose", "Design"
    second["tahapan"] = pd.Categorical(second["tahapan"], categories=list(STAGES), ordered=True)
    second["tahapan_iid"] = second["tahapan_iid"].astype(object)
    second.loc[9, "tahapan_iid"] = "Penerapan"
    second["tahapan_iid"] = pd.Categorical(second["tahapan_iid"], categories=list(IID_STAGES), ordered=True)
    when = dt.datetime(2025, 1, 10, tzinfo=dt.UTC)
    timeline = track([VersionData(1, first, when), VersionData(2, second, when + dt.timedelta(days=90))])
    stored = [dataclasses.make_dataclass("V", [("number", int)])(n) for n in (1, 2)]
    monkeypatch.setattr(progress, "get_versions", lambda: stored)
    monkeypatch.setattr(progress, "get_timeline", lambda versions: timeline)
    at = app(datasets["mixed"], "perkembangan")
    assert at.radio(key="prog_model").value == "5d"
    assert {m.label: m.value for m in at.metric} == {
        "Naik tahap": "1",
        "Turun tahap": "1",
        "Tetap": "6",
        "Baru": "0",
        "Hilang": "0",
        "Tanpa tahap": "8",
    }
    at.radio(key="prog_model").set_value("iid").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {
        "Naik tahap": "1",
        "Turun tahap": "0",
        "Tetap": "6",
        "Baru": "0",
        "Hilang": "0",
        "Tanpa tahap": "9",
    }
    assert at.toggle(key="prog_display").label == "Sertakan tahap Penerapan"
