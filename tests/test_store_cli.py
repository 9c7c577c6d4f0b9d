"""The store commands of ``python -m lebak_dash``: same store, clear messages, never a traceback."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest

from lebak_dash.cli.main import COMMAND_MODULES, build_parser, main
from lebak_dash.cli.report import REPORT_KEYS
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.store import Store

from .conftest import SAMPLE
from .store_helpers import run_cli, workbook_csv


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")  # in-process runs; the subprocess tests isolate
    return tmp_path / "store"


def cli(data_dir, *args, capsys=None):
    command, *rest = args
    if command == "opd-list":
        status = main([command, rest[0], "--data-dir", str(data_dir), *rest[1:]])
    else:
        status = main([command, "--data-dir", str(data_dir), *rest])
    out = capsys.readouterr() if capsys else None
    return status, out


def test_import_versions_json_and_activate(data_dir, tmp_path, capsys):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(workbook_csv("a"))
    second.write_bytes(workbook_csv("b", extra=3))
    status, out = cli(data_dir, "versions", "--json", capsys=capsys)
    assert status == 0 and json.loads(out.out) == []
    status, out = cli(data_dir, "import", str(first), "--by", "siti", "--note", "awal", capsys=capsys)
    assert status == 0 and "Versi 1 disimpan dan diaktifkan: 481 inovasi" in out.out
    status, out = cli(data_dir, "import", str(second), "--by", "budi", capsys=capsys)
    assert status == 0 and "3 baru" in out.out and "Versi 2 disimpan" in out.out
    status, out = cli(data_dir, "versions", "--json", capsys=capsys)
    listed = json.loads(out.out)
    assert [v["version"] for v in listed] == [1, 2]
    for key in ("version", "sha256", "records", "active", "uploaded_by", "uploaded_at"):
        assert key in listed[0]
    assert [v["active"] for v in listed] == [False, True]
    assert [v["records"] for v in listed] == [481, 483]
    assert listed[0]["uploaded_by"] == "siti" and listed[0]["note"] == "awal" and listed[0]["kind"] == "cli"
    status, out = cli(data_dir, "activate", "1", "--by", "siti", capsys=capsys)
    assert status == 0 and "Versi 1 sekarang aktif" in out.out
    assert Store.open(data_dir).audit(limit=1)[0].action == "rollback"
    status, out = cli(data_dir, "versions", capsys=capsys)
    assert status == 0 and "a.csv" in out.out and "(awal)" in out.out


def test_import_json_is_the_check_report_plus_the_stored_version(data_dir, tmp_path, capsys):
    file = tmp_path / "a.csv"
    file.write_bytes(workbook_csv("a"))
    status, out = cli(data_dir, "check", str(file), "--json", capsys=capsys)
    checked = json.loads(out.out)
    status, out = cli(data_dir, "import", str(file), "--by", "siti", "--note", "awal", "--json", capsys=capsys)
    payload = json.loads(out.out)
    assert status == 0 and list(payload) == list(REPORT_KEYS)
    assert payload["ok"] and payload["version"] == 1 and payload["previous"] is None and payload["diff"]["baru"] == 481
    version = Store.open(data_dir).version(1).to_dict()
    assert {k: payload[k] for k in version} == version  # every key of the old import JSON, same meaning
    stored = REPORT_KEYS[REPORT_KEYS.index("version") :]
    file_keys = [k for k in REPORT_KEYS if k not in stored]
    assert {k: payload[k] for k in file_keys} == {k: checked[k] for k in file_keys}
    status, out = cli(data_dir, "import", str(file), "--by", "siti", "--json", capsys=capsys)
    again = json.loads(out.out)
    assert again["version"] == 2 and again["previous"] == 1 and again["duplicate_of"] == [1]
    assert again["diff"]["baru"] == 0 and again["diff"]["tetap"] == 481


def test_rejected_import_json_is_a_report(data_dir, tmp_path, capsys):
    file = tmp_path / "kosong.csv"
    file.write_bytes(b"")
    status, out = cli(data_dir, "import", str(file), "--by", "siti", "--json", capsys=capsys)
    payload = json.loads(out.out)
    assert status == 1 and list(payload) == list(REPORT_KEYS) and payload["ok"] is False
    assert payload["issues"][0]["severity"] == "error" and payload["version"] is None and payload["diff"] is None
    assert "Berkas ditolak; tidak ada yang disimpan" in out.err


def test_rejected_import_stores_nothing(data_dir, tmp_path, capsys):
    file = tmp_path / "kosong.xlsx"
    file.write_bytes(b"ini bukan excel")
    status, out = cli(data_dir, "import", str(file), "--by", "siti", capsys=capsys)
    assert status == 1 and "Berkas ditolak; tidak ada yang disimpan" in out.err
    store = Store.open(data_dir)
    assert store.versions() == [] and list(store.files_dir.iterdir()) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_imports_back_to_the_same_records(data_dir, tmp_path, capsys, suffix, reference):
    cli(data_dir, "import", str(SAMPLE), "--by", "siti", capsys=capsys)
    out_file = tmp_path / f"ekspor{suffix}"
    status, out = cli(data_dir, "export", str(out_file), capsys=capsys)
    assert status == 0 and "Versi 1 diekspor" in out.out
    original = import_workbook(SAMPLE, reference=reference)
    again = import_workbook(out_file, reference=reference)
    assert again.ok and again.issues == []
    columns = [c for c in original.records.columns if c not in ("sumber_sheet", "sumber_baris")]
    pd.testing.assert_frame_equal(again.records[columns], original.records[columns])


def test_export_a_given_version(data_dir, tmp_path, capsys):
    for tag, extra in (("a", 1), ("b", 4)):
        file = tmp_path / f"{tag}.csv"
        file.write_bytes(workbook_csv(tag, extra))
        cli(data_dir, "import", str(file), "--by", "siti", capsys=capsys)
    out_file = tmp_path / "v1.csv"
    status, _ = cli(data_dir, "export", "--version", "1", str(out_file), capsys=capsys)
    assert status == 0 and len(import_workbook(out_file).records) == 481


def test_failures_are_one_clear_line(data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    table = [
        (("activate", "9"), "Versi 9 tidak ada"),
        (("export", "x.txt"), "harus berakhiran .xlsx atau .csv"),
        (("export", "x.xlsx"), "Belum ada versi untuk diekspor"),
        (("template", "x.csv"), "harus berakhiran .xlsx"),
        (("import", "/tidak/ada.xlsx", "--by", "siti"), "tidak ditemukan"),
        (("opd-list", "activate", "3"), "Versi daftar OPD 3 tidak ada"),
    ]
    failures = []
    for args, message in table:
        status, out = cli(data_dir, *args, capsys=capsys)
        lines = out.err.splitlines()
        if not (status == 1 and len(lines) == 1 and lines[0].startswith("Kesalahan: ") and message in lines[0]):
            failures.append((args, status, out.err))
    assert failures == []


def test_template_command(data_dir, tmp_path, capsys):
    out_file = tmp_path / "templat.xlsx"
    status, _out = cli(data_dir, "template", str(out_file), capsys=capsys)
    assert status == 0 and out_file.read_bytes()[:2] == b"PK"
    result = import_workbook(out_file)
    assert [i.code for i in result.issues] == ["file.no_rows"]  # headers, no rows yet


def test_opd_list_commands(data_dir, tmp_path, capsys):
    exported = tmp_path / "opd.csv"
    status, _ = cli(data_dir, "opd-list", "export", str(exported), capsys=capsys)
    assert status == 0
    exported.write_bytes(exported.read_bytes() + b"Dinas Uji Coba,DUC,,Dinas,ya\n")
    status, out = cli(data_dir, "opd-list", "import", str(exported), "--by", "siti", capsys=capsys)
    assert status == 0 and "1 baru" in out.out
    status, out = cli(data_dir, "opd-list", "versions", "--json", capsys=capsys)
    assert [v["version"] for v in json.loads(out.out)] == [1]
    assert Store.open(data_dir).reference().match_opd("DUC") == "Dinas Uji Coba"
    bad = tmp_path / "rusak.csv"
    bad.write_bytes(b"nama,jenis\nX,Dinas\n")
    status, out = cli(data_dir, "opd-list", "import", str(bad), "--by", "siti", capsys=capsys)
    assert status == 1 and "Daftar OPD tidak dapat dipakai" in out.err


def test_audit_and_verify(data_dir, tmp_path, capsys):
    file = tmp_path / "a.csv"
    file.write_bytes(workbook_csv("a"))
    cli(data_dir, "import", str(file), "--by", "siti", capsys=capsys)
    status, out = cli(data_dir, "audit", "--json", capsys=capsys)
    entries = json.loads(out.out)
    assert status == 0 and entries[0]["action"] == "upload" and entries[0]["actor"] == "siti"
    status, out = cli(data_dir, "verify", capsys=capsys)
    assert status == 0 and "Penyimpanan utuh: 1 versi" in out.out
    (Store.open(data_dir).files_dir / entries[0]["detail"]["sha256"]).write_bytes(b"rusak")
    status, out = cli(data_dir, "verify", capsys=capsys)
    assert status == 1 and "berkas rusak (isinya tidak cocok dengan hash-nya): " in out.out


def test_every_store_command_takes_data_dir_before_or_after_it(data_dir, tmp_path, capsys):
    def commands(parser, path=()):
        for action in parser._subparsers._group_actions if parser._subparsers else ():
            for name, child in action.choices.items():
                if child._subparsers:
                    yield from commands(child, (*path, name))
                else:
                    yield (*path, name), child

    every = dict(commands(build_parser()))
    # fifteen commands; opd-list, kecamatan-list, boundaries and mapping with four each, stage-map three, region two
    assert len(every) == 36
    # Every store command; check stores nothing and takes no --by; migrate names its two stores (--from, --to).
    expected = {"--data-dir": ["migrate"], "--store-url": ["migrate"], "--json": [], "--by": ["check", "migrate"]}
    for option, exceptions in expected.items():
        without = [" ".join(name) for name, parser in every.items() if option not in parser._option_string_actions]
        assert without == exceptions, option
    out_file = tmp_path / "opd.csv"
    assert main(["--data-dir", str(data_dir), "opd-list", "export", str(out_file)]) == 0
    assert main(["opd-list", "--data-dir", str(data_dir), "versions", "--json"]) == 0
    assert main(["editors", "--json", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["[]", "[]"] and (data_dir / "catalog.sqlite").is_file()


def test_command_modules_register_themselves_without_importing_the_parser():
    """The cycle is gone: main imports the command modules, which never import main back."""
    for module in COMMAND_MODULES:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert "lebak_dash.cli.main" not in imported and callable(module.register), module.__name__


def test_english_messages(data_dir, capsys):
    status = main(["--lang", "en", "activate", "--data-dir", str(data_dir), "4"])
    assert status == 1 and "Version 4 does not exist" in capsys.readouterr().err


def test_real_process_exit_codes_and_no_traceback(tmp_path):
    data_dir = tmp_path / "store"
    proc = run_cli(data_dir, "import", str(SAMPLE), "--by", "siti")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli(data_dir, "versions", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)[0]["records"] == 480
    proc = run_cli(data_dir, "activate", "2")
    assert proc.returncode == 1 and "Versi 2 tidak ada" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli(data_dir, "activate")  # wrong usage
    assert proc.returncode == 2
    proc = run_cli(data_dir, "add-editor", "siti")  # no terminal, no --password-stdin
    assert proc.returncode == 1 and "--password-stdin" in proc.stderr and "Traceback" not in proc.stderr


def test_data_dir_that_cannot_be_created(tmp_path, capsys):
    blocker = tmp_path / "berkas"
    blocker.write_bytes(b"")
    status = main(["versions", "--data-dir", str(blocker / "store")])
    err = capsys.readouterr().err
    assert status == 1 and "Kesalahan: " in err and str(blocker) in err


def test_readme_documents_every_command_and_every_report_key():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    table = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = [key.strip(" `") for cell in table for key in cell.split(",")]
    assert documented == list(REPORT_KEYS)
    commands = [name for name, _ in build_parser()._subparsers._group_actions[0].choices.items()]
    assert [c for c in commands if f" {c}" not in section] == []
