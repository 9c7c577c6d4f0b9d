"""The briefing files opened and checked: the HTML report parsed (every chart, the inline plotly.js,
no external URL, user text escaped), the PowerPoint deck read back with python-pptx (native charts
whose data equal the dashboard's counts for the same filters; the finding, data date and filter on
every slide), and the progress part against the fixture's known movements."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from html.parser import HTMLParser

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from lebak_dash.analysis import aggregate
from lebak_dash.analysis.aggregate import (
    kecamatan_map_frame,
    kecamatan_stage_matrix,
    leading_opds,
    opd_stage_matrix,
    opds_without_innovation,
    per_year_stage,
    stage_funnel,
)
from lebak_dash.analysis.filters import Filters, apply_filters, filter_options
from lebak_dash.analysis.progress import VersionData, track
from lebak_dash.analysis.stalled import StalledRule
from lebak_dash.exports.briefing.content import SLIDE_ORDER, build_briefing, figure_title, filter_text
from lebak_dash.exports.briefing.html import CSP, briefing_html
from lebak_dash.exports.briefing.pptx import briefing_pptx
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.schema import KABUPATEN_WIDE, STAGES
from lebak_dash.views.dataset import load_active_dataset, load_sample_dataset
from lebak_dash.views.perkembangan import ProgressSettings, progress_view

from . import progress_fixture as fx
from .dash_fixture import make_dataset

WHEN = dt.datetime(2025, 1, 20, 8, 30, tzinfo=dt.UTC)
FILTERS = {
    "none": Filters(),
    "stages": Filters(tahapan=("Delivery", "Display")),
    "opd_years": Filters(opd=("Dinas Kesehatan", "Kecamatan Maja"), tahun=(2019, 2022)),
    "kecamatan": Filters(kecamatan=("Maja", "Bayah"), kabupaten_wide=False),
}
EVIL = '</script><script>alert(1)</script><img src=x onerror=alert(2)> "><b>tebal</b> [x](http://evil.example)'


@pytest.fixture(scope="module")
def sample():
    return load_sample_dataset()


@pytest.fixture(scope="module")
def briefings(sample):
    """Briefings of the sample under each filter set, with both files built once."""
    out = {}
    for name, filters in FILTERS.items():
        briefing = build_briefing(sample, filters, "id", generated_at=WHEN)
        out[name] = (briefing, briefing_html(briefing), briefing_pptx(briefing))
    return out


@pytest.fixture(scope="module")
def progress_case(tmp_path_factory):
    """The fixture's four versions in a store, the active (v4) dataset and its briefing with progress."""
    monkeypatch = pytest.MonkeyPatch()
    store = fx.make_store(tmp_path_factory.mktemp("store"), monkeypatch)
    monkeypatch.undo()
    dataset = load_active_dataset(store)
    data = [
        VersionData(v.number, store.load(v.number, with_issues=False).records, v.uploaded_at, v.filename)
        for v in store.versions()
    ]
    timeline = track(data)
    view = progress_view(timeline, Filters(), ProgressSettings(stalled=StalledRule("versi", 3)), dataset.reference)
    briefing = build_briefing(dataset, Filters(), "id", progress=view, generated_at=WHEN)
    return briefing, briefing_html(briefing), briefing_pptx(briefing)


