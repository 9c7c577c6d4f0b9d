"""One view layer, three outputs: for the same data and filters, the dashboard pages (AppTest), the
briefing (its HTML and PowerPoint files) and the presentation's slides show the same numbers (the
KPI cards, the innovations per stage, per OPD and per kecamatan), the same filter description and
the same upload time.

The data: the sample workbook stored as one version, uploaded at 20.05 UTC, which is the next day
in Lebak (WIB), so a time shown in another zone would show a different date too; and an IID-shaped
dataset (IID's three stages, innovations with no OPD or stage, urusan: :mod:`tests.iid_fixture`),
whose stages, OPDs, urusan and gaps the three outputs count alike too.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
from urllib.parse import parse_qs

import numpy as np
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.query import filters_to_query
from lebak_dash.config import SAMPLE_WORKBOOK
from lebak_dash.exports.briefing.content import build_briefing
from lebak_dash.exports.briefing.html import briefing_html
from lebak_dash.exports.briefing.pptx import briefing_pptx
from lebak_dash.i18n.formatting import fmt_datetime
from lebak_dash.records.schema import STAGES
from lebak_dash.ui.router import page_file
from lebak_dash.views.dataset import load_active_dataset
from lebak_dash.views.presentation_state import SlideRef
from lebak_dash.views.selection import select
from lebak_dash.views.slides import build_slide, data_label, scope_label

from .conftest import ROOT

APP = str(ROOT / "app.py")
UPLOADED = dt.datetime(2025, 11, 28, 20, 5, tzinfo=dt.UTC)
#: How every view must say it (WIB); the UTC date and time must appear nowhere.
UPLOAD_TEXT = "29 November 2025 03.05 WIB"
CASES = {
    "none": Filters(),
    "one_opd": Filters(opd=("Dinas Kesehatan",)),
    "kecamatan": Filters(kecamatan=("Maja",)),
    "kecamatan_own": Filters(kecamatan=("Maja",), kabupaten_wide=False),
    "years": Filters(tahun=(2019, 2021)),
    "one_stage": Filters(tahapan=("Delivery",)),  # the funnel ignores its own filter and dims
}
PAGES = {key: page_file(key) for key in ("ringkasan", "opd", "kecamatan")}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    """A store holding the sample workbook as version 1, uploaded at :data:`UPLOADED`."""
    import lebak_dash.store.catalog as store_catalog
    from lebak_dash.store import Store

    folder = tmp_path_factory.mktemp("views_store")
    patch = pytest.MonkeyPatch()
    patch.setattr(store_catalog, "utc_now", lambda: UPLOADED)
    store = Store.open(folder)
    candidate = store.check(SAMPLE_WORKBOOK.read_bytes(), "contoh_inovasi_lebak.xlsx", isolated=False)
    store.add_version(candidate, by="uji")
    patch.undo()
    return folder


@pytest.fixture(scope="module")
def dataset(store_dir):
    from lebak_dash.store import Store

    return load_active_dataset(Store.open(store_dir))


@pytest.fixture
def app(store_dir, monkeypatch, clear_streamlit_caches):
    monkeypatch.setenv("LEBAK_DATA_DIR", str(store_dir))

    def run(page: str, query: dict[str, str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params.update(query)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


# ------------------------------------------------------------------------------------- readers
def shown(markdown: str) -> str:
    """Return Markdown as it reads on screen (escapes and invisible word joiners removed)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def numbers(*texts: str | None) -> list[int]:
    """Return the numbers written in `texts`, in order (``1.234`` is 1234, ``57%`` is 57)."""
    found = re.findall(r"\d+(?:[.,]\d{3})*", " ".join(t for t in texts if t))
    return [int(re.sub(r"[.,]", "", n)) for n in found]


def _array(value: object) -> list:
    """Return a plotly JSON array (plain, or numpy's base64 form of plotly 7) as a list."""
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return data.reshape(value["shape"]).tolist() if "shape" in value else data.tolist()
    return list(value) if value is not None else []


