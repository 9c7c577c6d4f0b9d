"""AppTest of the Data section: every page runs; login, failed login and backoff; viewers are
refused where data changes; the whole upload flow as an editor (report, diff, apply, history,
dashboard); double submit; a stale diff; undo with confirmation; OPD lists; the viewer gate."""

from __future__ import annotations

import re
import tomllib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lebak_dash.config import Limits
from lebak_dash.exports.guide import SECTIONS
from lebak_dash.i18n.formatting import fmt_datetime
from lebak_dash.records.schema import COLUMNS
from lebak_dash.store import Store, auth
from lebak_dash.ui.router import page_file

from .conftest import FIXTURES, ROOT, SAMPLE
from .store_helpers import workbook_csv

APP = str(ROOT / "app.py")
# Page key (its strings' prefix) -> script, from the router's registry (the template page's strings say "templat").
PAGES = {key: page_file(key) for key in ("unggah", "riwayat", "referensi", "panduan", "ringkasan")}
PAGES["templat"] = page_file("template")
TITLES = {
    "unggah": "Unggah data inovasi",
    "riwayat": "Riwayat versi data",
    "templat": "Templat pengisian data",
    "referensi": "Daftar referensi OPD dan kecamatan",
    "panduan": "Panduan data: aturan berkas yang diterima",
}
EDITOR, PASSWORD = "siti", "kata-sandi-rahasia-1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BAPPEDA = FIXTURES / "bappeda_2019.xlsx"


@pytest.fixture
def store(tmp_path, monkeypatch, clear_streamlit_caches) -> Store:
    """An empty store of its own for the app (imports in-process: the sandbox has its own tests)."""
    folder = tmp_path / "store"
    monkeypatch.setenv("LEBAK_DATA_DIR", str(folder))
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")
    monkeypatch.delenv("LEBAK_VIEWER_PASSWORD_HASH", raising=False)
    return Store.open(folder)


@pytest.fixture
def editor(store) -> str:
    auth.add_editor(store, EDITOR, PASSWORD)
    return EDITOR


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page(PAGES[page]).run()
    assert_ok(at)
    return at


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def login(at: AppTest, name: str = EDITOR, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click().run()
    assert_ok(at)
    return at


def unescape(text: str) -> str:
    """Return Markdown-escaped text as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", text)


def texts(at: AppTest, kind: str) -> list[str]:
    """Return the values of every element of `kind` (``error``, ``success``...), Markdown escapes removed."""
    return [unescape(e.value) for e in getattr(at, kind)]


def upload(at: AppTest, name: str, data: bytes, mime: str = XLSX) -> AppTest:
    key = next(u.key for u in at.file_uploader if u.key.startswith("up_file_"))
    at.file_uploader(key=key).upload(name, data, mime).run()
    assert_ok(at)
    return at


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """Return the first table shown with a column named `column`."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with column {column!r}: {[list(d.value.columns) for d in at.dataframe]}")


_DEFERRED: dict[str, tuple[str | None, object]] = {}


