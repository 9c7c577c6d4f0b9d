"""CLI ``kecamatan-list`` and ``region``; ``--by``/``--json`` on every store command; help in id and en."""

from __future__ import annotations

import json

import pytest

from lebak_dash.cli.main import main
from lebak_dash.config import use_region_timezone
from lebak_dash.i18n import use_region
from lebak_dash.records.region import default_region
from lebak_dash.store import Store

from .conftest import ROOT

BUNDLED = ROOT / "data" / "reference" / "kecamatan.csv"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")
    monkeypatch.delenv("LEBAK_TIMEZONE", raising=False)
    yield tmp_path / "store"
    region = default_region()
    use_region(region.full_name, region.kind)
    use_region_timezone(None)


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_kecamatan_list_import_versions_export_activate(data_dir, tmp_path, capsys):
    listed = tmp_path / "kec.csv"
    listed.write_text("id_kecamatan;nama_kecamatan;lat;lon\nA1;Kota Barat;-6,1;106,5\nA2;Kota Timur;-6,2;106,6\n")
    status, out, _ = run(capsys, "kecamatan-list", "import", listed, "--by", "ana", "--data-dir", data_dir)
    assert status == 0 and out.startswith("Daftar kecamatan versi 1 disimpan dan diaktifkan: 2 kecamatan (2 baru, 28")
    status, out, _ = run(capsys, "kecamatan-list", "--data-dir", data_dir, "versions", "--json", "--lang", "en")
    (version,) = json.loads(out)
    assert (version["version"], version["kecamatan_count"], version["centroids"], version["active"]) == (
        1,
        2,
        True,
        True,
    )
    exported = tmp_path / "out.csv"
    status, out, _ = run(capsys, "kecamatan-list", "export", exported, "--data-dir", data_dir, "--json")
    assert (
        status == 0
        and exported.read_bytes() == listed.read_bytes()
        and json.loads(out)["event"] == "kecamatan_exported"
    )
    run(capsys, "kecamatan-list", "export", exported, "--version", 0, "--data-dir", data_dir)
    assert exported.read_bytes() == BUNDLED.read_bytes()
    status, out, _ = run(capsys, "kecamatan-list", "activate", 0, "--data-dir", data_dir, "--by", "budi", "--json")
    assert status == 0 and json.loads(out) == {
        "event": "kecamatan_activated", "message": "Daftar kecamatan versi 0 sekarang aktif.", "number": 0
    }  # fmt: skip
    actions = [(e.action, e.actor) for e in Store.open(data_dir).audit(2)]
    assert actions == [("kecamatan_activate", "budi"), ("kecamatan_upload", "ana")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kode,wilayah\n1,A\n", "Daftar kecamatan tidak dapat dipakai: daftar kecamatan tidak memiliki kolom: nama"),
        ("nama,lat,lon\nA,-6.1,\n", "baris 2 memiliki lat tanpa lon"),
    ],
)
def test_a_bad_kecamatan_list_is_one_line_and_stores_nothing(data_dir, tmp_path, capsys, content, message):
    listed = tmp_path / "kec.csv"
    listed.write_text(content)
    status, out, err = run(capsys, "kecamatan-list", "import", listed, "--by", "ana", "--data-dir", data_dir)
    assert status == 1 and out == "" and message in err and len(err.splitlines()) == 1
    assert Store.open(data_dir).kecamatan_versions() == []


def test_kecamatan_list_import_needs_by(data_dir, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["kecamatan-list", "import", str(BUNDLED), "--data-dir", str(data_dir)])
    assert stop.value.code == 2 and "--by" in capsys.readouterr().err


def test_region_show_and_set(data_dir, capsys):
    status, out, _ = run(capsys, "region", "show", "--data-dir", data_dir)
    assert status == 0 and out == "Kabupaten Lebak (kode 36.02, zona waktu Asia/Jakarta), versi daerah 0.\n"
    status, out, _ = run(
        capsys, "region", "set", "--kind", "Kota", "--name", "Serang", "--code", "36.73", "--by", "ana",
        "--data-dir", data_dir, "--lang", "en",
    )  # fmt: skip
    assert status == 0 and out == "Region version 1 set: Kota Serang, time zone Asia/Jakarta.\n"
    status, out, _ = run(capsys, "region", "set", "--timezone", "Asia/Makassar", "--data-dir", data_dir)
    status, out, _ = run(capsys, "region", "show", "--json", "--data-dir", data_dir)
    assert json.loads(out) == {
        "version": 2, "kind": "Kota", "name": "Serang", "code": "36.73", "timezone": "Asia/Makassar",
        "full_name": "Kota Serang",
    }  # fmt: skip
    status, _, err = run(capsys, "region", "set", "--name", "[x](http://evil.example)", "--data-dir", data_dir)
    assert status == 1 and err.startswith("Kesalahan: Nama daerah wajib diisi")
    assert [e.action for e in Store.open(data_dir).audit(3)] == ["region_set", "region_set"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ("daftar kecamatan: ekspor, impor, versi, aktifkan", "daerah dasbor: tampilkan atau tetapkan")),
        ("en", ("kecamatan list: export, import, versions, activate", "the dashboard's region: show or set")),
    ],
)
def test_help_lists_the_new_commands_in_both_languages(capsys, lang, words):
    with pytest.raises(SystemExit):
        main(["--lang", lang, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert all(w in shown for w in words)
    with pytest.raises(SystemExit):
        main(["region", "set", "--help", "--lang", lang])
    shown = capsys.readouterr().out
    assert "--timezone" in shown and "--by" in shown and "--json" in shown and "--data-dir" in shown


def test_verify_and_activate_speak_json(data_dir, capsys):
    status, out, _ = run(capsys, "verify", "--json", "--data-dir", data_dir)
    assert status == 0 and json.loads(out) == {"ok": True, "problems": []}
    status, out, _ = run(capsys, "opd-list", "activate", 0, "--json", "--data-dir", data_dir, "--by", "ana")
    assert status == 0 and json.loads(out)["event"] == "reference_activated"
    assert Store.open(data_dir).audit(1)[0].actor == "ana"


def test_check_with_data_dir_reads_with_the_stores_kecamatan_list(data_dir, tmp_path, capsys):
    listed, innovations = tmp_path / "kec.csv", tmp_path / "inovasi.csv"
    listed.write_text("nama_kecamatan\nKota Barat\nKota Timur\n")
    innovations.write_text(
        "Nama Inovasi,OPD,Tahapan 5D,Kecamatan,Pemda\n"
        "A,Dinas Kesehatan,Design,Kota Barat,Pemkot Contoh\nB,Dinas Kesehatan,Design,Se-Kota Contoh,Kota Contoh\n"
    )
    run(capsys, "region", "set", "--kind", "Kota", "--name", "Contoh", "--data-dir", data_dir)
    run(capsys, "kecamatan-list", "import", listed, "--by", "ana", "--data-dir", data_dir)
    status, out, _ = run(capsys, "check", innovations, "--json", "--data-dir", data_dir)
    assert status == 0 and json.loads(out)["warnings"] == 0
    status, out, _ = run(capsys, "check", innovations, "--json")  # the bundled lists: Lebak's
    assert status == 0 and json.loads(out)["warnings"] > 0