def stage_counts(spec: dict) -> dict[str, int]:
    """Return the innovations per stage of a funnel figure (its raw stage names in customdata)."""
    funnel = next(trace for trace in spec["data"] if trace["type"] == "funnel")
    return {row[0]: int(x) for row, x in zip(_array(funnel["customdata"]), _array(funnel["x"]), strict=True)}


def totals(spec: dict) -> dict[str, int]:
    """Return the total per category of a stacked stage figure (its total labels' trace)."""
    trace = next(t for t in spec["data"] if t.get("mode") == "text")
    names = [row[0] for row in _array(trace["customdata"])]
    # Horizontal bars carry the totals on x, upright ones on y.
    values = _array(trace["y"]) if all(isinstance(v, str) for v in _array(trace["x"])) else _array(trace["x"])
    return {str(n): int(v) for n, v in zip(names, values, strict=True)}


def figure_spec(figure) -> dict:
    return json.loads(figure.to_json())


def app_charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def pptx_chart(deck, name: str) -> dict[str, int]:
    """Return a native chart's categories with the sum of their series."""
    shape = next(s for slide in deck.slides for s in slide.shapes if s.name == name)
    plot = shape.chart.plots[0]
    sums = np.sum([list(series.values) for series in plot.series], axis=0)
    return {str(c): int(v) for c, v in zip(plot.categories, sums, strict=True)}


def same_kpis(ringkasan: AppTest, deck, html: str, kpi_slide, case: str) -> list[list[int]]:
    """Assert that the page, the PPTX, the HTML briefing and the slide show the four KPI cards' numbers
    alike, in the same order; return the page's."""
    page_kpis = [numbers(m.value, m.proto.delta) for m in ringkasan.metric]
    deck_kpis = [numbers(*s.text_frame.text.split("\n")[1:]) for i in range(4) for s in _named(deck, f"kpi:{i}")]
    html_kpis = [numbers(v, d) for v, d in re.findall(r'class="value">([^<]*)</div><div class="detail">([^<]*)<', html)]
    slide_kpis = [numbers(k.value, k.detail) for k in kpi_slide.kpis]
    assert len(page_kpis) == 4 and page_kpis == deck_kpis == html_kpis == slide_kpis, case
    return page_kpis


# ------------------------------------------------------------------------------------- the test
@pytest.mark.parametrize("case", list(CASES))
def test_pages_briefing_and_slides_show_the_same_numbers(app, dataset, case):
    filters = CASES[case]
    query = filters_to_query(filters)
    ringkasan, opd, kecamatan = (app(PAGES[p], query) for p in ("ringkasan", "opd", "kecamatan"))
    briefing = build_briefing(dataset, filters, "id")
    html = briefing_html(briefing).decode("utf-8")
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    selection = select(dataset, filters)

    def slide(kind: str):
        return build_slide(SlideRef(kind), selection, "id")

    # The KPI cards: the same numbers in the same order (the big screen splits "38 dari 61").
    page_kpis = same_kpis(ringkasan, deck, html, slide("kpi"), case)
    assert page_kpis[0][0] == len(selection.records)

    # Innovations per stage: the funnel on the page, in the deck, on its slide and the KPI slide's bar.
    page_stages = stage_counts(app_charts(ringkasan)[0])
    deck_stages = dict(zip(STAGES, pptx_chart(deck, "chart:funnel").values(), strict=True))
    slide_stages = stage_counts(figure_spec(slide("tahapan").figures[0]))
    kpi_bar = {s.stage: s.count for s in slide("kpi").stages}
    assert page_stages == deck_stages == slide_stages == kpi_bar, case

    # Innovations per OPD: the leading OPDs (the big screen shows the first 8) and every OPD.
    page_leading = totals(app_charts(ringkasan)[2])
    assert pptx_chart(deck, "chart:leading") == page_leading, case
    slide_leading = totals(figure_spec(slide("opd").figures[0]))
    assert list(slide_leading.items()) == list(page_leading.items())[: len(slide_leading)], case
    page_opd = totals(app_charts(opd)[0])
    assert len(page_opd) == 61 and pptx_chart(deck, "chart:opd_bars") == page_opd, case

    # Innovations per kecamatan, and the kabupaten-wide and not-stated counts apart.
    page_kecamatan = totals(app_charts(kecamatan)[1])
    assert pptx_chart(deck, "chart:kec_bars") == page_kecamatan, case
    assert totals(figure_spec(slide("kecamatan").figures[0])) == page_kecamatan, case
    page_apart = [numbers(m.value) for m in kecamatan.metric]
    assert [numbers(k.value) for k in slide("peta").kpis] == page_apart, case

    # The same words for the filters and the same upload time everywhere.
    described = scope_label(filters, "id")
    captions = shown(" ".join(c.value for c in ringkasan.caption))
    if not filters.is_empty:
        assert f"Filter aktif: {described}" in captions and f"Filter: {described}" in briefing.filter_text
    assert UPLOAD_TEXT in captions and UPLOAD_TEXT in briefing.data_text
    slide_data = data_label(is_sample=False, version=dataset.version, uploaded_at=dataset.uploaded_at, lang="id")
    assert UPLOAD_TEXT in slide_data