@pytest.fixture(autouse=True)
def _record_deferred_downloads(monkeypatch):
    """Keep every deferred download's callable (AppTest's media manager is gone after a run)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        _DEFERRED[file_id] = (file_name, data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    yield
    _DEFERRED.clear()


def deferred_download(at: AppTest, key: str) -> tuple[str, bytes]:
    """Return (file name, bytes) of the download button `key`, whose data is made on click.

    AppTest cannot click a download; this runs the callable the button registered, which is what
    the server runs when the browser asks for the file.
    """
    (button,) = [b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}") or b.proto.id == key]
    name, make = _DEFERRED[button.proto.deferred_file_id]
    return name, make()


# ------------------------------------------------------------------------------------ smoke
@pytest.mark.parametrize("page", list(TITLES))
def test_every_data_page_runs_for_a_viewer(store, page):
    at = open_page(page)
    assert [t.value for t in at.title] == [TITLES[page]]
    assert "f_lang" in at.session_state  # the language switch is there too


@pytest.mark.parametrize("page", ["unggah", "riwayat", "referensi"])
def test_no_editor_yet_says_how_to_create_one(store, page):
    at = open_page(page)
    assert [c.value for c in at.code] == ["python -m lebak_dash add-editor NAMA"]
    assert any("Belum ada editor" in w for w in texts(at, "warning"))
    assert not at.file_uploader


def test_data_pages_in_english(store):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(PAGES["panduan"]).run()
    assert_ok(at)
    assert [t.value for t in at.title] == ["Data guide: what a file must look like"]
    assert at.query_params["lang"] == "en"


# ------------------------------------------------------------------------------------ login
def test_login_ok_and_logout_are_audited(editor, store):
    at = login(open_page("unggah"))
    assert "Berhasil masuk sebagai siti." in texts(at, "success")
    assert at.file_uploader  # the upload page opens for the editor
    assert "login_password" not in at.session_state or at.session_state["login_password"] == ""
    assert any("Masuk sebagai editor: siti" in c for c in texts(at, "caption"))
    at.button(key="logout").click().run()
    assert_ok(at)
    assert "Anda sudah keluar." in texts(at, "info")
    assert not at.file_uploader
    actions = [e.action for e in store.audit()]
    assert actions[:2] == ["logout", "login"]


def test_failed_login_is_refused_and_audited(editor, store):
    at = login(open_page("unggah"), password="salah-sekali-ini")
    assert "Nama atau kata sandi salah." in texts(at, "error")
    assert not at.file_uploader
    assert store.audit()[0].action == "login_failed"
    at = login(at, name="", password="")
    assert "Isi nama dan kata sandi." in texts(at, "warning")


def test_backoff_wait_is_said_in_indonesian(editor, store):
    at = open_page("unggah")
    for _ in range(3):  # the free failures: no wait
        login(at, password="salah-lagi-1234")
        assert texts(at, "error") == ["Nama atau kata sandi salah."]
    login(at, password="salah-lagi-1234")  # the 4th: counted, and the next must wait 2 s
    assert texts(at, "error") == [
        "Nama atau kata sandi salah. Demi keamanan, percobaan berikutnya baru diterima 2 detik lagi."
    ]
    login(at)  # at once, even with the right password: held back, not checked
    (message,) = texts(at, "error")
    assert re.fullmatch(r"Terlalu banyak percobaan gagal\. Coba lagi dalam [12] detik\.", message)
    assert not at.file_uploader
    assert store.audit()[0].action == "login_throttled"


# ------------------------------------------------------------------------------ refusals
def test_viewer_is_refused_on_the_upload_page(editor):
    at = open_page("unggah")
    assert any("hanya untuk editor" in i for i in texts(at, "info"))
    assert not at.file_uploader
    assert at.text_input(key="login_name") is not None
    assert "up_apply" not in [b.key for b in at.button]


def test_viewer_sees_the_history_but_no_action(editor, store):
    store.add_version(store.check(SAMPLE.read_bytes(), "a.xlsx", isolated=False), by="siti")
    store.add_version(store.check(workbook_csv("b"), "b.csv", isolated=False), by="siti")
    at = open_page("riwayat")
    versions = frame_with(at, "Versi")
    assert versions["Versi"].tolist() == [2, 1]
    assert not at.get("download_button")
    assert not at.selectbox
    assert "hist_activate" not in [b.key for b in at.button]
    assert not any("Log audit" in s.value for s in at.header)
    assert any("Masuk sebagai editor diperlukan" in i for i in texts(at, "info"))


def test_viewer_cannot_upload_an_opd_list(editor):
    at = open_page("referensi")
    assert not at.file_uploader
    assert "ref_activate" not in [b.key for b in at.button]
    assert len(at.get("download_button")) == 2  # the lists themselves are public (the template has them)
    assert frame_with(at, "Jumlah OPD")["Versi"].tolist() == [0]


def test_a_callback_checks_the_login_again(editor, store):
    """A data-changing callback refuses when the session is no longer an editor's."""
    at = login(open_page("unggah"))
    upload(at, "contoh.xlsx", SAMPLE.read_bytes())
    del at.session_state["_lebak_editor"]
    at.button(key="up_apply").click().run()
    assert_ok(at)
    assert store.versions() == []
    assert any("hanya untuk editor yang sudah masuk" in e for e in texts(at, "error"))


