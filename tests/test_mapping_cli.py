"""``--mapping``, ``mapping ...`` and ``stage-map ...`` on the command line: exit 0/1/2, clear messages."""

from __future__ import annotations

import json

import pytest

from lebak_dash.cli.main import main
from lebak_dash.store import Store

from .helpers import csv_bytes
from .store_helpers import run_cli

LAN = csv_bytes([["Kode", "Ide Inovasi", "Inovator", "K/L/D"], ["K-1", "Ide Satu", "Dinkes", "Pemkot"]])
# The mapping's headers in another order (a mapping applies wherever all its headers are).
LAN_TWO = csv_bytes(
    [["K/L/D", "Ide Inovasi", "Kode", "Inovator"], ["Pemkab", "Ide Dua", "K-2", "Disdik"], ["-", "Ide 3", "K-3", "-"]]
)
MAPPING = {"columns": {"Ide Inovasi": "nama", "Inovator": "opd", "K/L/D": None}}


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")  # in-process store checks; check without a store isolates
    (tmp_path / "lan.csv").write_bytes(LAN)
    (tmp_path / "lan2.csv").write_bytes(LAN_TWO)
    (tmp_path / "map.json").write_text(json.dumps(MAPPING))
    (tmp_path / "rusak.json").write_text("{columns: ")
    (tmp_path / "kunci.json").write_text(json.dumps({"columns": {"Inovator": "instansi"}}))
    (tmp_path / "tidak_cocok.json").write_text(json.dumps({"columns": {"Judul Kegiatan": "nama"}}))
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_a_mapping_file_that_cannot_be_used_is_a_usage_error(files, capsys):
    found = []
    for name, words in [
        ("rusak.json", "bukan JSON yang sah"),
        ("kunci.json", "kunci 'instansi'"),
        ("tidak_ada.json", "tidak ditemukan"),
    ]:
        status, out, err = run(capsys, "check", str(files / "lan.csv"), "--mapping", str(files / name), "--json")
        found.append((name, status, out, words in err and err.startswith("Kesalahan:")))
    assert found == [(name, 2, "", True) for name in ("rusak.json", "kunci.json", "tidak_ada.json")]
    status, _out, err = run(capsys, "--lang", "en", "import", str(files / "lan.csv"), "--by", "siti",
                            "--mapping", str(files / "kunci.json"), "--data-dir", str(files / "store"))  # fmt: skip
    assert status == 2 and "unknown key 'instansi'" in err and Store.open(files / "store").versions() == []


def test_check_with_a_mapping_reads_the_file_and_saves_nothing(files, capsys):
    status, out, _err = run(capsys, "check", str(files / "lan.csv"), "--json")
    assert status == 1 and json.loads(out)["issues"][0]["code"] == "file.no_data_sheet"  # no data sheet: exit 1
    status, out, _err = run(capsys, "check", str(files / "lan.csv"), "--mapping", str(files / "map.json"), "--json")
    report = json.loads(out)
    assert status == 0 and report["records"] == 1 and report["per_opd"] == {"Dinas Kesehatan": 1}
    assert report["mappings"] == [{"number": None, "explicit": True, "columns": MAPPING["columns"], "sheets": ["CSV"]}]
    status, out, _err = run(capsys, "check", str(files / "lan.csv"), "--mapping", str(files / "tidak_cocok.json"))
    assert status == 1 and "tidak cocok dengan lembar mana pun" in out  # reported, and still no data sheet


def test_import_saves_the_mapping_and_later_files_use_it(files, capsys):
    store_dir = str(files / "store")
    status, out, _err = run(capsys, "import", str(files / "lan.csv"), "--by", "siti", "--mapping",
                            str(files / "map.json"), "--data-dir", store_dir, "--json")  # fmt: skip
    assert status == 0 and json.loads(out)["mappings"][0]["number"] == 1
    status, out, _err = run(capsys, "check", str(files / "lan2.csv"), "--data-dir", store_dir, "--json")
    report = json.loads(out)
    assert status == 0 and [m["number"] for m in report["mappings"]] == [1]
    assert report["per_opd"] == {"Dinas Pendidikan": 1, "OPD belum diisi": 1}
    status, out, _err = run(capsys, "check", str(files / "lan2.csv"), "--json")  # without --data-dir: bundled only
    assert status == 1 and json.loads(out)["mappings"] == []
    status, out, _err = run(capsys, "import", str(files / "lan2.csv"), "--by", "budi", "--data-dir", store_dir)
    assert status == 0 and "pemetaan kolom nomor 1" in out and "Pemetaan kolom #1 dipakai untuk lembar: CSV" in out