def _named(deck, name: str) -> list:
    return [s for slide in deck.slides for s in slide.shapes if s.name == name]


def test_one_upload_time_in_the_pages_briefing_and_presentation(app, dataset):
    """The upload time in the pages' data caption, the briefing's HTML and PowerPoint files and the
    presentation's data line: one string, in Lebak's time."""
    assert dataset.uploaded_at == UPLOADED and fmt_datetime(UPLOADED, "id") == UPLOAD_TEXT
    utc_text = "28 November 2025 20.05"

    page = app(PAGES["ringkasan"], {})
    captions = shown(" ".join(c.value for c in page.caption))
    assert f"diunggah {UPLOAD_TEXT}" in captions and utc_text not in captions

    briefing = build_briefing(dataset, Filters(), "id")
    html = briefing_html(briefing).decode("utf-8")
    assert f"diunggah {UPLOAD_TEXT}" in html and utc_text not in html
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    footers = [s.text_frame.text for s in _named(deck, "footer")]
    assert footers and all(f"diunggah {UPLOAD_TEXT}" in f for f in footers)
    assert UPLOAD_TEXT in deck.slides[0].placeholders[1].text_frame.text

    presentation = app(page_file("presentasi"), {"slide": "1", "jeda": "1"})
    header = " ".join(el.proto.body for el in presentation.get("html"))
    assert f'<span class="p-data">Data per {UPLOAD_TEXT} · versi 1</span>' in header
    assert utc_text not in header


# ------------------------------------------------------------------------ an IID-shaped dataset
IID_CASES = {
    "none": Filters(),
    "one_stage": Filters(tahapan=("Penerapan",)),
    "no_opd": Filters(opd=("OPD belum diisi",)),
    "urusan": Filters(urusan=("Kesehatan",)),
}


