"""AppTest: every dashboard page runs and shows its parts; the filter panel filters, persists
across pages, resets, and follows the URL; deep links are safe from Streamlit's legacy pages mode."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.source_util import page_icon_and_name
from streamlit.testing.v1 import AppTest

from lebak_dash.records.schema import STAGES
from lebak_dash.ui import router
from lebak_dash.ui.router import page_file
from lebak_dash.views.dataset import load_sample_dataset

from .conftest import ROOT, open_chart_data
from .dash_fixture import make_dataset

APP = str(ROOT / "app.py")
PAGES = {key: page_file(key) for key in ("ringkasan", "opd", "tahapan", "kecamatan", "daftar")}
#: Page -> (title, at least this many plotly charts).
EXPECTED = {
    "ringkasan": ("Ringkasan inovasi daerah", 3),
    "opd": ("Inovasi per OPD", 4),
    "tahapan": ("Tahapan 5D Laboratorium Inovasi", 2),
    "kecamatan": ("Inovasi per kecamatan", 2),
    "daftar": ("Daftar inovasi", 0),
}


@pytest.fixture(scope="module")
def sample():
    return load_sample_dataset()


@pytest.fixture
def app(clear_streamlit_caches):
    def run(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query or {})
        at.run()
        if page:
            at.switch_page(PAGES[page]).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def metric(at: AppTest, label: str) -> str:
    """Return the value of the metric card called `label`."""
    values = [m.value for m in at.metric if m.label == label]
    assert values, f"no metric {label!r} in {[m.label for m in at.metric]}"
    return values[0]


def caption_text(at: AppTest) -> str:
    """Return the captions as shown (Markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", caption_markdown(at))


def caption_markdown(at: AppTest) -> str:
    """Return the captions' Markdown source."""
    return " ".join(c.value for c in at.caption)


# ------------------------------------------------------------------------------------ smoke tests
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page_name", [p for p, (_, charts) in EXPECTED.items() if charts])
def test_every_chart_has_its_numbers_as_text(app, page_name, lang):
    """Each chart: its summary is its accessible name and a caption, its values a table under "Lihat data"."""
    at = app(page_name, {"lang": lang} if lang != "id" else None)
    charts = at.get("plotly_chart")
    label = {"id": "Lihat data", "en": "Show data"}[lang]
    assert not [e for e in at.expander if e.label == label and e.get("table")]  # made once opened
    open_chart_data(at)
    data = [e for e in at.expander if e.label == label]
    assert len(data) == len(charts)
    shown = caption_text(at).replace("\u2060", "")  # escape_markdown's word joiners (autolinks broken)
    for chart in charts:
        assert chart.proto.alt and chart.proto.alt in shown
    for expander in data:
        (table,) = expander.get("table")
        assert len(table.value) > 0 and len(table.value.columns) >= 2


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_runs_and_shows_its_parts(app, page_name):
    at = app(page_name)
    title, charts = EXPECTED[page_name]
    assert [t.value for t in at.title] == [title]
    assert len(at.get("plotly_chart")) >= charts
    assert any("Data contoh" in w.value for w in at.warning)  # sample banner
    assert "contoh_inovasi_lebak.xlsx" in caption_text(at)  # which data is on screen
    for key in ("f_tahun", "f_opd", "f_kec", "f_tahap", "f_jenis", "f_bentuk", "f_lang", "f_reset"):
        assert key in at.session_state, key


def test_default_page_is_ringkasan(app):
    at = app()
    assert [t.value for t in at.title] == ["Ringkasan inovasi daerah"]
    assert metric(at, "Inovasi") == "480"


def test_ringkasan_kpis_and_lists(app, sample):
    at = app("ringkasan")
    assert metric(at, "OPD berinovasi") == f"{sample.records['opd'].nunique()} dari 61"
    assert metric(at, "Kecamatan terjangkau") == "28 dari 28"
    delivered = sample.records["tahapan"].isin(["Delivery", "Display"]).sum()
    assert metric(at, "Sampai Delivery/Display") == f"{round(100 * delivered / 480)}%"
    headers = [s.value for s in at.header]
    assert any(h.startswith("OPD belum berinovasi (") for h in headers)
    # The lists are light static tables (no grid code before the charts), every cell escaped.
    (no_opd,) = [t.value for t in at.table if list(t.value.columns) == ["OPD", "Jenis OPD"]]
    names = no_opd.iloc[:, 0].tolist()
    assert "Sekretariat DPRD" in names and "Dinas Kesehatan" not in names


def test_daftar_has_every_column_and_downloads(app):
    at = app("daftar")
    table = at.dataframe[0].value
    assert len(table) == 480
    assert {"kode", "nama", "opd", "tahapan", "kecamatan", "anggaran", "sumber_sheet"} <= set(table.columns)
    # Rupiah and counts grouped the Indonesian way whatever the browser's locale; years not grouped.
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["anggaran"]["type_config"]["format"] == "Rp %'.,d"
    assert columns["tahun"]["type_config"]["format"] == "%d"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh Excel (.xlsx)", "Unduh CSV"]


def test_daftar_search(app):
    at = app("daftar")
    at.text_input(key="daftar_q").input("NRP Des").run()
    assert not at.exception
    assert at.dataframe[0].value["nama"].str.startswith("NRP Des").all()
    assert len(at.dataframe[0].value) >= 1
    assert "inovasi ditampilkan" in caption_text(at)


def test_opd_profile_and_sorting(app):
    at = app("opd")
    at.radio(key="opd_sort").set_value("nama").run()
    at.toggle(key="opd_zeros").set_value(False).run()
    at.selectbox(key="opd_pick").set_value("Dinas Kesehatan").run()
    assert not at.exception
    assert any("Profil" in s.value for s in at.header)


def test_tahapan_lists_the_chosen_stage(app, sample):
    at = app("tahapan")
    at.selectbox(key="tahapan_pick").set_value("Display").run()
    expected = int((sample.records["tahapan"] == "Display").sum())
    assert any(s.value == f"Inovasi pada tahap Display ({expected})" for s in at.header)
    for stage in STAGES:
        assert any(stage in m.value for m in at.markdown), stage
    # The only HTML on the page is the legend of our five stage names (no user text).
    html = [m.value for m in at.markdown if m.proto.allow_html]
    assert [h.split("</span>")[1] for h in html] == [f"**{i}. {s}**" for i, s in enumerate(STAGES, 1)]


def test_kecamatan_counts_apart(app, sample):
    at = app("kecamatan")
    wide = int(sample.records["kecamatan"].map(lambda k: k == ("Semua Kecamatan",)).sum())
    unstated = int(sample.records["kecamatan"].map(len).eq(0).sum())
    assert metric(at, "Se-kabupaten") == str(wide)
    assert metric(at, "Tanpa kecamatan") == str(unstated)


# ------------------------------------------------------------------------------------- filters
def test_filter_changes_counts_and_url(app, sample):
    at = app("ringkasan")
    at.multiselect(key="f_tahap").set_value(["Display"]).run()
    display = int((sample.records["tahapan"] == "Display").sum())
    assert metric(at, "Inovasi") == str(display)
    assert at.query_params["tahap"] == "Display"
    at.multiselect(key="f_opd").set_value(["Dinas Kesehatan"]).run()
    both = int(((sample.records["tahapan"] == "Display") & (sample.records["opd"] == "Dinas Kesehatan")).sum())
    assert metric(at, "Inovasi") == str(both)
    assert at.query_params["opd"] == "Dinas Kesehatan"
    # The way back from a click: the button under the clicked chart clears that dimension only.
    at.multiselect(key="f_tahap").set_value(["Design"]).run()
    assert at.button(key="clear_leading").label == "✕ Hapus pilihan OPD"
    at.button(key="clear_leading").click().run()
    assert at.multiselect(key="f_opd").value == [] and at.multiselect(key="f_tahap").value == ["Design"]
    assert "opd" not in at.query_params


def test_year_slider_and_kecamatan_toggle(app, sample):
    at = app("ringkasan")
    at.slider(key="f_tahun").set_value((2019, 2020)).run()
    in_years = int(sample.records["tahun"].between(2019, 2020).sum())
    assert metric(at, "Inovasi") == str(in_years)
    assert at.query_params["tahun"] == "2019-2020"
    at.slider(key="f_tahun").set_value((2018, 2026)).run()
    assert "tahun" not in at.query_params  # the whole range is no filter
    at.multiselect(key="f_kec").set_value(["Maja"]).run()
    with_wide = metric(at, "Inovasi")
    at.toggle(key="f_semua").set_value(False).run()
    assert int(metric(at, "Inovasi")) < int(with_wide)
    assert at.query_params["semua"] == "0"


def test_reset_clears_everything(app):
    at = app("ringkasan")
    at.multiselect(key="f_tahap").set_value(["Design"]).run()
    at.multiselect(key="f_jenis").set_value(["Digital"]).run()
    assert metric(at, "Inovasi") != "480"
    at.button(key="f_reset").click().run()
    assert metric(at, "Inovasi") == "480"
    assert at.multiselect(key="f_tahap").value == [] and at.multiselect(key="f_jenis").value == []
    assert not {"tahap", "jenis"} & set(at.query_params)


def test_reset_button_above_the_page(app):
    at = app("ringkasan")
    at.multiselect(key="f_tahap").set_value(["Design"]).run()
    at.button(key="f_reset_top").click().run()
    assert metric(at, "Inovasi") == "480"


def test_filters_persist_across_pages(app, sample):
    at = app("ringkasan")
    at.multiselect(key="f_tahap").set_value(["Delivery"]).run()
    delivery = int((sample.records["tahapan"] == "Delivery").sum())
    for page in ("opd", "kecamatan", "daftar", "ringkasan"):
        at.switch_page(PAGES[page]).run()
        assert not at.exception
        assert at.multiselect(key="f_tahap").value == ["Delivery"], page
        assert f"{delivery} dari 480 inovasi" in caption_text(at), page
        assert at.query_params["tahap"] == "Delivery", page  # written back on every page


def test_filters_come_from_the_url(app, sample):
    at = app("opd", query={"tahap": "Delivery|display", "tahun": "2020-2022", "opd": "Dinkes"})
    assert at.multiselect(key="f_tahap").value == ["Delivery", "Display"]
    assert at.multiselect(key="f_opd").value == ["Dinas Kesehatan"]  # abbreviation resolved
    assert at.slider(key="f_tahun").value == (2020, 2022)
    records = sample.records
    expected = int(
        (
            records["tahapan"].isin(["Delivery", "Display"])
            & records["tahun"].between(2020, 2022)
            & (records["opd"] == "Dinas Kesehatan")
        ).sum()
    )
    assert f"{expected} dari 480 inovasi" in caption_text(at)
    assert at.query_params["tahap"] == "Delivery|Display"  # canonical form written back


@pytest.mark.parametrize(
    "query",
    [
        {"tahun": "abc", "opd": "Tidak Ada|<script>", "tahap": "9"},
        {"tahun": "1900-1901", "kec": "%00|Mars", "semua": "x" * 5000},
        {"lang": "fr", "jenis": "|||", "bentuk": "Inovasi"},
    ],
)
def test_junk_in_the_url_is_ignored(app, query):
    at = app("ringkasan", query=query)
    assert metric(at, "Inovasi") == "480"
    assert [t.value for t in at.title] == ["Ringkasan inovasi daerah"]


def test_language_toggle(app):
    at = app("ringkasan")
    at.radio(key="f_lang").set_value("en").run()
    assert [t.value for t in at.title] == ["Regional innovation at a glance"]
    assert metric(at, "Innovations") == "480"
    assert at.query_params["lang"] == "en"
    at.switch_page(PAGES["opd"]).run()
    assert [t.value for t in at.title] == ["Innovations per agency (OPD)"]


def test_language_from_the_url(app):
    at = app("tahapan", query={"lang": "en"})
    assert [t.value for t in at.title] == ["The 5D stages of the Innovation Lab"]


def test_empty_filter_result_is_said(app):
    at = app("ringkasan", query={"opd": "Sekretariat DPRD"})  # no innovation in the sample
    assert metric(at, "Inovasi") == "0"
    assert not at.exception


def test_chart_click_callback_sets_the_filter():
    """AppTest cannot click a chart: drive the on_select callback with the event shape Streamlit
    stores under the chart's key (the browser test clicks for real)."""

    def script():
        import streamlit as st

        from lebak_dash.analysis.filters import FilterOptions
        from lebak_dash.ui import state

        st.session_state[state.OPTIONS_KEY] = FilterOptions(
            years=(2018, 2026), opd=("Dinas A", "Badan B"), kecamatan=()
        )
        st.session_state["chart_leading_0"] = {
            "selection": {
                "points": [{"customdata": ["Badan B", "Design"]}],
                "point_indices": [0],
                "box": [],
                "lasso": [],
            }
        }
        state.chart_select_callback("chart_leading_0", "opd")()
        st.session_state["after_click"] = state.peek_filters()
        st.session_state["chart_leading_0"] = {"selection": {"points": []}}
        state.chart_select_callback("chart_leading_0", "opd")()
        st.session_state["after_clear"] = state.peek_filters()

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert at.session_state["after_click"].opd == ("Badan B",)
    assert at.session_state["after_clear"].opd == ()


def test_session_filters_drive_the_panel(app, sample):
    """What a chart click writes (the session's filters) is what the panel and the pages show."""
    from lebak_dash.analysis.filters import Filters
    from lebak_dash.ui import state

    at = app("ringkasan")
    at.session_state[state.FILTERS_KEY] = Filters(opd=("Dinas Kesehatan",))
    at.run()
    assert at.multiselect(key="f_opd").value == ["Dinas Kesehatan"]
    assert metric(at, "Inovasi") == str(int((sample.records["opd"] == "Dinas Kesehatan").sum()))
    assert at.query_params["opd"] == "Dinas Kesehatan"


# ------------------------------------------------------------------------------------- safety
def test_user_text_is_never_markdown(app, monkeypatch):
    """OPD names as written and file names reach captions only escaped."""
    import lebak_dash.ui.page as page

    dataset = make_dataset()
    records = dataset.records.copy()
    evil = "[klik](http://evil.example/x.png) <img src=x onerror=alert(1)> **tebal** :red[merah]"
    records["opd"] = records["opd"].cat.rename_categories({"OPD Baru": evil})
    from dataclasses import replace

    dataset = replace(dataset, records=records, filename="![x](http://evil.example/a.png).xlsx", key="evil:1")
    monkeypatch.setattr(page, "get_dataset", lambda: dataset)
    at = app("ringkasan", query={"opd": evil})
    text = caption_markdown(at)
    assert "\\[klik\\]\\(http\u2060\\:" in text and "\\<img" in text and "\\*\\*tebal" in text
    assert "![x](" not in text and "[klik](" not in text
    assert metric(at, "Inovasi") == "1"
    assert "versi 3" in caption_text(at)  # not the sample: which version is on screen
    assert not any("Data contoh" in w.value for w in at.warning)


@pytest.mark.parametrize("page_name", list(PAGES))
@pytest.mark.parametrize("kind", ["empty", "one_year", "fixture"])
def test_pages_survive_unusual_data(app, monkeypatch, page_name, kind):
    """No records at all, one single year (no slider), unknown OPD and kecamatan: no traceback."""
    from dataclasses import replace

    import lebak_dash.ui.page as page

    dataset = make_dataset()
    if kind == "empty":
        records = dataset.records.iloc[:0]
        dataset = replace(dataset, records=records, kecamatan_long=dataset.kecamatan_long.iloc[:0], key="empty")
    elif kind == "one_year":
        records = dataset.records.assign(tahun=pd.array([2020] * len(dataset.records), dtype="Int64"))
        dataset = replace(dataset, records=records, key="one-year")
    monkeypatch.setattr(page, "get_dataset", lambda: dataset)
    at = app(page_name)
    assert [t.value for t in at.title] == [EXPECTED[page_name][0]]
    if kind == "one_year":
        assert not at.slider
    if kind == "fixture" and page_name == "daftar":
        assert "Catatan Bappeda" in at.dataframe[0].value.columns  # the workbook's extra column


def test_detail_view_shows_user_text_as_text():
    def detail_app():
        import pandas as pd

        from lebak_dash.ui.widgets import innovation_detail

        record = pd.Series(
            {
                "kode": "K1",
                "nama": "# Judul [x](javascript:alert(1))",
                "opd": "Dinas A",
                "tahapan": "Design",
                "kecamatan": ("Maja",),
                "deskripsi": "<script>alert(1)</script>\n**baris dua**",
            }
        )
        innovation_detail(record, (), "id", key="detail")

    at = AppTest.from_function(detail_app).run()
    assert not at.exception
    heading = at.markdown[0].value
    assert heading.startswith("### ") and "\\[x\\]\\(javascript\u2060\\:alert" in heading and "\\#" in heading
    assert at.text[0].value == "<script>alert(1)</script>\n**baris dua**"
    assert at.dataframe[0].value["isi"].tolist()[1] == "# Judul [x](javascript:alert(1))"


# ------------------------------------------------------------------------------------- deep links
def _app_pages() -> list[tuple[str, str]]:
    return [(spec.file, spec.url_path) for spec in router.PAGES]


def test_every_page_file_is_found_by_its_url_and_leaves_legacy_mode():
    """Streamlit's legacy pages/ mode answers a fresh server's first request by file name: every
    page file must be named NN_<url_path>.py (else "Page not found") and call setup() first, which
    reruns through the router (else the file runs alone, listing files). See lebak_dash/ui/router.py."""
    pages = _app_pages()
    url_paths = {url for _, url in pages}
    for path, _ in pages:
        file = ROOT / path
        assert file.exists(), path
        legacy_name = page_icon_and_name(file)[1]
        assert legacy_name in url_paths, f"{path}: a first request to /{legacy_name} would not find it"
        source = file.read_text()
        assert "setup(" in source or "leave_legacy_pages_mode(" in source, path
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == {path for path, _ in pages}, "every file in pages/ is a page of the router"
    assert not re.search(r"[\"']pages/", (ROOT / "app.py").read_text()), "the router's registry is the only list"


def test_lists_of_names_are_escaped(app, monkeypatch):
    """A reference OPD name (an editor can upload the list) reaches the static table escaped."""
    from dataclasses import replace

    import lebak_dash.ui.page as page
    from lebak_dash.records.reference import build_reference

    dataset = make_dataset()
    evil = "[klik](http://evil.example/x.png) <b>tebal</b> :red[merah]"
    opd = dataset.reference.opd.copy()
    opd.loc[opd["nama"] == "Dinas C", "nama"] = evil  # Dinas C has no innovation
    dataset = replace(dataset, reference=build_reference(opd, dataset.reference.kecamatan), key="evil:2")
    monkeypatch.setattr(page, "get_dataset", lambda: dataset)
    at = open_chart_data(app("ringkasan"))
    cells = [c for table in at.table for c in table.value.iloc[:, 0].tolist()]  # the lists and "Lihat data"
    assert any("\\[klik\\]\\(http\u2060\\:" in c and "\\<b\\>" in c for c in cells), cells
    assert not any("[klik](" in c for c in cells)
