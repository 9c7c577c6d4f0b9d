"""Issue 11 in a real browser: an editor uploads an IID export (written here), reads in the report its
IID stages and urusan, applies it, and the dashboard draws them: the IID stage chart and the urusan
chart on Ringkasan, with the file's counts. Screenshots in test-artifacts/."""

from __future__ import annotations

import pytest

from ..helpers import xlsx_bytes
from ..test_iid_import import iid_table
from .conftest import LOAD_TIMEOUT_MS, assert_no_exception, screenshot, wait_for_app, wait_for_charts
from .test_data_browser import data_server, go, log_in, upload_file, wait_text  # noqa: F401

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def grid_rows(page, header: str) -> list[list[str]]:
    """Return the rows of the table whose header row names `header` (its accessibility grid)."""
    frames = page.locator('[data-testid="stDataFrame"]').filter(has_text=header)
    frame = frames.first
    frame.scroll_into_view_if_needed()
    frame.locator('table[role="grid"]').wait_for(state="attached")
    return [
        [cell.strip() for cell in row.locator('[role="gridcell"]').all_inner_texts()]
        for row in frame.locator('table[role="grid"] tbody tr').all()
    ]


def chart_labels(page) -> list[dict[str, list[str]]]:
    """Return each drawn chart's category labels (y ticks of horizontal bars) and bar texts."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => ({
            ticks: [...chart.querySelectorAll('.ytick text')].map(t => t.textContent || ''),
            texts: [...chart.querySelectorAll('text.bartext, .textpoint text')].map(t => t.textContent || ''),
        }))"""
    )


def test_an_editor_uploads_the_iid_export_and_sees_its_stages_and_urusan(data_server, app_page):  # noqa: F811
    page = app_page
    page.goto(data_server.page_url("unggah"))
    wait_for_app(page)
    log_in(page)
    upload_file(page, "ekspor_iid.xlsx", xlsx_bytes({"Data": iid_table()}), XLSX)
    wait_text(page, "Berkas dapat diterapkan: 4 inovasi terbaca dari lembar Data.")
    wait_text(page, "Isi berkas")
    assert grid_rows(page, "Tahapan IID") == [["Inisiatif", "1"], ["Uji Coba", "1"], ["Penerapan", "2"]]
    assert grid_rows(page, "Urusan") == [["kesehatan", "2"], ["lingkungan hidup", "1"], ["pendidikan", "1"]]
    assert_no_exception(page)
    screenshot(page, "iid_01_laporan")
    page.get_by_role("button", name="Terapkan sebagai versi baru").click()
    wait_text(page, "Versi 1 diterapkan: 4 inovasi.")
    wait_for_app(page)
    records = data_server.store.load(1, with_issues=False).records
    assert records["tahapan_iid"].astype(str).tolist() == ["Penerapan", "Uji Coba", "Inisiatif", "Penerapan"]
    assert records["urusan"].astype(str).tolist()[:2] == ["kesehatan", "kesehatan"]
    screenshot(page, "iid_02_diterapkan")
    # The dashboard follows the data: IID's three stages, and the urusan, each with the file's counts.
    page.goto(data_server.page_url("ringkasan"))
    wait_for_app(page)
    wait_for_charts(page, 3)
    page.wait_for_function(  # the bar texts come after the axes: wait for the stage chart's three
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].some(chart =>
            [...chart.querySelectorAll('.ytick text')].some(t => t.textContent === 'Inisiatif')
            && chart.querySelectorAll('text.bartext').length >= 3)""",
        timeout=LOAD_TIMEOUT_MS,
    )
    charts = chart_labels(page)
    stages = [c for c in charts if {"Inisiatif", "Uji Coba", "Penerapan"} <= set(c["ticks"])]
    assert len(stages) == 1, charts
    assert sorted(t.split(" ")[0] for t in stages[0]["texts"]) == ["1", "1", "2"], stages
    urusan = [c for c in charts if "kesehatan" in c["ticks"]]
    assert len(urusan) == 1, charts
    assert set(urusan[0]["ticks"]) == {"kesehatan", "lingkungan hidup", "pendidikan"}, urusan
    assert_no_exception(page)
    screenshot(page, "iid_03_ringkasan")
