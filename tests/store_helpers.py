"""Helpers shared by the store tests: distinct workbooks, CLI runs, a snapshot of a store."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pandas as pd

from .conftest import ROOT, SAMPLE


@cache
def sample_records() -> pd.DataFrame:
    from lebak_dash.ingest.importer import import_workbook

    return import_workbook(SAMPLE).records


def workbook_csv(tag: str, extra: int = 1) -> bytes:
    """Return a CSV workbook: the sample's records plus `extra` innovations named after `tag`.

    Different tags give different bytes (so different versions and files).
    """
    from lebak_dash.exports.tables import records_to_csv

    base = sample_records()
    rows = pd.DataFrame(
        {
            "kode": [f"UJI-{tag}-{i}" for i in range(extra)],
            "nama": [f"Inovasi uji {tag} {i}" for i in range(extra)],
            "opd": ["Dinas Kesehatan"] * extra,
            "tahapan": ["Design"] * extra,
            "kecamatan": [("Maja",)] * extra,
        }
    )
    frame = pd.concat([base.astype(object), rows], ignore_index=True)
    for key in ("tahun", "anggaran"):
        frame[key] = pd.array(frame[key], dtype="Int64")
    return records_to_csv(frame)


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEBAK_") or k == "LEBAK_SCRYPT_LOG2_N"}
    env["LEBAK_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def run_cli(data_dir: Path, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """Run ``python -m lebak_dash`` against `data_dir` and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "lebak_dash", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env(data_dir, **env),
        timeout=180,
    )


def stored_files(store, *kinds: str) -> dict[str, bytes]:
    """Return the original files of `kinds` as stored, unchecked: ``{name: bytes}`` (either backend).

    Names are the file names in the data folder (``<sha256><suffix>``), or ``<kind>/<sha256>`` on PostgreSQL.
    """
    from lebak_dash.store.blobs import KINDS

    if store.backend == "sqlite":
        folders = {KINDS[kind][0] for kind in kinds}
        return {p.name: p.read_bytes() for folder in sorted(folders) for p in (store.root / folder).iterdir()}
    with store.read() as conn:
        rows = conn.execute("SELECT kind, sha256, data FROM blobs ORDER BY kind, sha256").fetchall()
    return {f"{kind}/{sha}": bytes(data) for kind, sha, data in rows if kind in kinds}


def damage_file(store, kind: str, sha256: str, data: bytes) -> None:
    """Replace a stored original behind the store's back (PostgreSQL: with the append-only triggers off)."""
    from lebak_dash.store.blobs import FolderBlobs

    if store.backend == "sqlite":
        FolderBlobs(store.root).path(kind, sha256).write_bytes(data)
        return
    import psycopg

    with psycopg.connect(store.database.url, autocommit=True) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("UPDATE blobs SET data = %s WHERE kind = %s AND sha256 = %s", (data, kind, sha256))


def snapshot(store) -> dict[str, object]:
    """Return what must not change when an operation fails: versions, active, audit, file names."""
    return {
        "versions": [v.to_dict() for v in store.versions()],
        "state": store.active_state(),
        "audit": [e.to_dict() for e in store.audit(limit=10_000)],
        "files": sorted(stored_files(store, "original")),
        "references": sorted(stored_files(store, "opd", "kecamatan")),
    }