def test_mapping_commands(files, capsys):
    store_dir = str(files / "store")
    status, out, _err = run(capsys, "mapping", "list", "--data-dir", store_dir)
    assert status == 0 and "Belum ada pemetaan kolom" in out
    status, out, _err = run(
        capsys, "mapping", "import", str(files / "map.json"), "--by", "siti", "--data-dir", store_dir
    )
    assert status == 0 and "nomor 1" in out
    status, out, _err = run(capsys, "mapping", "export", "1", "--data-dir", store_dir)
    assert status == 0 and json.loads(out) == MAPPING
    exported = files / "keluar.json"
    assert run(capsys, "mapping", "export", "1", str(exported), "--data-dir", store_dir)[0] == 0
    assert json.loads(exported.read_text()) == MAPPING
    status, _out, err = run(
        capsys, "mapping", "import", str(files / "rusak.json"), "--by", "siti", "--data-dir", store_dir
    )
    assert status == 2 and "bukan JSON" in err
    status, out, _err = run(capsys, "mapping", "retire", "1", "--by", "budi", "--data-dir", store_dir)
    assert status == 0 and "tidak dipakai lagi" in out
    status, _out, err = run(capsys, "mapping", "retire", "7", "--data-dir", store_dir)
    assert status == 1 and "Tidak ada pemetaan kolom nomor 7" in err
    status, out, _err = run(capsys, "mapping", "list", "--json", "--data-dir", store_dir)
    listed = json.loads(out)
    assert [(m["mapping"], m["retired"], m["created_by"], m["columns"]) for m in listed] == [
        (1, True, "siti", MAPPING["columns"])
    ]
    actions = [e.action for e in Store.open(store_dir).audit(limit=2)]
    assert actions == ["mapping_retired", "mapping_saved"]


def test_stage_map_commands(files, capsys):
    store_dir = str(files / "store")
    status, out, _err = run(capsys, "stage-map", "show", "--data-dir", store_dir)
    assert status == 0 and "tidak dipakai" in out
    status, _out, err = run(capsys, "stage-map", "set", "Inisiatif=Selesai", "--data-dir", store_dir)
    assert status == 2 and "'Selesai' bukan tahapan 5D" in err
    status, _out, err = run(capsys, "stage-map", "set", "Inisiatif", "--data-dir", store_dir)
    assert status == 2 and "TAHAP_IID=TAHAP_5D" in err
    status, out, _err = run(capsys, "stage-map", "set", "Inisiatif=Design", "uji coba=4", "Penerapan=Display",
                            "--by", "siti", "--data-dir", store_dir)  # fmt: skip
    assert status == 0 and "Inisiatif -> Design, Uji Coba -> Delivery, Penerapan -> Display" in out
    status, out, _err = run(capsys, "stage-map", "show", "--json", "--data-dir", store_dir)
    shown = json.loads(out)
    assert shown["active"] == 1 and shown["versions"][0]["map"]["Uji Coba"] == "Delivery"
    data = csv_bytes([["Nama Inovasi", "OPD", "Tahapan Inovasi"], ["A", "Dinkes", "Uji Coba"], ["B", "Dinkes", "-"]])
    (files / "iid.csv").write_bytes(data)
    status, out, _err = run(capsys, "check", str(files / "iid.csv"), "--data-dir", store_dir, "--json")
    report = json.loads(out)
    assert (report["stage_map"], report["per_stage"], report["per_stage_iid"]) == (
        1, {"Delivery": 1, "Tahap belum diisi": 1}, {"Uji Coba": 1}
    )  # fmt: skip
    status, out, _err = run(capsys, "stage-map", "off", "--by", "budi", "--data-dir", store_dir)
    assert status == 0 and "dimatikan" in out
    status, out, _err = run(capsys, "check", str(files / "iid.csv"), "--data-dir", store_dir, "--json")
    assert json.loads(out)["per_stage"] == {"Tahap belum diisi": 1} and json.loads(out)["stage_map"] is None


def test_check_reads_the_bundled_lists_unless_data_dir_is_given(files):
    """A store in LEBAK_DATA_DIR is not read by ``check`` without ``--data-dir`` (a subprocess: the real default)."""
    store = Store.open(files / "env_store")
    store.set_stage_map(Store.open(files / "env_store").stage_map() or _stage_map(), by="siti")
    proc = run_cli(files / "env_store", "check", str(files / "lan.csv"), "--mapping", str(files / "map.json"), "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["stage_map"] is None


def _stage_map():
    from lebak_dash.records.stagemap import parse_stage_map_pairs

    return parse_stage_map_pairs(["Penerapan=Display"])
