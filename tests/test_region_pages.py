"""AppTest of Referensi's region part: an editor sets the region and uploads a kecamatan list; the pages follow.

A viewer sees the region and the list, never the form; a list without centroids leaves the
Kecamatan page with its bars and a sentence saying how to add a map.
"""

from __future__ import annotations

import pytest

from lebak_dash.config import use_region_timezone
from lebak_dash.i18n import use_region
from lebak_dash.records.region import default_region, make_region
from lebak_dash.ui.router import page_file

from . import test_data_pages as data_pages
from .test_data_pages import PAGES as DATA_PAGES
from .test_data_pages import assert_ok, deferred_download, login, open_page, texts

# The Data pages' fixtures: an empty store of the app's own, an editor, downloads kept for reading.
store, editor, _record_deferred_downloads = data_pages.store, data_pages.editor, data_pages._record_deferred_downloads

KECAMATAN = b"id_kecamatan,nama_kecamatan\n320101,Cibinong\n320102,Gunung Putri\n320103,Citeureup\n"


@pytest.fixture(autouse=True)
def _shipped_region_after():
    yield
    region = default_region()
    use_region(region.full_name, region.kind)
    use_region_timezone(None)


def test_a_viewer_sees_the_region_and_no_form(store):
    at = open_page("referensi")
    assert any(
        "Kabupaten Lebak, kode Kemendagri 36.02, zona waktu Asia/Jakarta; 28 kecamatan" in c
        for c in texts(at, "caption")
    )
    assert "region_set" not in [b.key for b in at.button] and not [
        u for u in at.file_uploader if u.key.startswith("kec_")
    ]
    name, data = deferred_download(at, "ref_dl_kecamatan")  # the active list, as CSV
    assert name == "daftar_kecamatan.csv" and data.startswith(b"kode,nama,alias,lat,lon,luas_km2\n36.02.01,Malingping")


def test_an_editor_sets_the_region_and_a_kecamatan_list_and_the_pages_follow(editor, store):
    at = login(open_page("referensi"))
    at.text_input(key="region_name").input("Bogor")
    at.text_input(key="region_code").input("32.01")
    at.button(key="region_set").click().run()
    assert_ok(at)
    assert "Daerah sekarang Kabupaten Bogor. Judul, teks dan berkas ekspor mengikutinya." in texts(at, "success")
    assert store.region() == make_region("Kabupaten", "Bogor", "32.01")

    key = next(u.key for u in at.file_uploader if u.key.startswith("kec_file_"))
    at.file_uploader(key=key).upload("kecamatan_bogor.csv", KECAMATAN, "text/csv").run()
    assert_ok(at)
    assert any("3 kecamatan (3 baru, 28 tidak ada lagi)" in s for s in texts(at, "success"))
    assert any("tanpa titik tengah" in s for s in texts(at, "info"))
    at.button(key="kec_apply").click().run()
    assert_ok(at)
    assert any(s.startswith("Daftar kecamatan versi 1 sekarang aktif (3 kecamatan).") for s in texts(at, "success"))
    assert [v.kecamatan_count for v in store.kecamatan_versions()] == [3]
    assert [e.action for e in store.audit(2)] == ["kecamatan_upload", "region_set"]
    listed = deferred_download(at, "ref_dl_kecamatan")[1]
    assert listed.startswith(b"kode,nama,alias,lat,lon,luas_km2\n320101,Cibinong,,,,\n")

    at.switch_page(page_file("kecamatan")).run()
    assert_ok(at)
    (hint,) = [i.value for i in at.info if "Peta kecamatan belum tersedia" in i.value]
    assert "daftar kecamatan Kabupaten Bogor belum memuat titik tengah" in hint
    charts = [c.proto.id for c in at.get("plotly_chart")]
    assert not any("kec_map" in c for c in charts) and any("kec_bars" in c for c in charts)
    at.switch_page(DATA_PAGES["templat"]).run()
    assert deferred_download(at, "tpl_download")[0] == "templat_inovasi_bogor.xlsx"


def test_a_region_name_with_markup_is_refused_on_the_page(editor, store):
    at = login(open_page("referensi"))
    at.text_input(key="region_name").input("[x](http://evil.example)")
    at.button(key="region_set").click().run()
    assert_ok(at)
    assert any(s.startswith("Nama daerah wajib diisi") for s in texts(at, "error"))
    assert store.region_versions() == []