# ------------------------------------------------------------------------------------- HTML
class Page(HTMLParser):
    """Collects every start tag with its attributes, and the text of every script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(document: bytes) -> Page:
    page = Page()
    page.feed(document.decode("utf-8"))
    page.close()
    return page


CSP_HEADER = "content-security-policy"
URL_ATTRIBUTES = ("src", "href", "action", "data", "poster", "srcset", "formaction", "background", "cite")
EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:|ws:|wss:)", re.IGNORECASE)
TAG_WITH_URL = re.compile(
    r"<(script|link|img|iframe|source|embed|object|video|audio|image|use)\b[^>]*?\b(src|href|data|xlink:href)\s*=\s*"
    r"[\"']?\s*(https?:|//)",
    re.IGNORECASE,
)


def assert_self_contained(document: bytes) -> Page:
    """No element refers to anything outside the file; plotly.js is inline; a CSP forbids requests."""
    text = document.decode("utf-8")
    page = parse(document)
    for tag, attrs in page.tags:
        for name in URL_ATTRIBUTES:
            value = attrs.get(name)
            if value is not None:
                assert not EXTERNAL.match(value), (tag, name, value)
                assert value.startswith(("#", "data:")) or tag == "meta", (tag, name, value)
        style = attrs.get("style") or ""
        assert "url(" not in style or "url(data:" in style, (tag, style)
    # Anywhere in the text, not only in parsed tags: no tag carries an http(s) or protocol-relative URL.
    assert not TAG_WITH_URL.search(text)
    assert not any(tag == "link" for tag, _ in page.tags)
    assert all("src" not in attrs for tag, attrs in page.tags if tag == "script")
    metas = [
        a for t_, a in page.tags if t_ == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert metas and metas[0]["content"] == CSP and "default-src 'none'" in CSP
    bundles = [s for s in page.scripts if "plotly.js v" in s[:2000] or ("Plotly" in s[:200] and len(s) > 1_000_000)]
    assert len(bundles) == 1, "plotly.js embedded inline exactly once"
    return page


@pytest.mark.parametrize("name", list(FILTERS))
def test_html_has_every_chart_once_and_nothing_external(briefings, name):
    briefing, document, _ = briefings[name]
    page = assert_self_contained(document)
    divs = [a["id"] for t_, a in page.tags if t_ == "div" and "plotly-graph-div" in (a.get("class") or "")]
    assert sorted(divs) == sorted(f"chart-{c.key}" for c in briefing.charts)
    assert len(divs) == len(set(divs)) == 9  # every chart of the five dashboard pages (the sample has urusan)
    plots = [s for s in page.scripts if "Plotly.newPlot" in s and len(s) < 1_000_000]
    assert len(plots) == len(divs)
    text = " ".join(page.text)
    assert briefing.filter_text in text and "Dibuat 20 Januari 2025" in text
    assert "Data: contoh_inovasi_lebak.xlsx (data contoh sintetis" in text  # which data, on the report


def test_html_shows_the_kpis_and_tables(briefings, sample):
    _briefing, document, _ = briefings["stages"]
    text = " ".join(parse(document).text)
    records = apply_filters(sample, FILTERS["stages"])
    kpis = aggregate.kpis(records, sample.reference, sample.kecamatan_long)
    assert f"{fmt_int(kpis.loc['inovasi', 'nilai'])}" in text
    assert f"{int(kpis.loc['opd', 'nilai'])} dari 61" in text
    no_opd = opds_without_innovation(apply_filters(sample, FILTERS["stages"].without("opd")), sample.reference)
    for name in no_opd["opd"]:
        assert name in text
    assert all(section in text for section in ("Ringkasan", "OPD", "Tahapan 5D", "Kecamatan", "Daftar inovasi"))
    assert "Perkembangan" not in [t_ for t_, _ in parse(document).tags]  # no progress part: one version


def test_html_charts_carry_the_dashboards_figures(briefings):
    briefing, document, _ = briefings["opd_years"]
    text = document.decode("utf-8")
    for chart in briefing.charts:
        start = text.index(f'id="chart-{chart.key}"')
        script = text[start : text.index("</script>", start)]
        # The figure's title (the finding) travels in the figure JSON (plotly escapes <, > and /).
        first_line = chart.figure.layout.title.text.split("<br>")[0]
        encoded = first_line.replace("/", "\\u002f").replace("<", "\\u003c").replace(">", "\\u003e")
        assert encoded in script, chart.key


def test_user_text_never_becomes_markup():
    dataset = make_dataset()
    records = dataset.records.copy()
    records["opd"] = records["opd"].cat.rename_categories({"OPD Baru": EVIL})
    records["nama"] = records["nama"].astype(object)
    records.loc[0, "nama"] = EVIL
    dataset = replace(dataset, records=records, filename='<img src="http://evil.example/x.png">.xlsx', key="evil")
    briefing = build_briefing(dataset, Filters(opd=(EVIL, "Dinas A")), "id", generated_at=WHEN)
    document = briefing_html(briefing)
    page = assert_self_contained(document)
    tags = [t_ for t_, _ in page.tags]
    assert "img" not in tags and "b" not in tags and "a" not in [t_ for t_, a in page.tags if "href" not in a]
    # plotly's config line, plotly.js, one per chart: nothing injected.
    assert tags.count("script") == 2 + len(briefing.charts)
    assert page.scripts[0].strip() == "window.PlotlyConfig = {MathJaxConfig: 'local'};"
    text = document.decode("utf-8")
    assert "&lt;img src=x onerror=alert(2)&gt;" in text and "&lt;/script&gt;&lt;script&gt;" in text
    assert "<img" not in text and "onerror=alert(2)>" not in text.replace("\\u003e", ">").split("Plotly.newPlot")[0]
    visible = " ".join(page.text)
    assert EVIL in visible  # shown literally, as text
    # The deck keeps the text as plain text too (it is never markup there).
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    chart = shape(deck, "chart:leading").chart
    assert EVIL in list(chart.plots[0].categories)


# ------------------------------------------------------------------------------------- PowerPoint
def shape(deck, name: str):
    found = [s for slide in deck.slides for s in slide.shapes if s.name == name]
    assert len(found) == 1, (name, len(found))
    return found[0]


def slide_of(deck, name: str):
    for slide in deck.slides:
        if any(s.name == name for s in slide.shapes):
            return slide
    raise AssertionError(name)


def series_table(chart) -> pd.DataFrame:
    """Return a category chart's data as categories x series."""
    plot = chart.plots[0]
    return pd.DataFrame(
        {s.name: [int(v) for v in s.values] for s in plot.series}, index=[str(c) for c in plot.categories]
    )


