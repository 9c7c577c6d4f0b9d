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


def snapshot(store) -> dict[str, object]:
    """Return what must not change when an operation fails: versions, active, audit, file names."""
    return {
        "versions": [v.to_dict() for v in store.versions()],
        "state": store.active_state(),
        "audit": [e.to_dict() for e in store.audit(limit=10_000)],
        "files": sorted(p.name for p in store.files_dir.iterdir()),
        "references": sorted(p.name for p in store.references_dir.iterdir()),
    }
