"""The presentation's pure logic: URL state, deck and clock, showcase paging, scope and data lines,
slide contents (hand-counted on the fixture), big-screen chart styles, and escaped markup."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import replace

import pandas as pd
import pytest

from lebak_dash.analysis.filters import Filters
from lebak_dash.charts.style import STAGE_COLORS
from lebak_dash.records.schema import KABUPATEN_WIDE
from lebak_dash.views.dataset import load_sample_dataset
from lebak_dash.views.presentation_state import (
    CARDS_PER_PAGE,
    MAX_INTERVAL,
    MIN_INTERVAL,
    PRESENTATION_PARAMS,
    SHOWCASE,
    SLIDE_KINDS,
    STYLES,
    THEMES,
    Anchor,
    Position,
    Settings,
    SlideRef,
    anchor_for_run,
    current_position,
    deck,
    elapsed_slides,
    normalize,
    presentation_query,
    round_count,
    sequence,
    settings_from_query,
    showcase_page_count,
    slide_at,
    slide_number,
    step,
)
from lebak_dash.views.screen import PRESENT_DARK, PRESENT_LIGHT, big_screen
from lebak_dash.views.selection import select
from lebak_dash.views.slide_html import (
    cards_html,
    facts_html,
    footer_html,
    header_html,
    kpi_html,
    message_html,
    names_html,
    text_color_on,
)
from lebak_dash.views.slides import (
    Card,
    Kpi,
    StageCount,
    build_slide,
    data_label,
    fit_names,
    kecamatan_text,
    scope_label,
    showcase_cards,
    showcase_records,
)

from .dash_fixture import make_dataset

HOSTILE = '<img src=x onerror=alert(1)> "quoted" & <script>alert(2)</script>'


@pytest.fixture(scope="module")
def ds():
    return make_dataset()


@pytest.fixture(scope="module")
def sample():
    return load_sample_dataset()


# ---------------------------------------------------------------------------------------- URL
def test_settings_from_query():
    table = [
        ({}, Settings(), Position(0, 0)),
        ({"slide": "3"}, Settings(), Position(0, 2)),
        ({"slide": "2", "putaran": "4"}, Settings(), Position(3, 1)),
        ({"interval": "5", "tema": "gelap", "jeda": "1"}, Settings(5, "gelap", True), Position(0, 0)),
        ({"interval": "1"}, Settings(interval=MIN_INTERVAL), Position(0, 0)),
        ({"interval": "99999"}, Settings(interval=MAX_INTERVAL), Position(0, 0)),
        ({"interval": "7.6", "tema": "GELAP", "jeda": "ya"}, Settings(8, "gelap", True), Position(0, 0)),
        ({"interval": "nan", "tema": "<b>", "jeda": "0", "slide": "-2"}, Settings(), Position(0, 0)),
        ({"interval": "inf", "slide": "1e3", "putaran": "x"}, Settings(), Position(0, 0)),
        ({"slide": "9" * 50}, Settings(), Position(0, 0)),  # absurdly long: ignored
        ({"slide": ["2", "5"]}, Settings(), Position(0, 4)),  # repeated: the last counts
    ]
    got = [(query, *settings_from_query(query)) for query, _, _ in table]
    assert got == table


def test_presentation_query_round_trips():
    table = [
        (Settings(), Position(0, 0), {"slide": "1"}),
        (Settings(), Position(2, 3), {"slide": "4", "putaran": "3"}),
        (Settings(30, "gelap", True), Position(0, 6), {"slide": "7", "interval": "30", "tema": "gelap", "jeda": "1"}),
    ]
    assert [presentation_query(settings, position) for settings, position, _ in table] == [q for *_, q in table]
    assert [settings_from_query(query) for *_, query in table] == [(s, p) for s, p, _ in table]
    assert all(set(query) <= set(PRESENTATION_PARAMS) for *_, query in table)


def test_presentation_params_do_not_collide_with_the_filters():
    from lebak_dash.analysis.query import QUERY_KEYS
    from lebak_dash.ui.state import LANG_PARAM

    assert not set(PRESENTATION_PARAMS) & {*QUERY_KEYS.values(), LANG_PARAM}


# --------------------------------------------------------------------------------------- deck
def _kinds(refs):
    return [f"{r.kind}{r.page}" if r.kind == SHOWCASE else r.kind for r in refs]


FIXED = ["kpi", "tahapan", "opd", "peta", "kecamatan", "tren"]


def test_deck():
    table = [
        (0, 0, [*FIXED, "etalase0"]),  # nothing in Display: one slide says so
        (1, 0, [*FIXED, "etalase0"]),
        (2, 0, [*FIXED, "etalase0", "etalase1"]),
        (5, 0, [*FIXED, "etalase0", "etalase1"]),
        (5, 1, [*FIXED, "etalase2", "etalase3"]),
        (5, 2, [*FIXED, "etalase4"]),  # the last round holds what is left
        (5, 3, [*FIXED, "etalase0", "etalase1"]),  # rounds wrap
    ]
    assert [(pages, round_, _kinds(deck(pages, round_))) for pages, round_, _ in table] == table


def test_a_full_sequence_shows_every_showcase_page_once():
    for pages in (0, 1, 2, 3, 17):
        order = sequence(pages)
        refs = [slide_at(p, pages) for p in order]
        showcase = [r.page for r in refs if r.kind == SHOWCASE]
        assert showcase == list(range(max(pages, 1))), pages
        assert len(order) == round_count(pages) * len(FIXED) + max(pages, 1), pages
        assert len(set(order)) == len(order), pages


def test_step_wraps_and_inverts():
    for pages, delta in itertools.product((0, 1, 4, 17), (1, -1, 3, -8, 100)):
        for position in sequence(pages):
            moved = step(position, delta, pages)
            assert moved in sequence(pages), (pages, delta, position)
            assert step(moved, -delta, pages) == position, (pages, delta, position)


def test_step_forward_from_the_last_slide_is_the_first():
    last = sequence(3)[-1]
    assert step(last, 1, 3) == Position(0, 0)
    assert step(Position(0, 0), -1, 3) == last


def test_normalize():
    table = [
        (Position(0, 7), 2, Position(0, 7)),
        (Position(0, 7), 1, Position(0, 6)),  # fewer showcase pages now: clamped
        (Position(5, 0), 4, Position(1, 0)),  # round wraps
        (Position(0, -3), 4, Position(0, 0)),
        (Position(3, 50), 0, Position(0, 6)),
    ]
    assert [(position, pages, normalize(position, pages)) for position, pages, _ in table] == table


def test_slide_number():
    assert slide_number(Position(0, 0), 17) == (1, 8)
    assert slide_number(Position(8, 6), 17) == (7, 7)  # the last round has one showcase page
    assert slide_number(Position(0, 9), 0) == (7, 7)


# -------------------------------------------------------------------------------------- clock
def test_elapsed_slides():
    table = [
        (0.0, 15, 0),
        (13.9, 15, 0),
        (14.2, 15, 1),  # a tick a little early by the server's clock still counts
        (15.0, 15, 1),
        (28.9, 15, 1),
        (30.0, 15, 2),
        (1.7, 2, 1),
        (1.5, 2, 0),
        (-5.0, 15, 0),  # a clock that went back never rewinds the slides
        (10.0, 0, 0),
    ]
    assert [(elapsed, interval, elapsed_slides(elapsed, interval)) for elapsed, interval, _ in table] == table


def test_current_position_follows_the_clock():
    anchor = Anchor(Position(0, 5), at=1000.0)
    settings = Settings(interval=10)
    pages = 3  # rounds of 6 + 2 and 6 + 1 slides
    assert current_position(anchor, 1000.0, settings, pages) == Position(0, 5)
    assert current_position(anchor, 1010.0, settings, pages) == Position(0, 6)
    assert current_position(anchor, 1020.0, settings, pages) == Position(0, 7)
    assert current_position(anchor, 1030.0, settings, pages) == Position(1, 0)  # next round
    # A late tick (the browser was busy) still lands on the slide due, never two at once.
    assert current_position(anchor, 1014.9, settings, pages) == Position(0, 6)


def test_current_position_stays_while_paused():
    anchor = Anchor(Position(0, 2), at=0.0)
    assert current_position(anchor, 10_000.0, Settings(paused=True), 3) == Position(0, 2)


def test_anchor_for_run():
    table = [
        (None, None, 500.0, Settings(), Position(0, 1)),  # first run: the URL's slide
        (Position(0, 2), 110.0, 112.0, Settings(interval=10), Position(0, 2)),  # a click: nothing due yet
        (Position(0, 2), 110.0, 121.0, Settings(interval=10), Position(0, 3)),  # the clock ran on
        (Position(0, 2), 110.0, 400.0, Settings(interval=10), Position(0, 2)),  # back after a while
        (Position(0, 4), 110.0, 400.0, Settings(paused=True), Position(0, 4)),
    ]
    got = []
    for shown, shown_at, now, settings, _ in table:
        anchor = Anchor(Position(0, 1), at=100.0) if shown is None else Anchor(Position(0, 1), at=shown_at - 10.0)
        got.append(anchor_for_run(anchor, shown, shown_at, now, settings, pages=3))
    assert got == [Anchor(expected, now) for _, _, now, _, expected in table]


def test_current_position_survives_fewer_pages():
    anchor = Anchor(Position(4, 7), at=0.0)
    assert current_position(anchor, 0.0, Settings(), 1) == Position(0, 6)


# ----------------------------------------------------------------------------------- showcase
def test_showcase_is_display_only_newest_first(ds):
    shown = showcase_records(ds.records)
    assert shown["kode"].tolist() == ["K6", "K2"]  # 2022 before 2020
    assert (shown["tahapan"] == "Display").all()


def test_showcase_order_is_stable_and_puts_missing_years_last(sample):
    records = sample.records.copy()
    display = records.index[records["tahapan"] == "Display"]
    records.loc[display[:3], "tahun"] = pd.NA
    shown = showcase_records(records)
    years = shown["tahun"].tolist()
    assert all(pd.isna(y) for y in years[-3:]) and not any(pd.isna(y) for y in years[:-3])
    known = [int(y) for y in years[:-3]]
    assert known == sorted(known, reverse=True)
    assert shown.index.tolist() == showcase_records(records).index.tolist()


def test_showcase_pages_cover_every_display_innovation(sample):
    shown = showcase_records(sample.records)
    pages = showcase_page_count(len(shown))
    assert pages == -(-len(shown) // CARDS_PER_PAGE)
    names = [c.nama for p in range(pages) for c in showcase_cards(sample.records, p, "id")]
    assert names == shown["nama"].astype(str).tolist()
    assert all(len(showcase_cards(sample.records, p, "id")) <= CARDS_PER_PAGE for p in range(pages))


def test_showcase_cards_of_the_fixture(ds):
    cards = showcase_cards(ds.records, 0, "id")
    assert cards == (
        Card(nama="Inovasi Lain", opd="OPD Baru", kecamatan="Atlantis", tahun="2022"),
        Card(nama="NRP Des", opd="Dinas A", kecamatan="Se-kabupaten", tahun="2020"),
    )
    assert showcase_cards(ds.records, 1, "id") == ()


def test_kecamatan_text():
    table = [
        ((), "id", "Tidak disebut"),
        ((KABUPATEN_WIDE,), "en", "kabupaten-wide"),
        (("Maja",), "id", "Maja"),
        (("Maja", "Bayah", "Cibadak"), "id", "Maja, Bayah, Cibadak"),
        (("Maja", "Bayah", "Cibadak", "Cipanas"), "id", "Maja, Bayah, Cibadak +1"),
    ]
    assert [(names, lang, kecamatan_text(names, lang)) for names, lang, _ in table] == table


def test_fit_names():
    table = [
        ([], 5, []),
        (["A"] * 5, 5, ["A"] * 5),
        (["A"] * 6, 5, ["A"] * 4),  # the fifth line says "and 2 more"
        (["x" * 40, "B", "C"], 3, ["x" * 40]),
        (["x" * 40] * 3, 6, ["x" * 40] * 3),
    ]
    assert [(names, lines, fit_names(names, lines=lines)) for names, lines, _ in table] == table


# ------------------------------------------------------------------------------- scope and data
def test_scope_label():
    table = [
        (Filters(), "id", "Seluruh Kabupaten Lebak"),
        (Filters(), "en", "All of Kabupaten Lebak"),
        (Filters(tahun=(2022, 2022)), "id", "Tahun 2022"),
        (Filters(tahun=(2019, 2022)), "en", "Year 2019-2022"),
        (Filters(opd=("Dinas Kesehatan",)), "id", "OPD: Dinas Kesehatan"),
        (Filters(kecamatan=("Maja",)), "id", "Kecamatan: Maja"),
        (Filters(kecamatan=("Maja",), kabupaten_wide=False), "id", "Kecamatan: Maja (tanpa inovasi se-kabupaten)"),
        (Filters(kecamatan=(KABUPATEN_WIDE,)), "id", "Kecamatan: Semua Kecamatan (se-kabupaten)"),
        (
            Filters(tahun=(2021, 2021), opd=("Dinas A", "Badan B"), tahapan=("Display",)),
            "id",
            "Tahun 2021 · OPD: Dinas A, Badan B · Tahapan 5D: Display",
        ),
    ]
    assert [(filters, lang, scope_label(filters, lang)) for filters, lang, _ in table] == table


def test_data_label():
    when = dt.datetime(2025, 11, 28, 20, 5, tzinfo=dt.UTC)  # 29 November 03.05 in Lebak (WIB)
    assert data_label(is_sample=False, version=3, uploaded_at=when, lang="id") == (
        "Data per 29 November 2025 03.05 WIB · versi 3"
    )
    assert data_label(is_sample=False, version=3, uploaded_at=when, lang="en") == (
        "Data as of 29 November 2025 03:05 WIB · version 3"
    )
    assert "contoh" in data_label(is_sample=True, version=None, uploaded_at=None, lang="id")


# ----------------------------------------------------------------------------------- slides
def _slide(ds, kind, filters=Filters(), page=0, lang="id", style=PRESENT_LIGHT):
    return build_slide(SlideRef(kind, page), select(ds, filters), lang, big_screen(style))


def test_kpi_slide_of_the_fixture(ds):
    content = _slide(ds, "kpi")
    assert [(k.label, k.value, k.detail) for k in content.kpis] == [
        ("Inovasi", "7", "inovasi tercatat"),
        ("OPD berinovasi", "3", "dari 5 OPD (60%)"),  # Dinas A, Badan B, Kecamatan Maja (OPD Baru is not listed)
        ("Kecamatan terjangkau", "2", "dari 3 kecamatan (67%)"),  # Maja, Bayah
        ("Sampai Delivery/Display", "57%", "4 dari 7 inovasi"),
    ]
    assert [(s.stage, s.count) for s in content.stages] == [
        ("Drum-up", 1),
        ("Diagnose", 1),
        ("Design", 1),
        ("Delivery", 2),
        ("Display", 2),
    ]


def test_kpi_slide_follows_the_filter(ds):
    content = _slide(ds, "kpi", Filters(opd=("Dinas A",)))
    assert content.kpis[0].value == "3"
    assert content.kpis[3].value == "67%"  # K1 Delivery, K2 Display of K0-K2


def test_opd_slide_lists_the_opds_without_innovation(ds):
    content = _slide(ds, "opd")
    assert content.names == ("Dinas C", "Kecamatan Bayah")
    assert content.names_more == 0
    assert content.names_title == "Belum berinovasi (2 OPD)"
    leading = content.figures[0]
    names = {str(n) for trace in leading.data if trace.type == "bar" for n in trace.customdata[:, 0]}
    assert names == {"Dinas A", "Badan B", "Kecamatan Maja", "OPD Baru"}


def test_opd_slide_says_when_every_opd_innovates(ds):
    records = ds.records.copy()
    extra = records.iloc[[0, 0]].assign(opd=["Dinas C", "Kecamatan Bayah"], kode=["K7", "K8"])
    extra["opd"] = extra["opd"].astype(object)
    records = pd.concat([records.assign(opd=records["opd"].astype(object)), extra], ignore_index=True)
    records["opd"] = records["opd"].astype("category")
    from lebak_dash.analysis.aggregate import explode_kecamatan

    full = replace(ds, records=records, kecamatan_long=explode_kecamatan(records))
    content = _slide(full, "opd")
    assert content.names == () and content.empty == "Semua OPD sudah berinovasi."


def test_long_lists_of_names_are_cut_with_a_count(sample):
    content = _slide(sample, "opd", Filters(tahun=(2018, 2018)))
    assert content.names_more > 0
    assert len(content.names) + content.names_more == int(content.names_title.split("(")[1].split()[0])


def test_map_slide_of_the_fixture(ds):
    content = _slide(ds, "peta")
    assert [(k.label, k.value) for k in content.kpis] == [("Se-kabupaten", "1"), ("Tanpa kecamatan", "1")]
    assert content.names == ("Cibadak",)
    assert content.explain
    figure = content.figures[0]
    assert not any(getattr(tr.marker, "showscale", False) for tr in figure.data)  # scale explained beside
    assert figure.layout.title.subtitle.text in ("", None)


def test_kecamatan_slide_has_upright_bars(ds):
    figure = _slide(ds, "kecamatan").figures[0]
    bars = [tr for tr in figure.data if tr.type == "bar"]
    assert {tr.orientation for tr in bars} == {"v"}
    assert list(bars[0].x) == ["Maja", "Bayah", "Cibadak", "Atlantis"]


def test_trend_and_funnel_slides(ds):
    tren = _slide(ds, "tren").figures[0]
    assert [int(x) for x in tren.data[0].x] == [2019, 2020, 2021, 2022]
    assert "tanpa tahun" in tren.layout.title.subtitle.text  # K4 has no year
    funnel = _slide(ds, "tahapan").figures[0]
    assert list(funnel.data[0].x) == [1, 1, 1, 2, 2]


def test_showcase_slide(ds):
    content = _slide(ds, SHOWCASE)
    assert [c.nama for c in content.cards] == ["Inovasi Lain", "NRP Des"]
    assert content.note == "Etalase 1 dari 1 · 2 inovasi tahap Display"
    empty = _slide(ds, SHOWCASE, Filters(tahapan=("Design",)))
    assert empty.cards == () and "Belum ada inovasi" in empty.empty


def test_showcase_page_beyond_the_data_shows_the_last(sample):
    last = _slide(sample, SHOWCASE, page=999)
    pages = showcase_page_count(len(showcase_records(sample.records)))
    assert last.note.startswith(f"Etalase {pages} dari {pages}")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_slide_survives_no_data(ds, lang):
    empty = replace(ds, records=ds.records.iloc[:0], kecamatan_long=ds.kecamatan_long.iloc[:0])
    for kind in SLIDE_KINDS:
        content = _slide(empty, kind, lang=lang)
        assert content.title, kind
        assert content.figures or content.kpis or content.empty or content.cards == (), kind


def test_unknown_slide_is_refused(ds):
    with pytest.raises(ValueError):
        _slide(ds, "nope")


# ---------------------------------------------------------------------------- chart styles
def _font_sizes(node, path=""):
    """Yield (path, size) of every font size in a figure's JSON."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and path.endswith("font") and isinstance(value, int | float):
                yield path, value
            elif key == "size" and path.endswith("font") and isinstance(value, list):
                yield from ((path, v) for v in value)
            else:
                yield from _font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            yield from _font_sizes(item, path)


