"""AppTest of the presentation page: every slide by URL, the controls, the settings, the URL mirror,
hostile and unusual data. (The fragment's timer does not fire in AppTest: the clock is tested in
test_presentation.py, the timer in tests/browser/test_presentation_browser.py.)"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from lebak_dash.ui.router import page_file
from lebak_dash.views.presentation_state import CARDS_PER_PAGE

from .conftest import ROOT
from .dash_fixture import make_dataset

APP = str(ROOT / "app.py")
PAGE = page_file("presentasi")
#: Slide number (1-based, first round, sample data) -> (title, plotly charts).
SLIDES = {
    1: ("Inovasi Daerah Kabupaten Lebak", 0),
    2: ("Tahapan 5D Laboratorium Inovasi", 1),
    3: ("OPD terdepan dan OPD yang belum berinovasi", 1),
    4: ("Peta inovasi per kecamatan", 1),
    5: ("Inovasi per kecamatan dan tahap 5D", 1),
    6: ("Inovasi dari tahun ke tahun", 1),
    7: ("Etalase inovasi: tahap Display", 0),
    8: ("Etalase inovasi: tahap Display", 0),
}
HOSTILE = '<img src=x onerror=alert(1)> "q" <script>alert(2)</script>'


@pytest.fixture
def present(clear_streamlit_caches):
    def run(query: dict[str, str] | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query or {})
        at.run()
        at.switch_page(PAGE).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def htmls(at: AppTest) -> list[str]:
    return [el.proto.body for el in at.get("html")]


def html_text(at: AppTest) -> str:
    return " ".join(htmls(at))


def slide_title(at: AppTest) -> str:
    match = re.search(r'<h1 class="p-title">(.*?)</h1>', html_text(at))
    assert match, html_text(at)[:500]
    return match.group(1)


def indicator(at: AppTest) -> str:
    match = re.search(r'<span class="p-count">(\d+ / \d+)</span>', html_text(at))
    assert match
    return match.group(1)


@pytest.mark.parametrize("number", list(SLIDES))
def test_every_slide_by_url(present, number):
    at = present({"slide": str(number), "jeda": "1"})
    title, charts = SLIDES[number]
    assert slide_title(at) == title
    assert indicator(at) == f"{number} / 8"
    assert len(at.get("plotly_chart")) == charts
    assert "Seluruh Kabupaten Lebak" in html_text(at)  # the scope, on every slide
    assert "Data contoh" in html_text(at)  # the data line, on every slide
    assert at.query_params["slide"] == str(number) and at.query_params["jeda"] == "1"
    assert len(at.sidebar.children) == 0  # no filter panel, no sidebar


def test_the_page_sets_no_sidebar_and_hides_the_chrome(present):
    at = present()
    css = next(h for h in htmls(at) if h.startswith("<style>"))
    for selector in ("stHeader", "stToolbar", "stSidebar", "stTopNav", "stStatusWidget", "stDecoration"):
        assert selector in css
    assert "overflow: hidden" in css and css.rstrip().endswith("</style>")
    assert "http" not in css and "@import" not in css and "url(" not in css  # nothing fetched
    assert "f_opd" not in at.session_state  # the dashboard's filter panel is not drawn


def test_showcase_pages_by_url(present):
    first = present({"slide": "7", "jeda": "1"})
    second = present({"slide": "8", "jeda": "1"})
    later = present({"slide": "7", "putaran": "3", "jeda": "1"})
    cards = [re.findall(r'<div class="p-card-name">(.*?)</div>', html_text(a)) for a in (first, second, later)]
    assert all(len(c) == CARDS_PER_PAGE for c in cards)
    assert len({tuple(c) for c in cards}) == 3  # three different pages of cards
    assert "Etalase 1 dari 17" in html_text(first) and "Etalase 5 dari 17" in html_text(later)


def test_next_and_previous(present):
    at = present({"slide": "1", "jeda": "1"})
    at.button(key="p_next").click().run()
    assert indicator(at) == "2 / 8" and at.query_params["slide"] == "2"
    at.button(key="p_prev").click().run()
    at.button(key="p_prev").click().run()  # wraps to the last slide of the last round
    assert slide_title(at) == "Etalase inovasi: tahap Display" and at.query_params["putaran"] == "9"
    at.button(key="p_next").click().run()
    assert indicator(at) == "1 / 8" and "putaran" not in at.query_params


def test_pause_and_play(present):
    at = present({"slide": "3"})
    assert "jeda" not in at.query_params
    assert "animation-duration:15s" in html_text(at)
    at.button(key="p_pause").click().run()
    assert at.query_params["jeda"] == "1" and indicator(at) == "3 / 8"
    assert "animation-duration" not in html_text(at)
    assert at.session_state["_p_settings"].paused
    at.button(key="p_pause").click().run()
    assert "jeda" not in at.query_params and not at.session_state["_p_settings"].paused


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand (the page reads time.time() through its module)."""
    import time as real_time

    import lebak_dash.ui.presentation as ui

    class Clock:
        now = real_time.time()

        def time(self) -> float:
            return self.now

    fake = Clock()
    monkeypatch.setattr(ui, "time", fake)
    return fake


