"""The Data section in a real browser against a fresh server whose editor was made with the CLI:
log in, upload a workbook through the file input, read the report (a rejected row's sheet, row and
column), apply with a double click (one version), see the dashboard show it, another person's
browser sees it on its next interaction (no restart), download an original, undo with a
confirmation. Screenshots in test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from lebak_dash.store import Store

from ..conftest import FIXTURES
from ..store_helpers import run_cli, workbook_csv
from .conftest import (
    LOAD_TIMEOUT_MS,
    assert_no_exception,
    external_requests,
    go_by_menu,
    menu_links,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "siti", "kata-sandi-rahasia-1"


@pytest.fixture
def data_server(start_server, tmp_path_factory):
    """A fresh server on an empty data folder where an editor was created with the command line."""
    folder = tmp_path_factory.mktemp("lebak-data-ui")
    done = run_cli(folder, "add-editor", EDITOR, "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    server = start_server(data_dir=folder)
    server.store = Store.open(folder)  # type: ignore[attr-defined]
    return server


def new_person(browser: Browser) -> Page:
    """Another person: a browser context of its own (own cookies, own Streamlit session)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(LOAD_TIMEOUT_MS)
    return page


def wait_text(page: Page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(state="visible")


def log_in(page: Page) -> None:
    page.get_by_label("Nama editor").fill(EDITOR)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_text(page, "Berhasil masuk sebagai siti.")
    wait_for_app(page)


def upload_file(page: Page, name: str, data: bytes, mime: str) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    wait_text(page, "Pemeriksaan selesai")
    wait_for_app(page)


def go(page: Page, link: str, title: str, section: str = "Data") -> None:
    """Move with the menu and wait until the page titled `title` is shown (not the previous one)."""
    go_by_menu(page, link, section)
    page.wait_for_function("t => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText === t", arg=title)
    wait_for_app(page)


def test_upload_apply_see_it_everywhere_and_undo(data_server, app_page, browser):
    store = data_server.store
    page = app_page
    page.goto(data_server.page_url(""))
    wait_for_app(page)
    assert menu_links(page, "Data") == ["Unggah Data", "Riwayat", "Templat", "Referensi", "Panduan Data"]
    go(page, "Unggah Data", "Unggah data inovasi")
    assert page.locator('[data-testid="stFileUploader"]').count() == 0  # a viewer gets the login form
    screenshot(page, "data_01_login")
    log_in(page)

    # Another person, watching the dashboard (the sample, for now).
    other = new_person(browser)
    other.goto(data_server.page_url("opd"))
    wait_for_app(other)
    wait_text(other, "Data contoh")

    # Upload: the importer's report, with a rejected row's sheet, Excel row and column.
    upload_file(page, "bappeda_2019.xlsx", (FIXTURES / "bappeda_2019.xlsx").read_bytes(), "application/octet-stream")
    wait_text(page, "Berkas dapat diterapkan: 13 inovasi terbaca dari lembar Data 2019, Data 2020.")
    errors = page.locator('[data-testid="stDataFrame"]').filter(has_text="Alasan").first
    errors.scroll_into_view_if_needed()
    # The grid draws on a canvas; its accessibility table (role=grid) carries the cells as text.
    errors.locator('table[role="grid"]').wait_for(state="attached")
    rows = [
        [cell.strip() for cell in row.locator('[role="gridcell"]').all_inner_texts()]
        for row in errors.locator('table[role="grid"] tbody tr').all()
    ]
    assert ["Data 2019", "10", "C · Nama Inovasi:", "Kolom wajib 'Nama Inovasi' kosong; baris tidak diimpor."] in rows
    assert ["Data 2020", "5", "I · ID Inovasi"] in [r[:3] for r in rows]
    wait_text(page, "OPD yang tidak ada di daftar (1)")
    wait_text(page, "Yang akan berubah")
    assert_no_exception(page)
    screenshot(page, "data_02_laporan_dan_perubahan")

    # Apply with a double click: one version.
    page.get_by_label("Catatan untuk riwayat").fill("Laporan triwulan III")
    page.get_by_label("Catatan untuk riwayat").press("Tab")
    page.get_by_role("button", name="Terapkan sebagai versi baru").dblclick()
    wait_text(page, "Versi 1 diterapkan: 13 inovasi.")
    wait_for_app(page)
    assert [(v.number, v.note) for v in store.versions()] == [(1, "Laporan triwulan III")]
    screenshot(page, "data_03_diterapkan")
    page.get_by_role("link", name="Lihat di dasbor").click()
    wait_for_app(page)
    wait_text(page, "versi 1")
    assert "Data contoh" not in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "data_04_dasbor_versi_1")

    # The other person: the new version on their next interaction, no restart.
    go(other, "Kecamatan", "Inovasi per kecamatan", "Dasbor")
    wait_text(other, "bappeda_2019.xlsx · versi 1")
    assert "Data contoh" not in other.locator('[data-testid="stMain"]').inner_text()
    screenshot(other, "data_05_orang_lain_versi_1")

    # A second upload, then undo it in Riwayat with a confirmation.
    go(page, "Unggah Data", "Unggah data inovasi")
    upload_file(page, "tambahan.csv", workbook_csv("browser", extra=2), "text/csv")
    wait_text(page, "Dibanding data aktif sekarang (versi 1).")
    page.get_by_role("button", name="Terapkan sebagai versi baru").click()
    wait_text(page, "Versi 2 diterapkan")
    go(other, "OPD", "Inovasi per OPD", "Dasbor")
    wait_text(other, "tambahan.csv · versi 2")

    go(page, "Riwayat", "Riwayat versi data")
    wait_text(page, "Semua versi (2)")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh berkas asli versi 2").click()
    assert download.value.suggested_filename == "tambahan.csv"
    assert download.value.path().read_bytes() == workbook_csv("browser", extra=2)
    page.get_by_role("button", name="Aktifkan versi 1 ...").click()
    wait_text(page, "Lanjutkan?")
    screenshot(page, "data_06_konfirmasi_batalkan")
    assert store.active_state().version == 2
    page.get_by_role("button", name="Ya, aktifkan versi 1").click()
    wait_text(page, "Versi 1 sekarang aktif")
    wait_for_app(page)
    assert store.active_state().version == 1
    assert [e.action for e in store.audit(limit=1)] == ["rollback"]
    screenshot(page, "data_07_riwayat_setelah_batal")
    go(other, "Ringkasan", "Ringkasan inovasi daerah", "Dasbor")
    wait_text(other, "bappeda_2019.xlsx · versi 1")
    assert_no_exception(other)
    assert external_requests(page) == []
    other.context.close()


def test_wrong_password_and_the_guide_for_viewers(data_server, app_page):
    page = app_page
    page.goto(data_server.page_url("unggah"))
    wait_for_app(page)
    page.get_by_label("Nama editor").fill(EDITOR)
    page.get_by_label("Kata sandi", exact=True).fill("bukan-kata-sandinya")
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_text(page, "Nama atau kata sandi salah.")
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    go(page, "Panduan Data", "Panduan data: aturan berkas yang diterima")
    wait_text(page, "Kolom yang dikenali")
    guide_table = page.locator('[data-testid="stTable"]').first
    guide_table.wait_for()
    assert "Tahapan 5D" in guide_table.inner_text() and "3. Design" in guide_table.inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh templat (.xlsx)").click()
    assert download.value.suggested_filename == "templat_inovasi_lebak.xlsx"
    assert download.value.path().read_bytes()[:2] == b"PK"
    assert_no_exception(page)
    screenshot(page, "data_08_panduan")
