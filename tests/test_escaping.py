"""No user text becomes live Markdown, HTML or a Plotly link on any page (issue 13, finding 8).

A store whose every user text is a payload (tests/payloads.py: innovation, OPD and kecamatan
names, OPD kinds, file names, notes) is shown by every page of the router, as a viewer and, on
the Data pages, as an editor with hostile uploads in the uploaders; :func:`live_markup` reads the
element tree. New places for user text are added in ``tests/payloads.PLACES``.
"""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from lebak_dash.store import auth
from lebak_dash.ui.router import PAGES, page_file

from .conftest import ROOT, open_chart_data
from .payloads import (
    MARK,
    hostile,
    hostile_store,
    live_markup,
    markdown_problems,
    opd_list_bytes,
    payloads,
    shown_marks,
    workbook_bytes,
)

APP = str(ROOT / "app.py")
EDITOR, PASSWORD = "siti", "kata-sandi-rahasia-1"
#: Pages that show no stored user text at all (only our own text and counts; the guide quotes a
#: few names of the bundled lists, none of the payloads).
NO_USER_TEXT = {"template", "panduan"}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "store"
    store = hostile_store(folder, ROOT)
    auth.add_editor(store, EDITOR, PASSWORD)
    return folder


@pytest.fixture
def store(hostile_folder, monkeypatch, clear_streamlit_caches):
    from lebak_dash.store import Store

    monkeypatch.setenv("LEBAK_DATA_DIR", str(hostile_folder))
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")
    monkeypatch.delenv("LEBAK_VIEWER_PASSWORD_HASH", raising=False)
    return Store.open(hostile_folder)


def open_page(key: str, *, editor: bool = False, lang: str = "id") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if lang != "id":
        at.query_params["lang"] = lang
    at.run()
    at.switch_page(page_file(key)).run()
    if editor and "login_name" in [w.key for w in at.text_input]:
        at.text_input(key="login_name").input(EDITOR)
        at.text_input(key="login_password").input(PASSWORD)
        at.button(key="login_submit").click().run()
    open_chart_data(at)  # every chart's table too
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_inert(at: AppTest, page: str) -> None:
    problems = live_markup(at)
    assert problems == [], f"{page}: {problems[:8]}"
    if page not in NO_USER_TEXT:
        assert shown_marks(at) > 0, f"{page} showed no payload: the check saw nothing"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", sorted({p.key for p in PAGES}))
def test_every_page_shows_hostile_text_inert(store, page, lang):
    assert_inert(open_page(page, editor=page in ("unggah", "riwayat", "referensi"), lang=lang), page)


def test_dashboard_details_and_picks_are_inert(store):
    """The parts a click opens: an innovation's detail, a payload OPD's profile, a kecamatan."""
    at = open_page("opd")
    opd = next(o for o in at.selectbox(key="opd_pick").options if MARK in o)
    at.selectbox(key="opd_pick").set_value(opd).run()
    assert_inert(at, "opd profile")
    at = open_page("perkembangan")
    if at.text_input(key="prog_q") is not None:
        at.text_input(key="prog_q").input(MARK).run()
        assert_inert(at, "perkembangan history")


def test_presentation_slides_are_inert(store):
    for slide in range(1, 9):
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["slide"] = str(slide)
        at.run()
        at.switch_page(page_file("presentasi")).run()
        assert not at.exception
        assert live_markup(at) == [], slide


def test_hostile_uploads_are_inert(store):
    """Unggah: a hostile workbook under a hostile name; Referensi: a hostile OPD list, valid and invalid."""
    h = hostile()
    at = open_page("unggah", editor=True)
    key = next(u.key for u in at.file_uploader if u.key.startswith("up_file_"))
    at.file_uploader(key=key).upload(payloads("unggah")[0] + ".csv", workbook_bytes(h.rows), "text/csv").run()
    assert not at.exception
    assert_inert(at, "unggah report")

    at = open_page("referensi", editor=True)
    extra = [
        {**row, "nama": row["nama"].replace("opd", "opd2"), "singkatan": "Z" + row["singkatan"]} for row in h.opd_rows
    ]
    key = next(u.key for u in at.file_uploader if u.key.startswith("ref_file_"))
    at.file_uploader(key=key).upload(payloads("daftar2")[1] + ".csv", opd_list_bytes(extra, ROOT), "text/csv").run()
    assert not at.exception
    assert_inert(at, "referensi check")

    at = open_page("referensi", editor=True)
    twice = [h.opd_rows[0], {**h.opd_rows[0], "singkatan": "LAIN"}]  # the same payload name twice: invalid
    key = next(u.key for u in at.file_uploader if u.key.startswith("ref_file_"))
    at.file_uploader(key=key).upload("salah.csv", opd_list_bytes(twice, ROOT), "text/csv").run()
    assert not at.exception and at.error, "the invalid list was not refused"
    assert_inert(at, "referensi invalid")


def test_hostile_headers_on_the_column_mapping_screen_are_inert(store):
    """Unggah: a file whose headers nobody knows, each a payload, opens the column-mapping screen."""
    heads = payloads("kolom")
    rows = [heads, *([f"nilai {i}-{j}" for j in range(len(heads))] for i in range(3))]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode("utf-8")
    at = open_page("unggah", editor=True)
    key = next(u.key for u in at.file_uploader if u.key.startswith("up_file_"))
    at.file_uploader(key=key).upload("kolom.csv", data, "text/csv").run()
    assert not at.exception
    assert any(k.startswith("map_") for k in (s.key for s in at.selectbox)), "no column-mapping screen"
    assert_inert(at, "unggah column mapping")


@pytest.mark.parametrize("text", payloads("check"))
def test_the_check_sees_live_markup(text):
    """The checker itself: every payload, unescaped, is found."""
    assert markdown_problems(text)


def test_activating_a_hostile_opd_list_is_inert(store):
    """Referensi: the confirmation and the success message name the list by its (hostile) file name."""
    store.activate_reference(0, by="admin")
    at = open_page("referensi", editor=True)
    at.selectbox(key="ref_pick").set_value(1).run()
    at.button(key="ref_activate").click().run()
    assert_inert(at, "referensi confirm")
    at.button(key="ref_yes").click().run()
    assert not at.exception and store.active_state().reference_version == 1
    assert any(MARK in s.value for s in at.success)
    assert_inert(at, "referensi activated")
