"""Issue 11 in a real browser: an editor uploads an IID export (written here), reads in the report its
IID stages and urusan, applies it, and the store holds the IID stages. (The lead adds the dashboard's
IID charts to this journey once the dashboard side is merged.) Screenshots in test-artifacts/."""

from __future__ import annotations

import pytest

from ..helpers import xlsx_bytes
from ..test_iid_import import iid_table
from .conftest import assert_no_exception, screenshot, wait_for_app
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
