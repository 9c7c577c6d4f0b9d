"""Editor sessions end (issue 13, finding 5): idle time, password change, removal, disabling, logout.

Store-level checks on a fake clock; the pages' side (a session ended at the next action, logout
ending the viewer pass, a new viewer password asking open sessions again) is in
tests/test_access_pages.py.
"""

from __future__ import annotations

import getpass
import json

import pytest

from lebak_dash.cli.main import main
from lebak_dash.store import Store, clean_actor
from lebak_dash.store.auth import (
    add_editor,
    authenticate,
    check_viewer_password,
    disable_editor,
    editors,
    remove_editor,
    set_viewer_password,
    viewer_gate,
)
from lebak_dash.store.sessions import (
    DEFAULT_IDLE_MIN,
    TOUCH_EVERY_S,
    check_session,
    end_session,
    idle_timeout_s,
    live_sessions,
)

PASSWORD, NEW_PASSWORD = "Kopi-Lebak-2018!", "Teh-Lebak-2019!!"
IDLE = DEFAULT_IDLE_MIN * 60


@pytest.fixture
def store(open_store):
    store = open_store()
    add_editor(store, "siti", PASSWORD)
    return store


def login(store: Store, now: float) -> str:
    result = authenticate(store, "siti", PASSWORD, address="10.0.0.3", now=now)
    assert result.ok and result.session
    return result.session


def test_idle_session_ends_active_one_lives(store):
    now = 1_000_000.0
    token = login(store, now)
    for step in range(10):  # an action every 20 minutes: never idle for 30
        now += 20 * 60
        assert check_session(store, token, now=now, idle_s=IDLE).name == "siti", step
    now += IDLE + 1
    ended = check_session(store, token, now=now, idle_s=IDLE)
    assert not ended.alive and ended.reason == "idle"
    assert check_session(store, token, now=now + 1, idle_s=IDLE).reason == "idle"  # stays ended


def test_last_action_is_written_at_most_once_a_minute(store):
    now = 2_000_000.0
    token = login(store, now)

    def last_seen() -> list[float]:
        with store.read() as conn:
            return [r[0] for r in conn.execute("SELECT last_seen FROM editor_sessions")]

    for i in range(20):
        check_session(store, token, now=now + i, idle_s=IDLE)
    assert last_seen() == [now]  # reads only within the minute
    assert check_session(store, token, now=now + TOUCH_EVERY_S + 1, idle_s=IDLE).alive
    assert last_seen() == [now + TOUCH_EVERY_S + 1]


def test_a_clock_stepping_back_does_not_end_a_session(store):
    now = 3_000_000.0
    token = login(store, now)
    assert check_session(store, token, now=now - 86_400, idle_s=IDLE).alive
    assert check_session(store, token, now=now - 86_400 + IDLE - 5, idle_s=IDLE).alive


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda store: add_editor(store, "siti", NEW_PASSWORD, reset=True, by="admin"), "password_changed"),
        (lambda store: remove_editor(store, "SITI", by="admin"), "removed"),
        (lambda store: disable_editor(store, "siti", by="admin"), "disabled"),
    ],
)
def test_access_changes_end_every_live_session(store, change, reason):
    now = 4_000_000.0
    tokens = [login(store, now), login(store, now + 1)]  # two browser tabs
    change(store)
    assert [check_session(store, t, now=now + 2, idle_s=IDLE).reason for t in tokens] == [reason, reason]
    assert live_sessions(store, "siti") == 0
    assert store.audit()[0].detail["sessions_ended"] == 2


def test_disabled_editor_cannot_log_in_until_enabled(store):
    disable_editor(store, "siti", by="admin")
    assert authenticate(store, "siti", PASSWORD, address="10.0.0.3").key == "auth.wrong"
    disable_editor(store, "siti", by="admin", enable=True)
    assert authenticate(store, "siti", PASSWORD, address="10.0.0.3").ok
    assert [e.action for e in store.audit(limit=4)] == ["login", "editor_enabled", "login_failed", "editor_disabled"]


def test_removed_editor_is_gone_but_its_history_stays(store):
    authenticate(store, "siti", PASSWORD)
    remove_editor(store, "siti", by="admin")
    assert editors(store) == [] and not authenticate(store, "siti", PASSWORD).ok
    assert {"login", "editor_removed"} <= {e.action for e in store.audit()}


def test_logout_ends_the_session(store):
    token = login(store, 5_000_000.0)
    end_session(store, token, now=5_000_001.0)
    assert check_session(store, token, now=5_000_002.0, idle_s=IDLE).reason == "logout"
    assert check_session(store, "never-issued", idle_s=IDLE).reason == "unknown"


def test_idle_timeout_setting():
    assert idle_timeout_s({}) == 1800.0
    assert idle_timeout_s({"LEBAK_EDITOR_IDLE_MIN": "15"}) == 900.0
    assert idle_timeout_s({"LEBAK_EDITOR_IDLE_MIN": "nonsense"}) == 1800.0


def test_viewer_pass_follows_the_password_not_its_rehash(store, monkeypatch):
    assert viewer_gate(store).stored is None and viewer_gate(store).admits(None)
    set_viewer_password(store, "ruang-rapat-2019")
    first = viewer_gate(store)
    assert not first.admits(None) and first.admits(first.pass_id)
    monkeypatch.setenv("LEBAK_SCRYPT_LOG2_N", "11")  # the next login re-makes the hash ...
    assert check_viewer_password(store, "ruang-rapat-2019", environ={}).ok
    assert viewer_gate(store).stored != first.stored and viewer_gate(store).admits(first.pass_id)  # ... same pass
    set_viewer_password(store, "ruang-rapat-2020")  # a new password: every session is asked again
    assert not viewer_gate(store).admits(first.pass_id)


def test_cli_remove_disable_enable_are_audited(tmp_path, capsys):
    data_dir = str(tmp_path / "store")
    store = Store.open(data_dir)
    add_editor(store, "siti", PASSWORD)
    add_editor(store, "budi", PASSWORD)
    login(store, 6_000_000.0)
    assert main(["disable-editor", "siti", "--by", "admin", "--data-dir", data_dir]) == 0
    assert "Editor 'siti' dinonaktifkan; 1 sesi" in capsys.readouterr().out
    assert main(["editors", "--data-dir", data_dir]) == 0
    assert capsys.readouterr().out.splitlines() == ["budi", "siti (nonaktif)"]
    assert main(["editors", "--json", "--data-dir", data_dir]) == 0
    assert json.loads(capsys.readouterr().out) == ["budi"]
    assert main(["--lang", "en", "enable-editor", "siti", "--data-dir", data_dir]) == 0
    assert capsys.readouterr().out.strip() == "Editor 'siti' may log in again."
    assert main(["--lang", "en", "remove-editor", "budi", "--data-dir", data_dir]) == 0
    assert capsys.readouterr().out.strip() == "Editor 'budi' removed; 0 open sessions ended."
    assert main(["remove-editor", "budi", "--data-dir", data_dir]) == 1
    assert "budi" in capsys.readouterr().err
    me = clean_actor(getpass.getuser())
    assert [(e.action, e.actor, e.detail.get("editor")) for e in store.audit(limit=3)] == [
        ("editor_removed", me, "budi"),
        ("editor_enabled", me, "siti"),
        ("editor_disabled", "admin", "siti"),
    ]
