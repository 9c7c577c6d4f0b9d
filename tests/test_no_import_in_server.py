"""No import ever runs in the server process: after an OPD list changes, pages read in the worker.

Activating an OPD list makes every version's records cache stale (they are keyed on the list).
The pages then need the versions read again with the new list: Ringkasan the active one,
Perkembangan and Unduh Briefing all of them. Those reads, the OPD list's own check and the
rebuilds that activation does, all happen in the isolated worker. The test counts the parses
that run in this process (the one AppTest serves the pages from) while they happen: none.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lebak_dash.ingest import importer
from lebak_dash.store import Store, StoreError
from lebak_dash.ui.router import page_file

from . import progress_fixture as fx
from .conftest import ROOT

APP = str(ROOT / "app.py")
NEW_NAME = "Dinas Sosial dan Pemberdayaan Masyarakat"


@pytest.fixture
def parses(monkeypatch):
    """Every workbook parsed in this process, by file name (the reader is where every import starts)."""
    seen: list[str | None] = []
    original = importer.read_workbook_bytes

    def spy(data, filename=None, *args, **kwargs):
        seen.append(filename)
        return original(data, filename, *args, **kwargs)

    monkeypatch.setattr(importer, "read_workbook_bytes", spy)
    return seen


@pytest.fixture
def store(tmp_path, monkeypatch, clear_streamlit_caches):
    """The progress fixture's four versions in the store the app reads, imported in the worker from now on."""
    folder = tmp_path / "store"
    monkeypatch.setenv("LEBAK_DATA_DIR", str(folder))
    monkeypatch.delenv("LEBAK_ISOLATE_IMPORT", raising=False)
    return fx.make_store(folder, monkeypatch)


def renamed_list(store: Store) -> bytes:
    """Return the active OPD list with Dinas Sosial renamed (its abbreviation Dinsos kept)."""
    data = store.reference_bytes()
    assert data.count(b"\nDinas Sosial,") == 1
    return data.replace(b"\nDinas Sosial,", f"\n{NEW_NAME},".encode())


def opds(store: Store, number: int) -> set[str]:
    return set(store.load(number, with_issues=False).records["opd"].dropna().astype(str))


def test_pages_after_an_opd_list_change_parse_nothing_in_the_server(store, parses):
    parses.clear()  # the fixture's uploads were imported here, before the server "started"
    candidate = store.check_reference(renamed_list(store), "opd_baru.csv")
    assert candidate.diff is not None and candidate.diff.summary()["pindah_opd"] > 0
    store.add_reference(candidate, by="siti")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for page in ("perkembangan", "briefing", "opd"):
        at.switch_page(page_file(page)).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    assert any(NEW_NAME in chart.proto.spec for chart in at.get("plotly_chart"))  # the OPD page, new list
    assert parses == []
    for version in store.versions():
        assert NEW_NAME in opds(store, version.number) and "Dinas Sosial" not in opds(store, version.number)
    assert parses == []  # the four versions were cached by the pages' reads, in the worker


def test_activating_an_opd_list_rebuilds_the_cache_in_the_worker(store, parses):
    store.add_reference(store.check_reference(renamed_list(store), "opd_baru.csv"), by="siti")
    store.activate_reference(0, by="siti")  # back to the bundled list: cached since the uploads
    for path in store.cache_dir.iterdir():
        path.unlink()
    parses.clear()
    store.activate_reference(1, by="siti")
    assert parses == []
    cached = sorted(p.name for p in store.cache_dir.iterdir())
    assert cached == sorted(f"{store.version(4).sha256}.{store.active_state().reference_key}{s}" for s in (
        ".arrow", ".issues.arrow"))  # fmt: skip
    assert NEW_NAME in opds(store, 4) and parses == []


def test_a_rebuild_the_worker_cannot_finish_caches_nothing(store, parses, monkeypatch):
    for path in store.cache_dir.iterdir():
        path.unlink()
    monkeypatch.setenv("LEBAK_MAX_MEMORY_MB", "20")  # the worker is stopped at once
    parses.clear()
    with pytest.raises(StoreError) as error:
        store.load(4)
    assert error.value.key == "store.rebuild_failed" and dict(error.value.params)["reason"] == "file.memory"
    assert "versi 4" in error.value.message("id") and list(store.cache_dir.iterdir()) == [] and parses == []
    monkeypatch.delenv("LEBAK_MAX_MEMORY_MB")
    assert len(store.load(4).records) == 7  # the next load tries again
