"""The ``check`` command: one JSON object, exit status 0/1/2, a readable Indonesian summary."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from . import expected as ex
from .conftest import FIXTURES, ROOT
from .helpers import data_rows, xlsx_bytes


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lebak_dash", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def main_json():
    proc = cli("check", str(FIXTURES / "bappeda_2019.xlsx"), "--json")
    return proc


def test_json_is_one_object_with_the_contract_keys(main_json):
    assert main_json.returncode == 0, main_json.stderr
    assert main_json.stdout.count("\n") == 1  # one line, one object
    summary = json.loads(main_json.stdout)
    assert {"ok", "records", "rejected_rows", "per_stage", "per_opd", "per_kecamatan", "issues"} <= set(summary)
    assert summary["ok"] is True
    assert summary["records"] == len(ex.MAIN_RECORDS) and summary["rejected_rows"] == ex.MAIN_REJECTED
    assert summary["per_stage"] == ex.MAIN_PER_STAGE
    assert summary["per_opd"] == ex.MAIN_PER_OPD  # reference names, OPDs with innovations
    assert {k: v for k, v in summary["per_kecamatan"].items() if v} == ex.MAIN_PER_KECAMATAN
    assert list(summary["per_kecamatan"])[-2:] == ["Semua Kecamatan", "Tidak disebut"]
    for issue in summary["issues"]:
        assert {"sheet", "row", "column", "severity", "message"} <= set(issue)
        assert issue["severity"] in ("error", "warning", "info")
    located = [(i["severity"], i["code"], i["sheet"], i["row"], i["column"]) for i in summary["issues"]]
    assert [x for x in located if x[0] != "info"] == ex.MAIN_ISSUES
    error = next(i for i in summary["issues"] if i["severity"] == "error")
    assert error["message"] == "Kolom wajib 'Nama Inovasi' kosong; baris tidak diimpor."


def test_json_when_every_row_is_rejected(tmp_path):
    path = tmp_path / "salah.xlsx"
    path.write_bytes(xlsx_bytes({"Data": data_rows(["A", "Dinkes", "Selesai", None])}))
    proc = cli("check", str(path), "--json")
    assert proc.returncode == 1
    summary = json.loads(proc.stdout)
    assert summary["ok"] is False and summary["records"] == 0 and summary["rejected_rows"] == 1
    assert summary["issues"][0]["severity"] == "error" and "Semua 1 baris ditolak" in summary["issues"][0]["message"]


def test_json_in_english():
    proc = cli("check", str(FIXTURES / "per_opd.xlsx"), "--json", "--lang", "en")
    summary = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert [s["sheet"] for s in summary["skipped_sheets"]] == ["Petunjuk", "Lainnya"]
    assert all(s["reason"].startswith("Skipped: ") for s in summary["skipped_sheets"])
    messages = [i["message"] for i in summary["issues"]]
    assert any("Sheet without an OPD column" in m for m in messages)


def test_readable_summary_is_indonesian(tmp_path):
    proc = cli("check", str(FIXTURES / "bappeda_2019.xlsx"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Berkas diterima: 12 inovasi dari lembar Data 2019, Data 2020." in out
    assert "Baris ditolak: 5" in out
    assert "Per tahapan 5D:" in out and "Per kecamatan:" in out
    assert "Lembar dilewati: Petunjuk" in out
    assert "[kesalahan] lembar 'Data 2019' baris 10, kolom C 'Nama Inovasi:'" in out
    assert "[peringatan] lembar 'Data 2019' baris 12" in out


def test_readable_summary_of_a_rejected_file(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    proc = cli("check", str(path))
    assert proc.returncode == 1
    assert "Berkas ditolak." in proc.stdout and "Berkas kosong" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_missing_file(tmp_path, flag):
    proc = cli("check", str(tmp_path / "tidak-ada.xlsx"), *flag)
    assert proc.returncode == 1
    assert "tidak ditemukan" in (proc.stdout + proc.stderr)
    if flag:
        assert json.loads(proc.stdout)["ok"] is False


@pytest.mark.parametrize(
    "args",
    [[], ["check"], ["periksa", "x.xlsx"], ["check", "x.xlsx", "--jsn"], ["check", "x.xlsx", "--lang", "fr"]],
    ids=["nothing", "no-file", "unknown-command", "unknown-option", "bad-lang"],
)
def test_wrong_usage_exits_2(args):
    proc = cli(*args)
    assert proc.returncode == 2
    assert "usage" in proc.stderr.lower() and "Traceback" not in proc.stderr
    assert proc.stdout == ""