@pytest.mark.parametrize("theme", THEMES)
def test_big_screen_charts_have_large_text_and_fill_the_screen(sample, theme):
    """Chart text of at least 18 px (the brief's floor at 1920x1080), height from the screen, no click hints."""
    style = STYLES[theme]
    kinds = ["tahapan", "opd", "peta", "kecamatan", "tren"]
    for kind, figure in ((k, f) for k in kinds for f in _slide(sample, k, style=style).figures):
        spec = figure.to_plotly_json()
        sizes = list(_font_sizes(spec))
        assert sizes, kind
        small = [(p, s) for p, s in sizes if s < 18]
        assert not small, (kind, small)
        assert figure.layout.font.size >= 18, kind
        assert figure.layout.height is None and figure.layout.autosize
        texts = f"{figure.layout.title.text} {figure.layout.title.subtitle.text}"
        assert "klik" not in texts.casefold(), kind
        assert figure.layout.paper_bgcolor == style.paper_color


@pytest.mark.parametrize(
    ("style", "text", "paper"),
    [(PRESENT_LIGHT, "#000000", "#FFFFFF"), (PRESENT_DARK, "#FFFFFF", "#000000")],
)
def test_big_screen_styles_are_high_contrast(style, text, paper):
    assert (style.text_color, style.paper_color) == (text, paper)
    assert _contrast(style.muted_color, style.paper_color) >= 10  # secondary text too, on a washed-out screen