def table_frame(deck, prefix: str) -> pd.DataFrame:
    """Return the native tables named `prefix:...` as one frame (header row as columns)."""
    parts = []
    for slide in deck.slides:
        for s in slide.shapes:
            if s.name.startswith(prefix + ":") and s.has_table:
                rows = [[cell.text for cell in row.cells] for row in s.table.rows]
                parts.append(pd.DataFrame(rows[1:], columns=rows[0]))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def view(dataset, filters: Filters, *dimensions: str) -> pd.DataFrame:
    if not any(getattr(filters, d) for d in dimensions):
        return apply_filters(dataset, filters)
    return apply_filters(dataset, filters.without(*dimensions))


@pytest.mark.parametrize("name", list(FILTERS))
def test_pptx_charts_hold_the_dashboards_counts(briefings, sample, name):
    _, _, data = briefings[name]
    filters = FILTERS[name]
    deck = Presentation(io.BytesIO(data))
    ref, long = sample.reference, sample.kecamatan_long

    funnel = stage_funnel(view(sample, filters, "tahapan"))
    for key in ("funnel", "stage_bars"):
        got = series_table(shape(deck, f"chart:{key}").chart)
        assert list(got.index) == list(STAGES)
        assert got.iloc[:, 0].tolist() == funnel["jumlah"].tolist(), key

    years_range = filter_options(sample.records, ref, long).years
    years = per_year_stage(view(sample, filters, "tahun"), years_range)
    got = series_table(shape(deck, "chart:years").chart)
    assert list(got.index) == [str(y) for y in years.index]
    assert got.to_numpy().tolist() == years[list(STAGES)].to_numpy().tolist()

    leading = leading_opds(view(sample, filters, "opd"), ref, n=10)
    got = series_table(shape(deck, "chart:leading").chart)
    assert list(got.index) == list(leading.index)
    assert got.to_numpy().tolist() == leading[list(STAGES)].to_numpy().tolist()

    matrix = opd_stage_matrix(view(sample, filters, "opd"), ref, sort="jumlah", by_kind=True)
    got = series_table(shape(deck, "chart:opd_bars").chart)
    assert list(got.index) == list(matrix.index) and len(got) == 61
    assert got.to_numpy().tolist() == matrix[list(STAGES)].to_numpy().tolist()

    heat = opd_stage_matrix(apply_filters(sample, filters), ref, include_zero=False, by_kind=True)
    got = table_frame(deck, "table:opd_heatmap")
    assert got.iloc[:, 0].tolist() == list(heat.index)
    assert got.iloc[:, 1:].astype(int).to_numpy().tolist() == heat[[*STAGES, "jumlah"]].to_numpy().tolist()

    kec = kecamatan_stage_matrix(view(sample, filters, "kecamatan"), ref, long)
    rows = kec[kec["baris"].isin(["kecamatan", "tidak_dikenal"])]
    got = series_table(shape(deck, "chart:kec_bars").chart)
    assert list(got.index) == list(rows.index)
    assert got.to_numpy().tolist() == rows[list(STAGES)].to_numpy().tolist()

    frame = kecamatan_map_frame(view(sample, filters, "kecamatan"), ref, long)
    frame = frame[frame["jumlah"] > 0]
    series = shape(deck, "chart:kec_map").chart.plots[0].series[0]
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    sizes = [float(v.text) for v in series._element.findall("./c:bubbleSize//c:v", ns)]
    lons = [float(v.text) for v in series._element.findall("./c:xVal//c:v", ns)]
    assert sizes == frame["jumlah"].astype(float).tolist()
    assert list(series.values) == pytest.approx(frame["lat"].tolist())
    assert lons == pytest.approx(frame["lon"].tolist())

    kpis = aggregate.kpis(apply_filters(sample, filters), ref, long)
    cards = [shape(deck, f"kpi:{i}").text_frame.text.split("\n") for i in range(4)]
    assert cards[0][1] == fmt_int(kpis.loc["inovasi", "nilai"])
    assert cards[1][1] == f"{int(kpis.loc['opd', 'nilai'])} dari 61"
    assert cards[2][1] == f"{int(kpis.loc['kecamatan', 'nilai'])} dari 28"