# ---------------------------------------------------------------------------- upload flow
def test_upload_flow_report_diff_apply_history_dashboard(editor, store):
    at = login(open_page("unggah"))
    assert any("data contoh" in c for c in texts(at, "caption"))
    upload(at, "bappeda_2019.xlsx", BAPPEDA.read_bytes())
    assert [re.sub(r"\\(.)", r"\1", s.label) for s in at.status] == ["Pemeriksaan selesai: bappeda_2019.xlsx"]
    assert at.status[0].state == "complete"
    # The report: records, rejected rows with sheet, Excel row, column and reason.
    assert "Berkas dapat diterapkan: 13 inovasi terbaca dari lembar Data 2019, Data 2020." in texts(at, "success")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Inovasi terbaca"], metrics["Baris ditolak"], metrics["Lembar dibaca"]) == ("13", "4", "2")
    rejected = frame_with(at, "Alasan")
    first = rejected.iloc[0]
    assert (first["Lembar"], first["Baris Excel"], first["Kolom"]) == ("Data 2019", 10, "C · Nama Inovasi:")
    assert "Kolom wajib 'Nama Inovasi' kosong" in first["Alasan"]
    assert ("Data 2020", 5, "I · ID Inovasi") in set(
        zip(rejected["Lembar"], rejected["Baris Excel"], rejected["Kolom"], strict=True)
    )
    # Unknown OPD names with the nearest known ones.
    unknown = frame_with(at, "OPD sesuai tulisan")
    assert unknown["OPD sesuai tulisan"].tolist() == ["Dinas Pangan Baru"]
    assert "Dinas Pertanian" in unknown["Nama terdekat di daftar"].iloc[0]
    # Sheets skipped, with the reason.
    skipped = [d.value for d in at.dataframe if list(d.value.columns) == ["Lembar", "Alasan"]]
    assert [frame["Lembar"].tolist() for frame in skipped] == [["Grafik", "Petunjuk", "Rekap"]]
    # What would change: the first version, everything new.
    assert metrics["Baru"] == "13" and metrics["Dihapus"] == "0"
    assert any("semua inovasi tercatat baru" in c for c in texts(at, "caption"))
    # Apply with a note.
    at.text_input(key="up_note").input("Laporan OPD triwulan III")
    at.button(key="up_apply").click().run()
    assert_ok(at)
    assert any(s.startswith("Versi 1 diterapkan: 13 inovasi.") for s in texts(at, "success"))
    (version,) = store.versions()
    assert (version.number, version.active, version.uploaded_by, version.note) == (
        1,
        True,
        "siti",
        "Laporan OPD triwulan III",
    )
    assert at.file_uploader[0].key == "up_file_1" and at.file_uploader[0].value is None  # emptied
    assert any("versi 1 · bappeda_2019.xlsx · 13 inovasi" in c for c in texts(at, "caption"))
    # History lists it, active, with who and the note.
    at.switch_page(PAGES["riwayat"]).run()
    assert_ok(at)
    row = frame_with(at, "Catatan").iloc[0]
    assert (row["Versi"], row["Aktif"], row["Oleh"], row["Catatan"]) == (1, True, "siti", "Laporan OPD triwulan III")
    assert row["Berkas"] == "bappeda_2019.xlsx" and row["Inovasi"] == 13
    # The dashboard shows the new version on the next interaction.
    at.switch_page(PAGES["ringkasan"]).run()
    assert_ok(at)
    assert not any("Data contoh" in w for w in texts(at, "warning"))
    wib = fmt_datetime(version.uploaded_at, "id")  # the time Riwayat shows
    assert f"Data: bappeda_2019.xlsx · versi 1 · diunggah {wib}" in texts(at, "caption")
    assert {m.label: m.value for m in at.metric}["Inovasi"] == "13"