def test_next_after_a_long_pause(present, clock):
    """While paused no tick refreshes the page; a click minutes later still moves one slide."""
    at = present({"slide": "2", "jeda": "1"})
    clock.now += 600
    at.button(key="p_next").click().run()
    assert indicator(at) == "3 / 8"
    clock.now += 600
    at.button(key="p_pause").click().run()  # play
    assert indicator(at) == "3 / 8"


def test_a_full_run_follows_the_clock(present, clock):
    at = present({"slide": "2", "interval": "10"})
    clock.now += 5
    at.run()  # a full run (as after a click) restarts the timer: the slide stays
    assert indicator(at) == "2 / 8"
    clock.now += 11  # an interval after that run: the next slide is due
    at.run()
    assert indicator(at) == "3 / 8"


def test_settings_interval_theme_language(present):
    at = present({"slide": "2", "jeda": "1"})
    at.number_input(key="p_interval").set_value(5).run()
    assert at.query_params["interval"] == "5"
    at.radio(key="p_theme").set_value("gelap").run()
    assert at.query_params["tema"] == "gelap" and "p-theme-gelap" in html_text(at)
    assert at.get("plotly_chart")[0].proto.spec.count('"paper_bgcolor":"#000000"') == 1
    at.radio(key="p_lang").set_value("en").run()
    assert slide_title(at) == "The 5D stages of the Innovation Lab" and at.query_params["lang"] == "en"
    assert "All of Kabupaten Lebak" in html_text(at)
    assert indicator(at) == "2 / 8"  # settings never move the slide


def test_interval_and_theme_from_the_url(present):
    at = present({"interval": "30", "tema": "gelap", "slide": "1"})
    assert at.number_input(key="p_interval").value == 30
    assert at.radio(key="p_theme").value == "gelap"
    assert "animation-duration:30s" in html_text(at)


@pytest.mark.parametrize(
    ("key", "value", "scope"),
    [
        ("p_opd", "Dinas Kesehatan", "OPD: Dinas Kesehatan"),
        ("p_kec", "Maja", "Kecamatan: Maja"),
        ("p_tahun", "2022", "Tahun 2022"),
    ],
)
def test_present_one_opd_kecamatan_or_year(present, key, value, scope):
    at = present({"slide": "1", "jeda": "1"})
    whole = re.search(r'<div class="p-kpi-value">(.*?)</div>', html_text(at)).group(1)
    at.selectbox(key=key).set_value(value).run()
    assert scope in html_text(at)
    shown = re.search(r'<div class="p-kpi-value">(.*?)</div>', html_text(at)).group(1)
    assert int(shown) < int(whole)
    at.button(key="p_whole").click().run()
    assert "Seluruh Kabupaten Lebak" in html_text(at)
    assert not {"opd", "kec", "tahun"} & set(at.query_params)


def test_the_dashboard_filter_is_presented_and_named(present):
    at = present({"opd": "Dinkes", "tahun": "2020-2022", "slide": "2", "jeda": "1"})
    assert "Tahun 2020-2022 · OPD: Dinas Kesehatan" in html_text(at)
    assert at.query_params["opd"] == "Dinas Kesehatan"  # canonical, written back
    assert at.selectbox(key="p_opd").value == "Dinas Kesehatan"
    assert at.selectbox(key="p_tahun").value is None  # a range: the box says so in its placeholder


def test_junk_in_the_url_is_ignored(present):
    at = present({"slide": "<script>", "interval": "-4", "tema": "x' onload='y", "jeda": "maybe", "putaran": "%00"})
    assert indicator(at) == "1 / 8"
    assert "p-theme-terang" in html_text(at)
    assert "x' onload" not in html_text(at)