@pytest.mark.parametrize("name", ["none", "opd_years"])
def test_pptx_one_finding_per_slide_with_date_and_filter(briefings, name):
    briefing, _, data = briefings[name]
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    titles = [s.shapes.title.text for s in slides[1:]]
    # Titles state the findings the briefing lists (the dashboard's chart titles), in order.
    expected = briefing.findings()["temuan"].tolist()
    assert [t_ for t_ in titles if "(lanjutan" not in t_] == expected
    for key in ("funnel", "years", "leading", "opd_bars", "kec_bars"):
        assert slide_of(deck, f"chart:{key}").shapes.title.text == figure_title(briefing.chart(key).figure)
    for number, slide in enumerate(slides[1:], start=2):
        footer = next(s for s in slide.shapes if s.name == "footer").text_frame.text
        assert briefing.data_text in footer and briefing.filter_text in footer, number
        assert f"Slide {number} dari {len(slides)}" in footer
    cover = slides[0].placeholders[1].text_frame.text
    assert briefing.data_text in cover and filter_text(FILTERS[name]) in cover and "20 Januari 2025" in cover


def test_pptx_charts_are_native_never_pictures(briefings):
    _, _, data = briefings["none"]
    deck = Presentation(io.BytesIO(data))
    kinds = [s.shape_type for slide in deck.slides for s in slide.shapes]
    assert MSO_SHAPE_TYPE.PICTURE not in kinds
    charts = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert {s.name for s in charts} == {
        f"chart:{k}" for k in ("funnel", "stage_bars", "years", "leading", "opd_bars", "kec_map", "kec_bars", "urusan")
    }
    # Stage series carry the dashboard's stage colours.
    years = shape(deck, "chart:years").chart.plots[0]
    colours = {s.name: str(s.format.fill.fore_color.rgb) for s in years.series}
    assert colours == {
        "Drum-up": "E69F00",
        "Diagnose": "56B4E9",
        "Design": "CC79A7",
        "Delivery": "0072B2",
        "Display": "009E73",
    }


def test_pptx_dims_what_the_filter_leaves_out(briefings):
    _, _, data = briefings["stages"]
    deck = Presentation(io.BytesIO(data))
    plot = shape(deck, "chart:funnel").chart.plots[0]
    fills = [str(plot.series[0].points[i].format.fill.fore_color.rgb) for i in range(5)]
    assert fills[3:] == ["0072B2", "009E73"]  # Delivery and Display as on screen
    assert all(f not in ("E69F00", "56B4E9", "CC79A7") for f in fills[:3])  # the others paler


def test_empty_filter_result_still_makes_both_files(sample):
    briefing = build_briefing(sample, Filters(opd=("Sekretariat DPRD",)), "id", generated_at=WHEN)
    assert len(briefing.records) == 0
    page = assert_self_contained(briefing_html(briefing))
    assert len([a for t_, a in page.tags if "plotly-graph-div" in (a.get("class") or "")]) == 9
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    assert len(deck.slides) >= 4


def test_english_briefing(sample):
    briefing = build_briefing(sample, Filters(tahapan=("Design",)), "en", generated_at=WHEN)
    text = " ".join(parse(briefing_html(briefing)).text)
    assert "Regional Innovation Briefing" in text and "Filters: 5D stage: Design" in text
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    assert "Slide 2 of" in next(s for s in deck.slides[1].shapes if s.name == "footer").text_frame.text


def test_long_lists_are_cut_with_a_note(sample, monkeypatch):
    import lebak_dash.exports.briefing.content as module

    monkeypatch.setattr(module, "LIST_LIMIT", 50)
    briefing = build_briefing(sample, Filters(), "id", generated_at=WHEN)
    table = next(tb for tb in briefing.tables if tb.key == "list")
    assert len(table.frame) == 50 and "Ditampilkan 50 dari 480" in table.note


# ------------------------------------------------------------------------------------- progress
def test_progress_part_in_html(progress_case):
    briefing, document, _ = progress_case
    page = assert_self_contained(document)
    divs = [a["id"] for t_, a in page.tags if "plotly-graph-div" in (a.get("class") or "")]
    assert {"chart-prog_versions", "chart-prog_sankey", "chart-prog_opd", "chart-prog_stalled"} <= set(divs)
    assert len(divs) == 12
    text = " ".join(page.text)
    assert "Data: inovasi_v4.csv · versi 4 · diunggah 10 Januari 2025 10.00 WIB" in text
    assert "Sekolah Digital" in text  # the stalled list (K2: Diagnose in every version)
    assert briefing.chart("prog_sankey").title == "1 inovasi naik tahap dari v3 ke v4; 0 turun"