def test_another_session_sees_the_new_version_without_restart(editor, store):
    viewer = AppTest.from_file(APP, default_timeout=90).run()
    assert any("Data contoh" in w for w in texts(viewer, "warning"))
    at = login(open_page("unggah"))
    upload(at, "bappeda_2019.xlsx", BAPPEDA.read_bytes())
    at.button(key="up_apply").click().run()
    viewer.run()  # the viewer's next interaction
    assert_ok(viewer)
    assert any("versi 1" in c for c in texts(viewer, "caption"))
    assert {m.label: m.value for m in viewer.metric}["Inovasi"] == "13"


def test_second_upload_shows_what_changes(editor, store):
    store.add_version(store.check(SAMPLE.read_bytes(), "contoh.xlsx", isolated=False), by="admin")
    at = login(open_page("unggah"))
    upload(at, "tambah.csv", workbook_csv("baru", extra=2), "text/csv")
    assert any("Dibanding data aktif sekarang (versi 1)." in c for c in texts(at, "caption"))
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Baru"], metrics["Dihapus"], metrics["Naik tahap"]) == ("2", "0", "0")
    assert metrics["Jumlah inovasi"] == "482"
    per_opd = frame_with(at, "Pindah masuk")
    assert per_opd["OPD"].tolist() == ["Dinas Kesehatan"] and per_opd["Baru"].tolist() == [2]
    added = frame_with(at, "Nama inovasi")
    assert sorted(added["Nama inovasi"]) == ["Inovasi uji baru 0", "Inovasi uji baru 1"]


def test_same_file_again_says_it_is_a_duplicate(editor, store):
    store.add_version(store.check(SAMPLE.read_bytes(), "contoh.xlsx", isolated=False), by="admin")
    at = login(open_page("unggah"))
    upload(at, "lagi.xlsx", SAMPLE.read_bytes())
    assert any("sama persis dengan versi 1" in i for i in texts(at, "info"))
    assert any("tidak ada inovasi yang bertambah" in i for i in texts(at, "info"))


def test_cancel_changes_nothing(editor, store):
    at = login(open_page("unggah"))
    upload(at, "contoh.xlsx", SAMPLE.read_bytes())
    at.button(key="up_cancel").click().run()
    assert_ok(at)
    assert "Dibatalkan. Tidak ada yang diubah; data aktif tetap seperti sebelumnya." in texts(at, "info")
    assert store.versions() == []
    assert at.file_uploader[0].value is None and not at.metric


def test_rejected_file_cannot_be_applied(editor, store):
    at = login(open_page("unggah"))
    upload(at, "rusak.xlsx", b"PK\x03\x04 bukan workbook")
    assert any("Berkas ditolak seluruhnya" in e for e in texts(at, "error"))
    errors = frame_with(at, "Alasan")
    assert errors["Lembar"].tolist()[0] == "(seluruh berkas)"
    keys = [b.key for b in at.button]
    assert "up_apply" not in keys and "up_cancel" in keys
    assert store.versions() == []


