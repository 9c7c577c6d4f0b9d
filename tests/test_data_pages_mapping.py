"""AppTest of issue 11 on the Data pages: the upload report's counts of an IID export, the column-mapping
screen (samples, choices, check again, apply saves the mapping), and the stage map on Referensi."""

from __future__ import annotations

import pytest

from lebak_dash.store import Store

from .conftest import ROOT
from .helpers import csv_bytes, xlsx_bytes
from .test_data_pages import assert_ok, editor, frame_with, login, open_page, store, texts, upload  # noqa: F401
from .test_iid_import import iid_table

IID_REAL = ROOT.parent / "shared" / "realdata" / "iid_ekspor_jatim.xlsx"
LAN = [["No", "Kode", "Ide Inovasi", "Inovator", "**Catatan** [x](y)"]]
LAN += [[1, "16 LI 1", "Klinik Organisasi", "Dinkes", "a"], [2, "16 LI 2", "Lapor Camat", "Kec. Maja", "b"]]
LAN += [[3, "16 LI 3", "Kartu Sehat", "Dinas Kesehatan", "c"], [4, "16 LI 4", "Bank Sampah", "DLH", "d"]]


def test_the_report_of_an_iid_export_counts_its_stages_and_urusan(editor, store):  # noqa: F811
    at = login(open_page("unggah"))
    upload(at, "iid_ekspor.xlsx", xlsx_bytes({"Data": iid_table()}))
    assert "Berkas dapat diterapkan: 4 inovasi terbaca dari lembar Data." in texts(at, "success")
    assert frame_with(at, "Tahapan IID").values.tolist() == [["Inisiatif", 1], ["Uji Coba", 1], ["Penerapan", 2]]
    assert frame_with(at, "Urusan").values.tolist() == [["kesehatan", 2], ["lingkungan hidup", 1], ["pendidikan", 1]]
    assert not any("Tahapan 5D" in d.value.columns for d in at.dataframe)  # nothing to count in the 5D model
    assert any("4 baris data: 4 diterima, 0 ditolak" in c for c in texts(at, "caption"))


def test_a_header_nobody_knows_is_mapped_on_the_page_and_the_mapping_saved(editor, store):  # noqa: F811
    at = login(open_page("unggah"))
    upload(at, "labinov.xlsx", xlsx_bytes({"Lab Inovasi": [["LABORATORIUM INOVASI"], *LAN]}))
    assert "Pemetaan kolom" in [s.value for s in at.header]
    preview = frame_with(at, "Contoh 1")
    assert preview[["Kolom", "Judul kolom", "Contoh 1", "Contoh 3"]].values.tolist()[1:4] == [
        ["B", "Kode", "16 LI 1", "16 LI 3"],
        ["C", "Ide Inovasi", "Klinik Organisasi", "Kartu Sehat"],
        ["D", "Inovator", "Dinkes", "Dinas Kesehatan"],
    ]
    choices = {s.label: s for s in at.selectbox if s.key.startswith("map_")}
    assert "E · \\*\\*Catatan\\*\\* \\[x\\]\\(y\\)" in choices  # a header is user text: escaped
    assert choices["C · Ide Inovasi"].value == "nama"  # read by its alias already
    choices["D · Inovator"].set_value("opd")
    at.button(key="map_recheck").click().run()
    assert_ok(at)
    assert "Berkas dapat diterapkan: 4 inovasi terbaca dari lembar Lab Inovasi." in texts(at, "success")
    assert frame_with(at, "Kolom dibaca sebagai")["Pemetaan"].tolist() == ["untuk berkas ini"]
    at.button(key="up_apply").click().run()
    assert_ok(at)
    saved = store.saved_mappings()
    assert [(m.number, m.mapping.columns, m.versions) for m in saved] == [(1, (("Inovator", "opd"),), (1,))]
    candidate = store.check(csv_bytes(LAN), "lagi.csv", isolated=False)  # a later file: read by itself
    assert candidate.ok and [u.mapping.number for u in candidate.result.mappings] == [1]


def test_a_mapping_naming_one_field_twice_is_refused_on_the_page(editor, store):  # noqa: F811
    at = login(open_page("unggah"))
    upload(at, "labinov.xlsx", xlsx_bytes({"Lab": LAN}))
    choices = {s.label: s for s in at.selectbox if s.key.startswith("map_")}
    choices["B · Kode"].set_value("nama")
    choices["E · \\*\\*Catatan\\*\\* \\[x\\]\\(y\\)"].set_value("nama")
    at.button(key="map_recheck").click().run()
    assert_ok(at)
    assert any("'Kode' dan '**Catatan** [x](y)' sama-sama dipetakan ke 'nama'" in e for e in texts(at, "error"))
    assert any("\\*\\*Catatan\\*\\*" in e.value for e in at.error)  # the header quoted, escaped


def test_the_stage_map_on_referensi(editor, store):  # noqa: F811
    viewer = open_page("referensi")
    assert any("tidak dipakai" in i for i in texts(viewer, "info"))
    assert not any(s.key.startswith("stagemap_") for s in viewer.selectbox)  # viewers see, editors change
    at = login(open_page("referensi"))
    at.selectbox(key="stagemap_penerapan").set_value("Display")
    at.selectbox(key="stagemap_uji_coba").set_value("Delivery")
    at.text_input(key="stagemap_note").input("rapat evaluasi")
    at.button(key="stagemap_set").click().run()
    assert_ok(at)
    assert any("Pemetaan tahapan 1 dipasang" in s for s in texts(at, "success"))
    assert frame_with(at, "Tahapan IID").values.tolist() == [["Uji Coba", "Delivery"], ["Penerapan", "Display"]]
    reopened = Store.open(store.root)
    assert reopened.stage_map().as_dict() == {"Uji Coba": "Delivery", "Penerapan": "Display"}
    at.button(key="stagemap_off").click().run()
    assert_ok(at)
    assert reopened.stage_map() is None
    assert [e.action for e in reopened.audit(limit=2)] == ["stage_map_off", "stage_map_set"]


@pytest.mark.skipif(not IID_REAL.is_file(), reason="../shared/realdata is absent (outside the team)")
def test_the_real_iid_export_on_the_upload_page(editor, store):  # noqa: F811
    at = login(open_page("unggah"))
    upload(at, IID_REAL.name, IID_REAL.read_bytes())
    assert "Berkas dapat diterapkan: 679 inovasi terbaca dari lembar Data." in texts(at, "success")
    assert frame_with(at, "Tahapan IID").values.tolist() == [["Inisiatif", 22], ["Uji Coba", 9], ["Penerapan", 648]]
    assert frame_with(at, "Urusan").values.tolist()[:2] == [["pendidikan", 381], ["kesehatan", 101]]