@pytest.fixture
def iid_app(monkeypatch, clear_streamlit_caches):
    """The pages and the presentation on the IID-shaped fixture (what the importer will return)."""
    import lebak_dash.ui.page as page_module
    import lebak_dash.ui.presentation as presentation_module

    from .iid_fixture import iid_dataset

    data = iid_dataset()
    monkeypatch.setattr(page_module, "get_dataset", lambda: data)
    monkeypatch.setattr(presentation_module, "get_dataset", lambda: data)

    def run(page: str, query: dict[str, str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params.update(query)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run, data


def _chart_named(at: AppTest, name: str) -> dict:
    found = [c for c in at.get("plotly_chart") if re.search(rf"-chart_{name}_\d+$", c.proto.id)]
    assert len(found) == 1, name
    return json.loads(found[0].proto.spec)


def _pptx_table(deck, key: str) -> list[list[str]]:
    shapes = [s for slide in deck.slides for s in slide.shapes if s.name.startswith(f"table:{key}:")]
    rows = [[cell.text for cell in row.cells] for shape in shapes for row in list(shape.table.rows)[1:]]
    return rows


@pytest.mark.parametrize("case", list(IID_CASES))
def test_iid_pages_briefing_and_slides_show_the_same_numbers(iid_app, case):
    run, data = iid_app
    filters = IID_CASES[case]
    query = filters_to_query(filters)
    ringkasan, opd = run(PAGES["ringkasan"], query), run(PAGES["opd"], query)
    briefing = build_briefing(data, filters, "id")
    html = briefing_html(briefing).decode("utf-8")
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    selection = select(data, filters)

    def slide(kind: str):
        return build_slide(SlideRef(kind), selection, "id")

    # The KPI cards, the fourth named after IID's stages.
    same_kpis(ringkasan, deck, html, slide("kpi"), case)
    assert [m.label for m in ringkasan.metric][-1] == "Sampai Penerapan" == slide("kpi").kpis[-1].label

    # Innovations per IID stage (and with none): the page's funnel, the deck's, the slide's, the KPI bar.
    page_stages = stage_counts(_chart_named(ringkasan, "funnel_iid"))
    assert pptx_chart(deck, "chart:funnel_iid") == page_stages, case  # Indonesian labels are the raw names
    assert stage_counts(figure_spec(slide("tahapan").figures[0])) == page_stages, case
    kpi_bar = {s.stage: s.count for s in slide("kpi").stages}
    assert {k: v for k, v in kpi_bar.items() if k in page_stages} == page_stages, case

    # Innovations per OPD, the no-OPD bar included.
    page_leading = totals(_chart_named(ringkasan, "leading"))
    assert pptx_chart(deck, "chart:leading") == page_leading, case
    slide_leading = totals(figure_spec(slide("opd").figures[0]))
    assert slide_leading == page_leading, case  # fewer than 8 OPDs: the big screen shows them all
    page_opd = totals(_chart_named(opd, "opd_bars"))
    assert pptx_chart(deck, "chart:opd_bars") == page_opd, case

    # Innovations per urusan.
    urusan = _chart_named(ringkasan, "urusan")["data"][0]
    page_urusan = {r[0]: int(x) for r, x in zip(_array(urusan["customdata"]), _array(urusan["x"]), strict=True)}
    assert pptx_chart(deck, "chart:urusan") == page_urusan, case

    # What is missing: the page's links, the deck's table and the report's table.
    page_gaps = [int(link.proto.label.split()[1]) if link else 0 for link in _gap_links(ringkasan)]
    assert len(page_gaps) == 4 and sum(page_gaps) > 0, case
    deck_gaps = [int(row[1]) for row in _pptx_table(deck, "completeness")]
    report = html.split("Kelengkapan data", 1)[1].split("</table>", 1)[0]
    html_gaps = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', report)]
    assert page_gaps == deck_gaps == html_gaps, case


#: The URL value of each gap of the completeness panel, in the panel's order.
GAP_PARAMS = (
    ("opd", "OPD belum diisi"),
    ("tahap", "Tahap belum diisi"),
    ("kec", "Tidak disebut"),
    ("tahun", "Tahun belum diisi"),
)


def _gap_links(at: AppTest) -> list:
    """Return the completeness panel's link of each gap (None where nothing is missing), in order."""
    links = [(parse_qs(link.proto.query_string), link) for link in at.get("page_link")]
    return [next((lk for q, lk in links if value in q.get(param, [])), None) for param, value in GAP_PARAMS]