def test_apply_twice_with_the_same_token_stores_one_version(store, editor):
    """The double-submit guard: the second run of the apply callback (a double click) finds no token."""

    def script():
        import streamlit as st

        from lebak_dash.store.sessions import start_session
        from lebak_dash.ui import upload
        from lebak_dash.ui.access import EDITOR_KEY, SESSION_KEY
        from lebak_dash.ui.data import get_store
        from lebak_dash.ui.upload_flow import Pending
        from tests.conftest import SAMPLE

        store = get_store()
        st.session_state[EDITOR_KEY] = "siti"
        st.session_state[SESSION_KEY] = start_session(store, "siti")
        candidate = store.check(SAMPLE.read_bytes(), "contoh.xlsx", isolated=False)
        diff = store.diff(candidate.result.records)
        flow = upload.FLOW
        st.session_state[flow.pending_key] = Pending("f1", upload.CheckedUpload(candidate, diff, None), "token-1")
        flow.on_apply("token-1", "id")
        first = st.session_state.get(flow.outcome_key)
        flow.on_apply("token-1", "id")  # the second click of a double click
        st.session_state["outcomes"] = (first, st.session_state.get(flow.outcome_key))
        st.session_state["versions"] = len(store.versions())

    at = AppTest.from_function(script, default_timeout=90).run()
    assert_ok(at)
    assert at.session_state["versions"] == 1
    first, after = at.session_state["outcomes"]
    assert first[0] == "success" and after == first  # the first click's message is kept


def test_stale_diff_is_refused_and_checked_again(editor, store):
    store.add_version(store.check(SAMPLE.read_bytes(), "contoh.xlsx", isolated=False), by="admin")
    at = login(open_page("unggah"))
    upload(at, "tambah.csv", workbook_csv("satu"), "text/csv")
    # Someone else (another editor, the CLI) applies a version while this diff is on screen.
    store.add_version(store.check(workbook_csv("lain"), "lain.csv", isolated=False), by="budi")
    at.button(key="up_apply").click().run()
    assert_ok(at)
    (warning,) = [w for w in texts(at, "warning") if "Sementara Anda memeriksa" in w]
    assert "versi 2, bukan versi 1" in warning
    assert [v.number for v in store.versions()] == [1, 2]  # nothing stored from the stale diff
    assert any("Dibanding data aktif sekarang (versi 2)." in c for c in texts(at, "caption"))
    at.button(key="up_apply").click().run()  # checked again: now it applies
    assert [v.uploaded_by for v in store.versions()] == ["admin", "budi", "siti"]


def test_upload_through_the_sandbox(editor, store, monkeypatch):
    """The app's default: the import runs in the bounded worker process."""
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "1")
    at = login(open_page("unggah"))
    upload(at, "bappeda_2019.xlsx", BAPPEDA.read_bytes())
    assert {m.label: m.value for m in at.metric}["Baris ditolak"] == "4"


def test_user_text_is_never_markdown_on_the_data_pages(editor, store):
    evil = "[klik](http://evil.example) <b>x</b> _y_.csv"
    store.add_version(store.check(workbook_csv("e"), evil, isolated=False), by="siti", note="**tebal** [a](b)")
    at = open_page("riwayat")
    captions = " ".join(c.value for c in at.caption)
    assert "\\[klik\\]\\(http\u2060\\:" in captions and "[klik](" not in captions
    assert frame_with(at, "Catatan")["Catatan"].iloc[0] == "**tebal** [a](b)"  # a table cell: plain text


# ----------------------------------------------------------------------------- history, undo
def test_undo_via_history_with_confirmation(editor, store):
    store.add_version(store.check(SAMPLE.read_bytes(), "pertama.xlsx", isolated=False), by="siti")
    store.add_version(store.check(workbook_csv("dua", extra=3), "kedua.csv", isolated=False), by="siti")
    at = login(open_page("riwayat"))
    (option,) = at.selectbox(key="hist_pick").options  # the active version is not offered
    assert option.startswith("Versi 1 · pertama.xlsx · 480 inovasi · ")
    at.button(key="hist_activate").click().run()
    assert_ok(at)
    (confirm,) = [w for w in texts(at, "warning") if "Lanjutkan?" in w]
    assert "versi 1 (pertama.xlsx, 480 inovasi) menggantikan versi 2" in confirm
    assert store.active_state().version == 2  # nothing changes before the confirmation
    at.button(key="hist_no").click().run()  # cancel: back to the choice
    assert store.active_state().version == 2 and "hist_activate" in [b.key for b in at.button]
    at.button(key="hist_activate").click().run()
    at.button(key="hist_yes").click().run()
    assert_ok(at)
    assert store.active_state().version == 1
    assert any(s.startswith("Versi 1 sekarang aktif (480 inovasi).") for s in texts(at, "success"))
    audit = frame_with(at, "Tindakan")
    assert audit["Tindakan"].iloc[0] == "Kembali ke versi sebelumnya"
    assert frame_with(at, "Catatan").set_index("Versi").loc[1, "Aktif"]
    at.switch_page(PAGES["ringkasan"]).run()
    assert any("Data: pertama.xlsx · versi 1" in c for c in texts(at, "caption"))