def _luminance(color):
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_on_stage_colours_is_readable():
    colours = [*STAGE_COLORS.values(), "#FFFFFF", "#000000"]
    assert {c: _contrast(text_color_on(c), c) >= 4.5 for c in colours} == dict.fromkeys(colours, True)


# ------------------------------------------------------------------------------------ markup
def _has_raw_markup(html: str) -> bool:
    """Whether the hostile text got in as markup: a live tag, or a quote that could end an attribute."""
    return bool(re.search(r"<(img|script)\b", html, flags=re.IGNORECASE)) or '"quoted"' in html


def test_cards_escape_hostile_text():
    card = Card(nama=HOSTILE, opd=HOSTILE, kecamatan=HOSTILE, tahun="2022")
    html = cards_html([card], {"opd": "OPD", "kecamatan": "Kecamatan", "tahun": "Tahun"})
    assert not _has_raw_markup(html)
    assert html.count("&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; &amp; &lt;script&gt;") == 3


def test_every_builder_escapes_hostile_text():
    pieces = [
        header_html(HOSTILE, HOSTILE, HOSTILE, "gelap"),
        kpi_html([Kpi(HOSTILE, HOSTILE, HOSTILE)], [StageCount("Display", HOSTILE, 3, HOSTILE)], HOSTILE),
        facts_html([Kpi(HOSTILE, HOSTILE, HOSTILE)], HOSTILE),
        names_html(HOSTILE, [HOSTILE, HOSTILE], HOSTILE, HOSTILE),
        names_html(HOSTILE, [], "", HOSTILE),
        message_html(HOSTILE),
        footer_html(2, 8, HOSTILE, HOSTILE, 15, HOSTILE),
    ]
    for html in pieces:
        assert not _has_raw_markup(html), html
        assert "&lt;script&gt;" in html


