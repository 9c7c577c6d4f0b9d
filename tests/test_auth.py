"""Editors and logins: salted hashes only (scrypt at OWASP's cost), wrong passwords refused, failures
slowed down and audited. Throttling itself is tests/test_throttle.py, sessions tests/test_sessions.py."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest

from lebak_dash.store import Store, auth
from lebak_dash.store.auth import (
    HASH_SLOTS,
    AuthError,
    add_editor,
    authenticate,
    check_viewer_password,
    editors,
    has_editors,
    hash_cost,
    hash_password,
    is_valid_hash,
    set_viewer_password,
    verify_password,
    viewer_password_required,
)
from lebak_dash.store.throttle import GLOBAL, PER_NAME_ADDRESS

from .store_helpers import run_cli

PASSWORD = "Kopi-Lebak-2018!"


@pytest.fixture
def store(open_store):
    return open_store()


def failures(store: Store, scope: str) -> int:
    with store.read() as conn:
        row = conn.execute("SELECT failures FROM login_throttle WHERE scope = ?", (scope,)).fetchone()
    return row[0] if row else 0


def stored_hash(store: Store, name: str) -> str:
    with store.read() as conn:
        return conn.execute("SELECT password_hash FROM editors WHERE key = ?", (name,)).fetchone()[0]


def test_hash_is_salted_scrypt():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second and first.startswith(f"scrypt${hash_cost()}$8$1$")
    assert PASSWORD not in first
    assert verify_password(PASSWORD, first) and verify_password(PASSWORD, second)
    assert not verify_password(PASSWORD + "x", first)


def test_malformed_hashes_never_verify():
    malformed = [
        "",
        "plain",
        "scrypt$15$8$1$@@$@@",
        "scrypt$40$8$1$AAAA$AAAA",
        "md5$x$y$z$a$b",
        "scrypt$20$32$1$AAAA$AAAA",  # 4 GiB of memory: refused before scrypt runs
    ]
    assert [s for s in malformed if verify_password(PASSWORD, s) or is_valid_hash(s)] == []


def test_production_cost_is_owasp_and_fits_in_maxmem():
    """N = 2**17, r = 8, p = 1 outside tests; such a hash is made and checked (it needs 128 MiB)."""
    assert hash_cost({}) == 17 and auth.SCRYPT_R == 8 and auth.SCRYPT_P == 1
    stored = hash_password(PASSWORD, log2_n=17)
    assert stored.startswith("scrypt$17$8$1$") and verify_password(PASSWORD, stored)
    assert hash_cost({auth.COST_ENV: "12"}) == 12  # the tests-only setting


def test_old_hashes_verify_and_are_upgraded_at_the_next_login(store, monkeypatch):
    add_editor(store, "siti", PASSWORD)
    old = hash_password(PASSWORD, log2_n=10)
    with store.transaction() as conn:
        conn.execute("UPDATE editors SET password_hash = ? WHERE key = 'siti'", (old,))
    monkeypatch.setenv(auth.COST_ENV, "11")
    assert not authenticate(store, "siti", "salah-salah-salah").ok
    assert stored_hash(store, "siti") == old  # a failure changes nothing
    assert authenticate(store, "siti", PASSWORD).ok
    upgraded = stored_hash(store, "siti")
    assert upgraded.startswith("scrypt$11$8$1$") and verify_password(PASSWORD, upgraded)
    assert authenticate(store, "siti", PASSWORD).ok and stored_hash(store, "siti") == upgraded


def test_viewer_hash_in_the_catalog_is_upgraded_too(store, monkeypatch):
    monkeypatch.setenv(auth.COST_ENV, "10")
    set_viewer_password(store, "ruang-rapat-2019")
    monkeypatch.setenv(auth.COST_ENV, "11")
    assert check_viewer_password(store, "ruang-rapat-2019", environ={}).ok
    assert auth.viewer_password_hash(store, {}).startswith("scrypt$11$")


def test_at_most_a_few_hashes_run_at_once(monkeypatch):
    running, peak, lock = [0], [0], threading.Lock()
    real = hashlib.scrypt

    def counting(*args, **kwargs):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return real(*args, **kwargs)

    monkeypatch.setattr(auth.hashlib, "scrypt", counting)
    threads = [threading.Thread(target=hash_password, args=(PASSWORD,)) for _ in range(3 * HASH_SLOTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == HASH_SLOTS


def test_two_editors_with_the_same_password_have_different_hashes(store):
    add_editor(store, "siti", PASSWORD)
    add_editor(store, "budi", PASSWORD)
    with store.read() as conn:
        hashes = [r[0] for r in conn.execute("SELECT password_hash FROM editors")]
    assert len(set(hashes)) == 2
    assert editors(store) == ["budi", "siti"] and has_editors(store)


def test_login_right_and_wrong(store):
    assert not has_editors(store)
    add_editor(store, "Siti", PASSWORD)
    ok = authenticate(store, "siti", PASSWORD)  # names ignore case
    assert ok.ok and ok.name == "Siti" and "Siti" in ok.message()
    wrong = authenticate(store, "Siti", "salah-sekali-ini")
    assert not wrong.ok and wrong.name is None and wrong.message() == "Nama atau kata sandi salah."
    unknown = authenticate(store, "tidakada", PASSWORD)
    assert not unknown.ok and unknown.message() == wrong.message()  # does not reveal which names exist
    actions = [(e.action, e.actor) for e in store.audit()]
    assert actions[:3] == [("login_failed", "?"), ("login_failed", "Siti"), ("login", "Siti")]
    assert store.audit(action="login_failed")[0].detail["known"] is False


def test_invalid_editor_is_refused(store):
    table = [
        ("siti rahma", PASSWORD, "auth.name_invalid"),
        ("", PASSWORD, "auth.name_invalid"),
        ("x" * 65, PASSWORD, "auth.name_invalid"),
        ("siti", "pendek", "auth.password_short"),
        ("siti", "x" * 2000, "auth.password_long"),
    ]
    refused = []
    for name, password, _ in table:
        with pytest.raises(AuthError) as info:
            add_editor(store, name, password)
        refused.append(info.value.key)
    assert refused == [key for _, _, key in table] and editors(store) == []


def test_existing_editor_needs_reset(store):
    add_editor(store, "siti", PASSWORD)
    with pytest.raises(AuthError) as info:
        add_editor(store, "SITI", "kata-sandi-baru-1")
    assert info.value.key == "auth.editor_exists"
    add_editor(store, "siti", "kata-sandi-baru-1", reset=True, by="admin")
    assert authenticate(store, "siti", "kata-sandi-baru-1").ok
    assert not authenticate(store, "siti", PASSWORD).ok
    with pytest.raises(AuthError):
        add_editor(store, "budi", PASSWORD, reset=True)
    actions = [e.action for e in store.audit()]
    assert "editor_added" in actions and "editor_password_changed" in actions


def test_backoff_grows_for_one_name_from_one_address(store):
    add_editor(store, "siti", PASSWORD)
    now, here = 1_000_000.0, "10.0.0.9"
    waits = []
    for _ in range(PER_NAME_ADDRESS.free + 1):
        result = authenticate(store, "siti", "salah-salah-salah", address=here, now=now)
        assert not result.ok
        waits.append(result.retry_after)
        now += 0.1
    assert waits[:-1] == [0.0] * PER_NAME_ADDRESS.free and waits[-1] == PER_NAME_ADDRESS.base_s
    held = authenticate(store, "siti", PASSWORD, address=here, now=now)
    assert not held.ok and held.key == "auth.throttled" and held.retry_after > 0
    assert "detik" in held.message()
    growing = []
    for _ in range(3):
        now += growing[-1] + 0.01 if growing else PER_NAME_ADDRESS.base_s
        result = authenticate(store, "siti", "masih-salah-juga", address=here, now=now)
        assert result.key == "auth.wrong"
        growing.append(result.retry_after)
    base = PER_NAME_ADDRESS.base_s
    assert growing == [base * 2, base * 4, base * 8]
    now += growing[-1] + 0.01
    assert authenticate(store, "siti", PASSWORD, address=here, now=now).ok
    assert failures(store, f"user:siti@{here}") == 0  # a success starts afresh
    assert store.audit(action="login_throttled")[0].actor == "siti"


def test_failures_are_forgotten_after_a_while(store):
    add_editor(store, "siti", PASSWORD)
    now = 2_000_000.0
    for _ in range(PER_NAME_ADDRESS.free + 1):
        authenticate(store, "siti", "salah-salah-salah", now=now)
    assert authenticate(store, "siti", PASSWORD, now=now + 1).key == "auth.throttled"
    assert authenticate(store, "siti", PASSWORD, now=now + PER_NAME_ADDRESS.forget_s + 1).ok


def test_parallel_guesses_are_all_counted(store):
    add_editor(store, "siti", PASSWORD)
    barrier = threading.Barrier(8)
    results = []

    def guess(i):
        barrier.wait()
        results.append(authenticate(store, "siti", f"tebakan-ke-{i}", address="10.0.0.5", sleep=lambda _s: None))

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    checked = [r for r in results if r.key == "auth.wrong"]
    throttled = [r for r in results if r.key == "auth.throttled"]
    # at most free + 1 guesses reach the password check; the others are refused unseen
    assert len(checked) == PER_NAME_ADDRESS.free + 1 and len(throttled) == 8 - len(checked)
    assert len(store.audit(action="login_failed")) == len(checked)
    assert len(store.audit(action="login_throttled")) == 1  # one burst, one line


def test_global_limit_is_there_but_small():
    assert GLOBAL.wait(GLOBAL.free + 100) == GLOBAL.max_s <= 2.0


def test_viewer_password(store):
    assert not viewer_password_required(store)
    assert check_viewer_password(store, "apa saja").ok
    set_viewer_password(store, "ruang-rapat-2019", by="admin")
    assert viewer_password_required(store)
    assert not check_viewer_password(store, "salah-salah").ok
    assert check_viewer_password(store, "ruang-rapat-2019").ok
    set_viewer_password(store, None, by="admin")
    assert not viewer_password_required(store)
    actions = [e.action for e in store.audit()]
    assert {"viewer_password_set", "viewer_password_cleared", "viewer_login_failed", "viewer_login"} <= set(actions)


def test_viewer_password_from_environment(store):
    env = {auth.VIEWER_ENV: hash_password("dari-lingkungan")}
    assert viewer_password_required(store, env)
    assert check_viewer_password(store, "dari-lingkungan", environ=env).ok
    assert not check_viewer_password(store, "bukan-ini-sandinya", environ=env).ok
    bad = {auth.VIEWER_ENV: "rahasia-polos"}  # a plain password is not a hash: fail closed
    assert viewer_password_required(store, bad)
    with pytest.raises(AuthError) as info:
        check_viewer_password(store, "rahasia-polos", environ=bad)
    assert info.value.key == "auth.bad_hash"


def test_no_plaintext_password_anywhere_in_the_data_folder(tmp_path):
    data_dir = tmp_path / "store"
    wrong = "Tebakan-Salah-77"
    viewer = "Sandi-Penonton-42"
    proc = run_cli(data_dir, "add-editor", "siti", "--password-stdin", stdin=PASSWORD + "\n")
    assert proc.returncode == 0 and "Editor 'siti' ditambahkan" in proc.stdout, proc.stderr
    proc = run_cli(data_dir, "add-editor", "siti", "--password-stdin", stdin=PASSWORD + "\n")
    assert proc.returncode == 1 and "--reset" in proc.stderr
    proc = run_cli(data_dir, "viewer-password", "--password-stdin", stdin=viewer + "\n")
    assert proc.returncode == 0, proc.stderr
    store = Store.open(data_dir)
    assert authenticate(store, "siti", PASSWORD).ok
    assert not authenticate(store, "siti", wrong).ok
    assert not authenticate(store, wrong, wrong).ok  # a password typed as the name
    assert check_viewer_password(store, viewer).ok
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert any(p.name.startswith("catalog.sqlite") for p in files)
    for path in files:
        content = path.read_bytes()
        for secret in (PASSWORD, wrong, viewer):
            assert secret.encode() not in content, path
            assert secret.encode("utf-16-le") not in content, path


def test_print_hash_makes_a_usable_environment_value(tmp_path):
    args = ("viewer-password", "--print-hash", "--password-stdin")
    proc = run_cli(tmp_path / "store", *args, stdin="ruang-rapat-2019\n")
    assert proc.returncode == 0, proc.stderr
    stored = proc.stdout.strip()
    assert verify_password("ruang-rapat-2019", stored)
    assert not viewer_password_required(Store.open(tmp_path / "store"))  # printed, not stored


def run_in_terminal(data_dir, args: list[str], typed: list[str]) -> tuple[int, str]:
    """Run the command line in a pseudo-terminal, typing each of `typed` after a prompt."""
    import os
    import pty
    import select
    import sys

    from .store_helpers import cli_env

    env = cli_env(data_dir)
    pid, fd = pty.fork()
    if pid == 0:  # child: the terminal is its controlling tty, as for a person at a console
        os.execvpe(sys.executable, [sys.executable, "-m", "lebak_dash", *args], env)
    output = b""
    answered = 0  # answer each prompt once, after it appeared (getpass flushes typed-ahead input)
    answers = list(typed)
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if answers and output[answered:].rstrip().endswith(b":"):
            os.write(fd, answers.pop(0).encode() + b"\n")
            answered = len(output)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


def test_add_editor_prompts_twice_without_echo(tmp_path):
    data_dir = tmp_path / "store"
    code, output = run_in_terminal(data_dir, ["add-editor", "siti"], [PASSWORD, PASSWORD])
    assert code == 0, output
    assert "Kata sandi untuk siti:" in output and "Ulangi kata sandi:" in output
    assert PASSWORD not in output  # getpass does not echo
    assert authenticate(Store.open(data_dir), "siti", PASSWORD).ok
    code, output = run_in_terminal(data_dir, ["add-editor", "budi"], [PASSWORD, PASSWORD + "x"])
    assert code == 1 and "Kedua kata sandi tidak sama" in output
    assert editors(Store.open(data_dir)) == ["siti"]