def test_undo_confirmation_goes_stale(editor, store):
    for tag in ("a", "b"):
        store.add_version(store.check(workbook_csv(tag), f"{tag}.csv", isolated=False), by="siti")
    at = login(open_page("riwayat"))
    at.button(key="hist_activate").click().run()
    store.add_version(store.check(workbook_csv("c"), "c.csv", isolated=False), by="budi")
    at.button(key="hist_yes").click().run()
    assert_ok(at)
    assert store.active_state().version == 3
    assert any("sekarang versi 3" in w for w in texts(at, "warning"))


def test_editor_downloads_any_original(editor, store):
    store.add_version(store.check(SAMPLE.read_bytes(), "pertama.xlsx", isolated=False), by="siti")
    second = workbook_csv("dua")
    store.add_version(store.check(second, "Laporan OPD (final).csv", isolated=False), by="siti")
    at = login(open_page("riwayat"))
    assert deferred_download(at, "hist_dl") == ("Laporan OPD (final).csv", second)
    at.selectbox(key="hist_dl_pick").set_value(1).run()
    assert deferred_download(at, "hist_dl") == ("pertama.xlsx", SAMPLE.read_bytes())


# -------------------------------------------------------------------------------- OPD lists
def _opd_list_with(extra_row: str) -> bytes:
    return (ROOT / "data" / "reference" / "opd.csv").read_bytes().rstrip(b"\n") + b"\n" + extra_row.encode() + b"\n"


def test_opd_list_upload_apply_and_back_to_bundled(editor, store):
    store.add_version(store.check(BAPPEDA.read_bytes(), "bappeda_2019.xlsx", isolated=False), by="siti")
    at = login(open_page("referensi"))
    assert deferred_download(at, "ref_dl_opd")[0] == "daftar_opd.csv"
    key = next(u.key for u in at.file_uploader if u.key.startswith("ref_file_"))
    at.file_uploader(key=key).upload("opd_baru.csv", _opd_list_with("Dinas Pangan Baru,DPB,,Dinas,ya"), "text/csv")
    at.run()
    assert_ok(at)
    assert any("62 OPD (1 baru, 0 tidak ada lagi)" in s for s in texts(at, "success"))
    assert frame_with(at, "OPD")["OPD"].tolist() == ["Dinas Pangan Baru"]
    assert any(s.value == "Pengaruh pada data aktif" for s in at.header)
    at.button(key="ref_apply").click().run()
    assert_ok(at)
    assert any(s.startswith("Daftar OPD versi 1 sekarang aktif (62 OPD).") for s in texts(at, "success"))
    assert store.active_state().reference_version == 1
    assert store.audit()[0].action == "reference_upload"
    # The dashboard now knows the OPD: its innovation counts as a known OPD.
    assert store.load(1, with_issues=False).records.set_index("opd").loc["Dinas Pangan Baru", "opd_dikenal"]
    # Back to the bundled list, with a confirmation.
    at.selectbox(key="ref_pick").set_value(0).run()
    at.button(key="ref_activate").click().run()
    assert any("Daftar bawaan aplikasi" in w for w in texts(at, "warning"))
    at.button(key="ref_yes").click().run()
    assert_ok(at)
    assert store.active_state().reference_version is None
    assert "Daftar OPD 'Daftar bawaan aplikasi' sekarang aktif." in texts(at, "success")