def test_exit_leads_back_to_the_dashboard(present):
    at = present({"opd": "Dinas Kesehatan"})
    links = at.get("page_link")
    assert len(links) == 1
    from streamlit.util import calc_hash

    assert links[0].proto.page_script_hash == calc_hash("beranda")  # the dashboard's first page
    assert links[0].proto.query_string == "opd=Dinas+Kesehatan"  # the dashboard keeps the filter
    assert links[0].proto.label == "✕ Keluar"


@pytest.mark.parametrize(
    ("wanted_hash", "wanted_name", "position"),
    [
        ("", "presentasi", "hidden"),  # first request of /presentasi
        ("", "opd", "top"),
        ("", "", "top"),  # the default page
        ("presentasi", "", "hidden"),  # a rerun or a menu click sends the page's hash
        ("opd", "presentasi", "top"),  # the hash wins, as in Streamlit's PagesManager
    ],
)
def test_menu_position_follows_the_requested_page(monkeypatch, wanted_hash, wanted_name, position):
    from streamlit.runtime.scriptrunner_utils import script_run_context
    from streamlit.util import calc_hash

    from lebak_dash.ui.router import menu_position

    class Manager:
        intended_page_script_hash = calc_hash(wanted_hash) if wanted_hash else ""
        intended_page_name = wanted_name

    class Ctx:
        pages_manager = Manager()

    monkeypatch.setattr(script_run_context, "get_script_run_ctx", lambda *a, **k: Ctx())

    class Page:  # what menu_position reads of an st.Page (built outside a script run here)
        def __init__(self, url_path):
            self.url_path = url_path

    pages = {"Dasbor": [Page(""), Page("opd")], "Presentasi": [Page("presentasi")]}
    assert menu_position(pages, hidden_on={"presentasi"}) == position


def test_menu_position_outside_a_script_run():
    from lebak_dash.ui.router import menu_position

    assert menu_position({}, hidden_on={"presentasi"}) == "top"


# ------------------------------------------------------------------------------ data and safety
@pytest.fixture
def fixture_data(monkeypatch):
    """Serve the hand-made fixture (with hostile names) instead of the store's data."""
    import lebak_dash.ui.page as page
    import lebak_dash.ui.presentation as ui

    def use(dataset):
        # The first run of a session goes through the default page, which reads the URL's filters.
        monkeypatch.setattr(page, "get_dataset", lambda: dataset)
        monkeypatch.setattr(ui, "get_dataset", lambda: dataset)
        return dataset

    return use


def test_hostile_names_are_shown_as_text(present, fixture_data):
    dataset = make_dataset()
    records = dataset.records.copy()
    records["nama"] = records["nama"].astype(object)
    records.loc[records["kode"] == "K6", "nama"] = HOSTILE
    records["opd"] = records["opd"].cat.rename_categories({"OPD Baru": HOSTILE})
    fixture_data(replace(dataset, records=records, key="hostile:1"))
    at = present({"slide": "7", "jeda": "1"})
    text = html_text(at)
    assert "&lt;img src=x onerror=alert(1)&gt; &#34;q&#34; &lt;script&gt;" in text
    assert "<img" not in text and "<script" not in text and '"q"' not in text
    assert "Data per" in text and "versi 3" in text  # a stored version, not the sample
    at = present({"slide": "3", "jeda": "1", "opd": HOSTILE})
    text = html_text(at)
    assert "OPD: &lt;img src=x onerror=alert(1)&gt; &#34;q&#34;" in text  # the scope, named as text
    assert "<img" not in text and "<script" not in text


@pytest.mark.parametrize("number", list(range(1, 8)))
def test_slides_survive_no_data(present, fixture_data, number):
    dataset = make_dataset()
    fixture_data(replace(dataset, records=dataset.records.iloc[:0], kecamatan_long=dataset.kecamatan_long.iloc[:0]))
    at = present({"slide": str(number), "jeda": "1"})
    assert slide_title(at)
    assert indicator(at) == f"{number} / 7"


def test_a_new_version_shows_on_the_next_run(present, fixture_data):
    at = present({"slide": "1", "jeda": "1"})
    assert "Data contoh" in html_text(at)
    fixture_data(make_dataset())  # what get_dataset returns once another version is active
    at.button(key="p_next").click().run()
    assert "Data per" in html_text(at) and "versi 3" in html_text(at)
    assert indicator(at) == "2 / 7"  # the fixture has one showcase page
