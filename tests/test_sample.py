"""The bundled sample workbook: reproducible, labelled, and imports cleanly."""

from __future__ import annotations

import json
import subprocess
import sys

from lebak_dash.analysis.aggregate import count_per_kecamatan, count_per_stage
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED, STAGES

from .conftest import ROOT, SAMPLE


def test_sample_is_regenerated_byte_for_byte(tmp_path):
    out = tmp_path / "sample.xlsx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_sample.py"), str(out)], check=True, capture_output=True
    )
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_sample_imports_without_issues(reference):
    result = import_workbook(SAMPLE, reference=reference)
    assert result.ok
    assert result.errors == [] and result.warnings == []
    assert 300 <= len(result.records) <= 999
    assert [s.name for s in result.sheets] == ["2018-2022", "2023-2026"]
    assert [s.name for s in result.skipped_sheets] == ["Petunjuk"]


def test_sample_covers_the_domain(reference):
    records = import_workbook(SAMPLE, reference=reference).records
    per_stage = count_per_stage(records)
    assert list(per_stage.index) == list(STAGES) and (per_stage > 0).all()
    per_kec = count_per_kecamatan(records, reference)
    assert (per_kec[reference.kecamatan_names] > 0).all()
    assert per_kec[KABUPATEN_WIDE] > 0 and per_kec[NOT_STATED] > 0
    assert (records["kecamatan"].map(len) > 1).any()
    assert set(records["tahun"].dropna()) == set(range(2018, 2027))
    names = set(records["nama"])
    assert any(n.startswith("NRP Des") for n in names) and "UJAS - JAMILAH" in names
    active = records["opd"].nunique()
    assert len(reference.opd_names) // 2 < active < len(reference.opd_names)


def test_sample_says_it_is_sample():
    from openpyxl import load_workbook

    wb = load_workbook(SAMPLE, read_only=True)
    for ws in wb.worksheets:
        text = " ".join(str(c) for row in ws.iter_rows(max_row=2, values_only=True) for c in row if c)
        assert "CONTOH" in text.upper()


def test_cli_check_json_on_sample():
    proc = subprocess.run(
        [sys.executable, "-m", "lebak_dash", "check", str(SAMPLE), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["ok"] is True
    assert summary["records"] == sum(summary["per_stage"].values())
    assert list(summary["per_stage"]) == list(STAGES)