def test_invalid_opd_list_is_explained(editor, store):
    at = login(open_page("referensi"))
    key = next(u.key for u in at.file_uploader if u.key.startswith("ref_file_"))
    at.file_uploader(key=key).upload("salah.csv", b"nama,jenis\nDinas A,Dinas\n", "text/csv").run()
    assert_ok(at)
    (error,) = texts(at, "error")
    assert error.startswith("Daftar OPD tidak dapat dipakai: daftar OPD tidak memiliki kolom: singkatan, alias")
    assert "ref_apply" not in [b.key for b in at.button]
    assert store.reference_versions() == []


# ----------------------------------------------------------------------------- template, guide
def test_template_page_offers_the_template_to_everyone(store):
    at = open_page("templat")
    name, data = deferred_download(at, "tpl_download")
    assert name == "templat_inovasi_lebak.xlsx" and data[:2] == b"PK"
    assert any("61 OPD dari daftar aktif" in m.value for m in at.markdown)


def test_guide_page_shows_the_contract(store):
    at = open_page("panduan")
    (shown,) = at.table  # static: every row visible; Markdown escaped in every cell
    columns = shown.value.map(unescape).rename(columns=unescape)
    assert len(columns) == len(COLUMNS) and "Judul kolom (templat)" in columns.columns
    assert columns["Judul kolom (templat)"].tolist()[:4] == ["Kode Inovasi", "Nama Inovasi", "OPD", "Tahapan 5D"]
    assert "3. Design" in columns["Contoh"].tolist()
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert len(headings) == len(SECTIONS)
    assert deferred_download(at, "guide_template")[0] == "templat_inovasi_lebak.xlsx"
    assert at.get("page_link")


# ------------------------------------------------------------------------------ viewer gate
@pytest.mark.parametrize("page", [None, "daftar", "panduan", "unggah"])
def test_viewer_password_gate(store, page):
    auth.set_viewer_password(store, "sandi-penonton-1")
    at = AppTest.from_file(APP, default_timeout=90).run()
    if page == "daftar":
        at.switch_page(page_file("daftar")).run()
    elif page:
        at.switch_page(PAGES[page]).run()
    assert_ok(at)
    assert [t.value for t in at.title] == ["Dasbor ini dilindungi kata sandi"]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    at.text_input(key="viewer_password").input("bukan-ini-sandinya").run()
    at.button(key="viewer_submit").click().run()
    assert texts(at, "error") == ["Kata sandi penonton salah."]
    assert [t.value for t in at.title] == ["Dasbor ini dilindungi kata sandi"]
    at.text_input(key="viewer_password").input("sandi-penonton-1")
    at.button(key="viewer_submit").click().run()
    assert_ok(at)
    assert [t.value for t in at.title] != ["Dasbor ini dilindungi kata sandi"]
    assert at.session_state["viewer_password"] == ""  # not kept in the session
    assert [e.action for e in store.audit(limit=3)] == ["viewer_login", "viewer_login_failed", "viewer_password_set"]


def test_open_viewing_has_no_gate(store):
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert [t.value for t in at.title] == ["Ringkasan inovasi daerah"]


# --------------------------------------------------------------------------------- settings
def test_upload_limit_matches_the_importer_and_xsrf_stays_on():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == Limits().max_file_mb
    assert config["server"]["enableXsrfProtection"] is True


@pytest.mark.parametrize("page_file", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")))
def test_every_page_is_behind_the_viewer_password(store, page_file):
    """No page of the app (the presentation included) shows data before the viewer password."""
    auth.set_viewer_password(store, "sandi-penonton-1")
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page(page_file).run()
    assert_ok(at)
    assert [t.value for t in at.title] == ["Dasbor ini dilindungi kata sandi"]
    assert not at.metric and not at.dataframe and not at.table and not at.get("plotly_chart")
    assert not [m for m in at.markdown if "p-head" in m.value or "p-card" in m.value]