def test_header_carries_only_a_known_theme_class():
    assert 'class="p-head p-theme-gelap"' in header_html("a", "b", "c", "gelap")
    assert 'class="p-head p-theme-terang"' in header_html("a", "b", "c", '" onclick="x')


def test_hostile_names_from_the_data_reach_the_cards_escaped(ds):
    records = ds.records.copy()
    records["nama"] = records["nama"].astype(object)
    records.loc[records["kode"] == "K6", "nama"] = HOSTILE
    records["opd"] = records["opd"].cat.rename_categories({"OPD Baru": HOSTILE})
    content = _slide(replace(ds, records=records), SHOWCASE)
    assert content.cards[0].nama == HOSTILE and content.cards[0].opd == HOSTILE  # plain text in the model
    html = cards_html(content.cards, {"opd": "o", "kecamatan": "k", "tahun": "t"})
    assert not _has_raw_markup(html)
    scope = scope_label(Filters(opd=(HOSTILE,)), "id")
    assert not _has_raw_markup(header_html("t", scope, "d", "terang"))


def test_footer_indicator_and_time_bar():
    running = footer_html(3, 8, "", "Slide 3 dari 8", 15, "0-2")
    assert len(re.findall(r'class="p-dot( p-dot-on)?"', running)) == 8 and running.count("p-dot-on") == 1
    assert "3 / 8" in running and "animation-duration:15s" in running
    paused = footer_html(3, 8, "", "Slide 3 dari 8", None, "0-2")
    assert "animation-duration" not in paused and "p-paused" in paused


def test_stage_bar_widths_follow_the_counts():
    stages = [StageCount("Drum-up", "Drum-up", 10, "10"), StageCount("Display", "Display", 30, "30")]
    html = kpi_html([], stages, "t")
    assert "flex-grow:10;" in html and "flex-grow:30;" in html
    assert "background:#E69F00;color:#000000" in html
