"""The ``check`` command and the parser: one JSON report, exit status 0/1/2, Indonesian or English."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lebak_dash.cli.main import main
from lebak_dash.cli.report import REPORT_KEYS

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
    assert list(summary) == list(REPORT_KEYS)  # the one report schema, every key present
    stored = REPORT_KEYS[REPORT_KEYS.index("version") :]
    assert {k: summary[k] for k in stored} == dict.fromkeys(stored)  # check stores nothing
    assert summary["ok"] is True and summary["filename"] == "bappeda_2019.xlsx" and summary["format"] == "xlsx"
    assert summary["reference_version"] is None and summary["duplicate_of"] == [] and len(summary["sha256"]) == 64
    assert summary["rejected"] == summary["rejected_rows"] and summary["sheets"] == ["Data 2019", "Data 2020"]
    assert summary["errors"] == sum(i["severity"] == "error" for i in summary["issues"])
    assert summary["warnings"] == sum(i["severity"] == "warning" for i in summary["issues"])
    assert summary["records"] == len(ex.MAIN_RECORDS) and summary["rejected_rows"] == ex.MAIN_REJECTED
    assert summary["per_stage"] == {**ex.MAIN_PER_STAGE, "Tahap belum diisi": 1}  # the gap after the five
    assert summary["per_stage_iid"] == {} and summary["per_urusan"] == {}  # nothing to count: {}
    assert summary["per_opd"] == ex.MAIN_PER_OPD  # reference names, OPDs with innovations
    assert (summary["duplicate_rows"], summary["skipped_rows"], summary["mappings"], summary["stage_map"]) == (
        1, 0, [], None
    )  # fmt: skip
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
    assert [s["sheet"] for s in summary["skipped_sheets"]] == ["Petunjuk"]
    assert all(s["reason"].startswith("Skipped: ") for s in summary["skipped_sheets"])
    messages = [i["message"] for i in summary["issues"]]
    assert any("Sheet without an OPD column" in m for m in messages)


def test_readable_summary_is_indonesian(tmp_path):
    proc = cli("check", str(FIXTURES / "bappeda_2019.xlsx"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Berkas diterima: 13 inovasi dari lembar Data 2019, Data 2020." in out
    assert "Baris ditolak: 4" in out
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
        report = json.loads(proc.stdout)
        assert list(report) == list(REPORT_KEYS) and report["ok"] is False and report["records"] == 0
        assert [(i["severity"], i["code"]) for i in report["issues"]] == [("error", "cli.file_missing")]


def test_check_reads_with_the_stores_opd_list_and_never_creates_a_store(tmp_path, capsys, monkeypatch):
    """``check --data-dir`` reads a file as ``import`` would: with the active OPD list, naming duplicates."""
    from lebak_dash.store import Store

    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")
    empty = tmp_path / "kosong"
    data = b"Nama Inovasi,OPD,Tahapan\r\nSatu,DUC,Design\r\n"
    (tmp_path / "a.csv").write_bytes(data)
    assert main(["check", str(tmp_path / "a.csv"), "--json", "--data-dir", str(empty)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["per_opd"] == {"DUC": 1} and report["reference_version"] is None and not empty.exists()
    store = Store.open(tmp_path / "store")
    opd = store.reference_bytes() + b"Dinas Uji Coba,DUC,,Dinas,ya\n"
    store.add_reference(store.check_reference(opd, "opd.csv"), by="siti")
    store.add_version(store.check(data, "a.csv", isolated=False), by="siti")
    assert main(["--data-dir", str(store.root), "check", str(tmp_path / "a.csv"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["per_opd"] == {"Dinas Uji Coba": 1} and report["reference_version"] == 1
    assert report["duplicate_of"] == [1] and report["version"] is None


# ------------------------------------------------------------------------------- the parser
def test_wrong_usage_exits_2_without_a_traceback():
    proc = cli("check", "x.xlsx", "--jsn")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("pemakaian: python -m lebak_dash") and "Traceback" not in proc.stderr


def test_usage_errors_say_what_is_wrong_in_the_readers_language(capsys):
    table = [
        ([], "kesalahan: argumen wajib belum diberikan: PERINTAH"),
        (["check"], "check: kesalahan: argumen wajib belum diberikan: BERKAS"),
        (["periksa", "x.xlsx"], "kesalahan: argumen PERINTAH: pilihan 'periksa' tidak dikenal (pilih dari 'check',"),
        (["check", "x.xlsx", "--jsn"], "lebak_dash: kesalahan: argumen tidak dikenal: --jsn"),
        (["check", "x.xlsx", "--lang", "fr"], "kesalahan: argumen --lang: pilihan 'fr' tidak dikenal"),
        (["activate", "satu"], "activate: kesalahan: argumen N: nilai 'satu' tidak sah"),
        (["--lang", "en", "activate"], "activate: error: the following arguments are required: N"),
        (["activate", "--lang", "en", "x"], "activate: error: argument N: invalid value 'x'"),
    ]
    seen = []
    for args, _ in table:
        with pytest.raises(SystemExit) as info:
            main(args)
        err = capsys.readouterr().err
        seen.append((info.value.code, err.startswith("usage: " if "en" in args else "pemakaian: "), err))
    assert [(code, prefixed) for code, prefixed, _ in seen] == [(2, True)] * len(table)
    assert [(m, err) for (_, m), (_, _, err) in zip(table, seen, strict=True) if m not in err] == []


def test_help_is_in_the_language_asked_for(capsys):
    helps = {}
    for name, argv in (
        ("id", ["--help"]),
        ("en", ["--lang", "en", "--help"]),
        ("import_en", ["import", "--help", "--lang=en"]),  # --lang after --help still counts
        ("opd_en", ["opd-list", "--lang", "en", "import", "-h"]),
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
        helps[name] = capsys.readouterr().out
    assert helps["id"].startswith("pemakaian: ") and "tampilkan bantuan ini lalu keluar" in helps["id"]
    assert "periksa sebuah berkas tanpa menyimpannya" in helps["id"]
    for name in ("en", "import_en", "opd_en"):
        assert helps[name].startswith("usage: ") and "show this help and exit" in helps[name], name
        assert not any(word in helps[name] for word in ("berkas", "bawaan", "periksa", "nama yang", "opsi:")), name
    assert "check a file, store it as a new version" in helps["import_en"]
