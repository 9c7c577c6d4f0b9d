"""The access controls as a browser session meets them (AppTest): throttling per client address,
editor sessions that end at the next action, logout and a new viewer password ending viewer passes.

AppTest has no client address; each session's address is injected through the session state
(``_test_peer``, ``_test_forwarded``) by replacing :func:`lebak_dash.ui.access._request`.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lebak_dash.store import Store, auth
from lebak_dash.store.throttle import PER_NAME_ADDRESS
from lebak_dash.ui.router import page_file

from .conftest import ROOT
from .test_data_pages import _record_deferred_downloads, deferred_download  # noqa: F401 (a fixture)

APP = str(ROOT / "app.py")
EDITOR, PASSWORD = "siti", "kata-sandi-rahasia-1"


@pytest.fixture
def store(tmp_path, monkeypatch, clear_streamlit_caches) -> Store:
    folder = tmp_path / "store"
    monkeypatch.setenv("LEBAK_DATA_DIR", str(folder))
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")
    monkeypatch.delenv("LEBAK_VIEWER_PASSWORD_HASH", raising=False)
    monkeypatch.delenv("LEBAK_TRUSTED_PROXY", raising=False)
    store = Store.open(folder)
    auth.add_editor(store, EDITOR, PASSWORD)
    return store


@pytest.fixture(autouse=True)
def _injected_addresses(monkeypatch):
    import streamlit as st

    from lebak_dash.ui import access

    monkeypatch.setattr(
        access,
        "_request",
        lambda: (st.session_state.get("_test_peer"), st.session_state.get("_test_forwarded", "")),
    )


def session(page: str = "unggah", peer: str | None = None, forwarded: str = "") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["_test_peer"] = peer
    at.session_state["_test_forwarded"] = forwarded
    at.run()
    at.switch_page(page_file(page)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def login(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_name").input(EDITOR)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", e.value) for e in getattr(at, kind)]


def is_editor(at: AppTest) -> bool:
    return bool(at.file_uploader) and "login_name" not in [w.key for w in at.text_input]


def test_an_attacker_does_not_lock_the_owner_out(store):
    attacker = session(peer="127.0.0.2")
    for i in range(PER_NAME_ADDRESS.free + 3):
        login(attacker, password=f"tebakan-salah-{i}")
    assert any("Terlalu banyak percobaan" in e for e in texts(attacker, "error"))
    owner = login(session(peer="127.0.0.3"))
    assert is_editor(owner)
    addresses = [e.detail.get("address") for e in store.audit(limit=100) if e.action.startswith("login")]
    assert set(addresses) == {"127.0.0.2", "127.0.0.3"}


def test_a_trusted_proxy_gives_the_forwarded_address(store, monkeypatch):
    monkeypatch.setenv("LEBAK_TRUSTED_PROXY", "127.0.0.1")
    login(session(peer=None, forwarded="10.20.30.40"), password="salah-salah-salah")
    assert store.audit()[0].detail["address"] == "10.20.30.40"
    monkeypatch.delenv("LEBAK_TRUSTED_PROXY")  # no proxy named: the header is anyone's word
    login(session(peer="10.0.0.8", forwarded="10.20.30.40"), password="salah-salah-salah")
    assert store.audit()[0].detail["address"] == "10.0.0.8"


def test_password_change_ends_the_session_at_the_next_action(store):
    at = login(session())
    assert is_editor(at)
    auth.add_editor(store, EDITOR, "kata-sandi-baru-22", reset=True, by="admin")
    at.run()
    assert not is_editor(at) and at.text_input(key="login_name") is not None
    assert any("kata sandi diganti" in w for w in texts(at, "warning"))


def test_a_changed_password_takes_the_viewer_pass_with_the_editor(store):
    at = viewer_then_editor(store)
    auth.add_editor(store, EDITOR, "kata-sandi-baru-22", reset=True, by="admin")
    at.run()
    assert [t.value for t in at.title] == ["Dasbor ini dilindungi kata sandi"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda store: auth.remove_editor(store, EDITOR), "sudah dihapus"),
        (lambda store: auth.disable_editor(store, EDITOR), "dinonaktifkan"),
    ],
)
def test_removed_or_disabled_editor_is_out_at_the_next_action(store, change, words):
    at = login(session())
    change(store)
    at.run()
    assert not is_editor(at) and any(words in w for w in texts(at, "warning"))


def viewer_then_editor(store) -> AppTest:
    auth.set_viewer_password(store, "sandi-penonton-1")
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.text_input(key="viewer_password").input("sandi-penonton-1")
    at.button(key="viewer_submit").click().run()
    at.switch_page(page_file("unggah")).run()
    return login(at)


def test_idle_editor_session_ends_but_the_viewer_stays(store):
    at = viewer_then_editor(store)
    assert is_editor(at)
    with store.transaction() as conn:  # an hour without any action
        conn.execute("UPDATE editor_sessions SET last_seen = last_seen - 3600")
    at.run()
    assert not is_editor(at) and any("tidak ada kegiatan selama 30 menit" in w for w in texts(at, "warning"))
    at.switch_page(page_file("ringkasan")).run()
    assert [t.value for t in at.title] == ["Ringkasan inovasi daerah"]  # no viewer gate


def test_logout_ends_the_viewer_pass_too(store):
    at = viewer_then_editor(store)
    at.button(key="logout").click().run()
    assert [t.value for t in at.title] == ["Dasbor ini dilindungi kata sandi"]
    assert store.audit()[0].action == "logout"


def test_a_new_viewer_password_applies_to_open_sessions(store):
    auth.set_viewer_password(store, "sandi-penonton-1")
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.text_input(key="viewer_password").input("sandi-penonton-1")
    at.button(key="viewer_submit").click().run()
    assert [t.value for t in at.title] == ["Ringkasan inovasi daerah"]
    auth.set_viewer_password(store, "sandi-penonton-2")
    at.run()
    assert [t.value for t in at.title] == ["Dasbor ini dilindungi kata sandi"]
    assert any("telah diganti" in i for i in texts(at, "info"))
    at.text_input(key="viewer_password").input("sandi-penonton-2")
    at.button(key="viewer_submit").click().run()
    assert [t.value for t in at.title] == ["Ringkasan inovasi daerah"]
    assert store.audit()[0].action == "viewer_login"


def test_a_forged_editor_name_without_a_session_is_no_editor(store):
    at = session()
    at.session_state["_lebak_editor"] = EDITOR  # no session token: not a login
    at.run()
    assert not is_editor(at)


# ------------------------------------------------------------------------------- audited downloads
@pytest.mark.parametrize(
    ("page", "key", "what", "actor"),
    [
        ("riwayat", "hist_dl", "original", EDITOR),
        ("daftar", "dl_csv", "records_csv", "viewer"),
        ("briefing", "dl_briefing_html", "briefing_html", "viewer"),
    ],
)
def test_downloads_of_originals_and_exports_are_audited(store, page, key, what, actor):
    from .conftest import SAMPLE

    store.add_version(store.check(SAMPLE.read_bytes(), "pertama.xlsx", isolated=False), by="siti")
    at = session(page, peer="127.0.0.5")
    if actor == EDITOR:
        login(at)
    name, data = deferred_download(at, key)
    assert data
    line = store.audit()[0]
    assert (line.action, line.actor, line.detail["what"], line.detail["filename"]) == ("download", actor, what, name)
    assert line.detail["address"] == "127.0.0.5"