def test_progress_part_in_pptx_holds_the_known_movements(progress_case):
    _briefing, _, data = progress_case
    deck = Presentation(io.BytesIO(data))
    versions = series_table(shape(deck, "chart:prog_versions").chart)
    assert versions.to_numpy().tolist() == [[1, 1, 2, 1, 0], [1, 2, 2, 1, 0], [1, 1, 1, 1, 1], [1, 2, 2, 1, 1]]
    assert next(iter(versions.index)) == "v1 (10 Januari 2024)"
    # The Sankey's native counterpart: rows = stage in v3 (and new), series = stage in v4.
    moves = series_table(shape(deck, "chart:prog_sankey").chart)
    assert list(moves.index) == ["Drum-up", "Diagnose", "Design", "Delivery", "Display", "Baru"]
    expected = {
        ("Drum-up", "Diagnose"): 1,  # K6
        ("Diagnose", "Diagnose"): 1,  # K2
        ("Design", "Design"): 1,  # K1
        ("Delivery", "Delivery"): 1,  # K4
        ("Display", "Display"): 1,  # K3
        ("Baru", "Drum-up"): 1,  # K7
        ("Baru", "Design"): 1,  # K5, back after missing from v3
    }
    got = {(r, c): int(v) for r in moves.index for c in moves.columns if (v := moves.loc[r, c])}
    assert got == expected
    per_opd = series_table(shape(deck, "chart:prog_opd").chart)
    assert per_opd.to_dict("index") == {fx.DS: {"Naik tahap": 1, "Turun tahap": 0}}
    stalled = series_table(shape(deck, "chart:prog_stalled").chart)
    assert stalled.loc[fx.DP, "Diagnose"] == 1 and int(stalled.to_numpy().sum()) == 1
    listing = table_frame(deck, "table:prog_stalled_list")
    assert listing["Nama Inovasi"].tolist() == ["Sekolah Digital"]
    assert slide_of(deck, "chart:prog_sankey").shapes.title.text == "1 inovasi naik tahap dari v3 ke v4; 0 turun"


def test_findings_order_matches_the_deck(progress_case):
    briefing, _, data = progress_case
    deck = Presentation(io.BytesIO(data))
    titles = [s.shapes.title.text for s in list(deck.slides)[1:]]
    stalled_list = [tb.title for tb in briefing.tables if tb.key == "prog_stalled_list"]
    shown = [t_ for t_ in titles if t_ not in stalled_list and "(lanjutan" not in t_]
    assert shown == briefing.findings()["temuan"].tolist()
    assert "58 dari 61 OPD belum berinovasi (lanjutan 2/2)" in titles  # long tables continue on a second slide
    keys = [k for k in SLIDE_ORDER if k.startswith("prog_")]
    assert keys == ["prog_versions", "prog_sankey", "prog_opd", "prog_stalled"]
    assert KABUPATEN_WIDE not in titles


def test_chart_workbooks_hold_no_formula_or_link():
    """The data behind each native chart ("Edit Data" in PowerPoint) keeps user text as text."""
    import openpyxl
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    formula, link = '=HYPERLINK("http://evil.example","klik")', "http://evil.example/b"
    dataset = make_dataset()
    records = dataset.records.copy()
    records["opd"] = records["opd"].cat.rename_categories({"OPD Baru": formula, "Badan B": link})
    briefing = build_briefing(replace(dataset, records=records, key="formula"), Filters(), "id", generated_at=WHEN)
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))

    def cells(chart):
        sheet = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)).active
        return [c for row in sheet.iter_rows() for c in row if c.value is not None]

    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 8
    leading = cells(shape(deck, "chart:leading").chart)
    assert {formula, link} <= {c.value for c in leading}
    for chart in charts:
        for cell in cells(chart):
            assert cell.data_type in ("s", "n") and cell.hyperlink is None, (cell.coordinate, cell.value)
    # Control: python-pptx's default writer would have made the name a live formula.
    plain_deck = Presentation()
    data = CategoryChartData()
    data.categories = [formula]
    data.add_series("x", [1])
    frame = plain_deck.slides.add_slide(plain_deck.slide_layouts[6]).shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, 100, 100, data
    )
    assert "f" in {c.data_type for c in cells(frame.chart)}
