"""Hostile and broken files end in one Indonesian JSON verdict, in bounded time and memory.

Every case runs the real command line (``python -m lebak_dash check FILE --json``) in a
subprocess, as an upload would run the sandboxed import, and checks: exit status 1, exactly one
JSON object on stdout, an error that says why and what to do, no traceback, the child finished
within a generous bound (the subprocess timeout, not a timing assertion), and the peak resident
memory of the whole process tree stayed below 1.5 GiB.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from lebak_dash.config import Limits
from lebak_dash.ingest.sandbox import import_isolated

from . import badfiles as bf
from .conftest import FIXTURES, ROOT

TIMEOUT_S = 60
MEMORY_CEILING = int(1.5 * 1024**3)
ACTION_WORDS = ("simpan", "unggah", "hapus", "pecah", "periksa", "buka", "minta admin")


def run_check(path: Path, env: dict[str, str] | None = None) -> tuple[int, dict, str, int]:
    """Run ``check --json`` on `path`; return (exit status, JSON, stderr, peak RSS of the tree)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "lebak_dash", "check", str(path), "--json"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak = 0
    watched = psutil.Process(proc.pid)
    deadline = time.monotonic() + TIMEOUT_S
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            proc.communicate()
            pytest.fail(f"check did not end within {TIMEOUT_S} s")
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.01)
    stdout, stderr = proc.communicate()
    return proc.returncode, json.loads(stdout.decode("utf-8")), stderr.decode("utf-8", "replace"), peak


def assert_rejected(path: Path, code: str, *fragments: str, env: dict[str, str] | None = None) -> dict:
    """Assert the CLI rejects `path` with error `code` whose message holds every fragment."""
    status, summary, stderr, peak = run_check(path, env)
    assert status == 1, summary
    assert "Traceback" not in stderr
    assert peak < MEMORY_CEILING, f"peak RSS {peak / 2**20:.0f} MiB"
    assert summary["ok"] is False and summary["records"] == 0
    errors = [i for i in summary["issues"] if i["severity"] == "error"]
    assert errors, summary["issues"]
    assert errors[0]["code"] == code, errors[0]
    message = errors[0]["message"]
    assert any(word in message.lower() for word in ACTION_WORDS), message  # says what to do
    for fragment in fragments:
        assert fragment in message, message
    return summary


@pytest.fixture
def write(tmp_path):
    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _scramble(data: bytes) -> bytes:
    damaged = bytearray(data)
    for i in range(len(damaged) // 3, len(damaged) // 3 + 400):
        damaged[i] ^= 0x5A
    return bytes(damaged)


# -------------------------------------------------------------------------- broken or foreign
@pytest.mark.parametrize("damage", [_truncate, _scramble], ids=["truncated", "corrupt"])
@pytest.mark.parametrize("name", ["bappeda_2019.xlsx", "bappeda_2019.xls", "bappeda_2019.ods"])
def test_corrupt_and_truncated_workbooks(write, name, damage):
    path = write(name, damage((FIXTURES / name).read_bytes()))
    assert_rejected(path, "file.corrupt", "rusak atau terpotong")


@pytest.mark.parametrize("name", ["password_rahasia.xlsx", "password_rahasia.xls", "password_rahasia.ods"])
def test_password_protected_workbooks(name):
    assert_rejected(FIXTURES / name, "file.encrypted", "kata sandi")


def test_renamed_program(write):
    path = write("laporan.xlsx", Path(shutil.which("true") or "/bin/true").read_bytes())
    assert_rejected(path, "file.unknown_format", "program", ".xlsx")


@pytest.mark.parametrize("name", ["acak.xlsx", "acak.csv", "acak"])
def test_random_bytes(write, name):
    assert_rejected(write(name, random.Random(7).randbytes(50_000)), "file.unknown_format", "bukan lembar kerja")


def test_empty_file(write):
    assert_rejected(write("kosong.xlsx", b""), "file.empty", "kosong")


def test_missing_file(tmp_path):
    status, summary, _stderr, _peak = run_check(tmp_path / "tidak-ada.xlsx")
    assert status == 1 and summary["ok"] is False and "tidak ditemukan" in summary["issues"][0]["message"]


CSV_TEXT = "Nama Inovasi,OPD,Tahapan 5D\nKopi Café,Dinkes,Design\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_csv_in_a_wide_encoding(write, encoding):
    summary = assert_rejected(write("data.csv", CSV_TEXT.encode(encoding)), "file.text_encoding", "CSV UTF-8")
    assert "UTF-" in summary["issues"][0]["message"]


def test_latin1_csv_is_read_as_windows_1252(write):
    # Latin-1 text is Windows-1252 text for every letter Indonesian uses: accepted, with a note.
    status, summary, _stderr, _peak = run_check(write("data.csv", CSV_TEXT.encode("latin-1")))
    assert status == 0 and summary["records"] == 1
    assert [i["code"] for i in summary["issues"]] == ["file.csv_encoding"]


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"%PDF-1.4 ...", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"<html><body><table><tr><td>Nama Inovasi</td></tr></table></body></html>", "HTML"),
        (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "XML"),
        (b"PK\x03\x04" + b"\x00" * 60, "zip"),
    ],
    ids=["pdf", "png", "html", "xml2003", "broken-zip"],
)
def test_other_files_named_as_spreadsheets(write, data, detail):
    status, summary, stderr, _peak = run_check(write("data.xls", data))
    assert status == 1 and "Traceback" not in stderr
    assert detail in summary["issues"][0]["message"]


# --------------------------------------------------------------------------- XML entity tricks
@pytest.mark.parametrize(
    ("part", "declaration", "entity"),
    [
        ("xl/sharedStrings.xml", bf.BILLION_LAUGHS, b"&lol4;"),
        ("xl/workbook.xml", bf.BILLION_LAUGHS, b""),
        ("xl/worksheets/sheet2.xml", bf.BILLION_LAUGHS, b""),
        ("xl/sharedStrings.xml", bf.EXTERNAL_ENTITY, b"&xxe;"),
        ("xl/worksheets/sheet2.xml", bf.EXTERNAL_ENTITY, b""),
    ],
    ids=["laughs-sharedStrings", "laughs-workbook", "laughs-sheet", "xxe-sharedStrings", "xxe-sheet"],
)
def test_xml_entity_tricks(write, part, declaration, entity):
    data = bf.rewrite_zip(
        (FIXTURES / "bappeda_2019_lo.xlsx").read_bytes(), {part: bf.with_declaration(declaration, entity)}
    )
    assert_rejected(write("entity.xlsx", data), "file.xml_entity", "DOCTYPE/ENTITY")


def test_doctype_deep_inside_a_part(write):
    def late(content: bytes) -> bytes:
        head, body = content.split(b"?>", 1)
        return head + b"?><!-- " + b"x" * 100_000 + b' --><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">' + body

    data = bf.rewrite_zip((FIXTURES / "bappeda_2019_lo.xlsx").read_bytes(), {"xl/sharedStrings.xml": late})
    assert_rejected(write("late.xlsx", data), "file.xml_entity")


def test_entity_in_ods_content(write):
    edit = bf.with_declaration(bf.BILLION_LAUGHS, b"&lol4;", needle=b"NRP Des")
    data = bf.rewrite_zip((FIXTURES / "bappeda_2019.ods").read_bytes(), {"content.xml": edit})
    assert_rejected(write("entity.ods", data), "file.xml_entity")


# --------------------------------------------------------------------------- compression bombs
MIB = 1 << 20


def test_sheet_bomb(write):
    # 2 GiB of sheet XML in a 2 MB file.
    data = bf.simple_xlsx(b"", chunk=b" " * MIB, repeat=2048)
    assert len(data) < 4 * MIB
    assert_rejected(write("bom.xlsx", data), "file.too_expanded", "600 MB")


def test_shared_strings_bomb(write):
    shared = bf.Part(
        "xl/sharedStrings.xml",
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
        b"A" * MIB,
        2048,
        b"</t></si></sst>",
    )
    data = bf.build_zip(bf.xlsx_parts([("Data", bf.sheet_part(b""))], extra=[shared]))
    assert_rejected(write("bom.xlsx", data), "file.too_expanded")


def test_many_small_cells_bomb(write):
    # 8 million cells (200,000 rows of 40), each within the row and column limits.
    data = bf.simple_xlsx(b"", chunk=b"<row>" + b"<c><v>1</v></c>" * 40 + b"</row>", repeat=200_000)
    assert_rejected(write("cells.xlsx", data), "file.too_many_cells", "6.000.000", "LEBAK_MAX_CELLS")


def test_lying_zip_header(write):
    # The sheet declares 4 KB (with the checksum of its first 4 KB) but inflates to 1 GiB.
    part = bf.sheet_part(b"", chunk=b" " * MIB, repeat=1024)
    part.declared_size = 4096
    data = bf.build_zip(bf.xlsx_parts([("Data", part)]))
    assert_rejected(write("bohong.xlsx", data), "file.too_expanded")


def test_ratio_limit_from_env(write):
    data = bf.simple_xlsx(b"", chunk=b" " * MIB, repeat=64)
    assert_rejected(
        write("rasio.xlsx", data),
        "file.too_expanded",
        "30 MB",
        env={"LEBAK_MAX_EXPANDED_MB": "30", "LEBAK_MAX_RATIO": "100000"},
    )


# --------------------------------------------------------------------------- dense-range bombs
DENSE = {
    "plain": b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    "attribute-order": b'<row spans="1:1" r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>',
    "single-quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "no-row-number": b'<row><c t="n" r="XFD1048576"><v>1</v></c></row>',
    "cell-row-only": b'<row r="3"><c r="XFD1048576"><v>1</v></c></row>',
    "far-row-no-ref": b'<row r="1048576"><c><v>1</v></c></row>',
}


@pytest.mark.parametrize("body", DENSE.values(), ids=DENSE.keys())
def test_dense_range_bomb(write, body):
    status, summary, stderr, peak = run_check(write("dense.xlsx", bf.simple_xlsx(body)))
    assert status == 1 and peak < MEMORY_CEILING and "Traceback" not in stderr
    (error,) = [i for i in summary["issues"] if i["severity"] == "error"]
    assert error["code"] in ("file.too_many_rows", "file.too_many_columns", "file.too_many_cells")
    assert "batas" in error["message"] and "Data" in error["message"]


def test_dense_rectangle_within_row_and_column_limits(write):
    # Rows and columns each within their limits, but the rectangle is 20 million cells.
    data = bf.simple_xlsx(b'<row r="99999"><c r="GR99999"><v>1</v></c></row>')
    assert_rejected(write("persegi.xlsx", data), "file.too_many_cells", "19.999.800", "6.000.000")


def test_sandbox_stops_what_the_prescan_lets_through():
    # With the prescan's limits out of the way the parser itself must allocate the whole sheet
    # (calamine aborts the process on such a request); the sandboxed child absorbs it.
    limits = Limits(max_rows=10**7, max_columns=20_000, max_cells=10**13, max_memory_mb=300, timeout_s=30)
    result = import_isolated(bf.simple_xlsx(DENSE["plain"]), filename="dense.xlsx", limits=limits)
    assert not result.ok
    assert result.issues[0].code in ("file.memory", "file.corrupt")
    if result.issues[0].code == "file.memory":
        assert "300 MB" in result.issues[0].message()


@pytest.mark.parametrize(
    ("rows_xml", "code"),
    [
        (
            '<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string">'
            "<text:p>x</text:p></table:table-cell></table:table-row>",
            "file.too_many_rows",
        ),
        (
            '<table:table-row><table:table-cell table:number-columns-repeated="16000" office:value-type="float" '
            'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>',
            "file.too_many_columns",
        ),
        (
            '<table:table-row table:number-rows-repeated="200000"><table:table-cell '
            'table:number-columns-repeated="150" office:value-type="string"><text:p>x</text:p></table:table-cell>'
            "</table:table-row>",
            "file.too_many_cells",
        ),
        (
            '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
            'table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>',
            "file.too_many_rows",
        ),
    ],
    ids=["rows", "columns", "cells", "text-without-type"],
)
def test_ods_repeated_rows_and_columns(write, rows_xml, code):
    data = bf.ods_with_rows((FIXTURES / "bappeda_2019.ods").read_bytes(), rows_xml)
    summary = assert_rejected(write("ulang.ods", data), code, "Data 2019", "batas")
    assert summary["issues"][0]["message"].count("LEBAK_") <= 1


def test_ods_padding_of_libreoffice_is_not_counted():
    # LibreOffice pads every sheet with ~1 million empty repeated rows and 16384 columns.
    status, summary, _stderr, _peak = run_check(FIXTURES / "bappeda_2019.ods")
    assert status == 0 and summary["records"] == 13


# ---------------------------------------------------------------------------- limits and sizes
def test_too_many_sheets(write):
    sheets = [(f"Lembar {i}", bf.sheet_part(b"")) for i in range(1, 8)]
    data = bf.build_zip(bf.xlsx_parts(sheets))
    assert_rejected(write("lembar.xlsx", data), "file.too_many_sheets", "7", "5", env={"LEBAK_MAX_SHEETS": "5"})


def test_too_many_sheets_default_limit(write):
    sheets = [(f"L{i}", bf.Part("", b"<worksheet/>")) for i in range(1, 102)]
    parts = bf.xlsx_parts(sheets)
    assert_rejected(write("lembar.xlsx", bf.build_zip(parts)), "file.too_many_sheets", "101", "100")


@pytest.mark.parametrize(
    ("env", "code", "fragments"),
    [
        ({"LEBAK_MAX_ROWS": "10"}, "file.too_many_rows", ("batas 10)", "LEBAK_MAX_ROWS")),
        ({"LEBAK_MAX_CELLS": "50"}, "file.too_many_cells", ("batas 50)", "LEBAK_MAX_CELLS")),
        ({"LEBAK_MAX_COLUMNS": "5"}, "file.too_many_columns", ("batas 5)",)),
        ({"LEBAK_MAX_FILE_MB": "0.0005"}, "file.too_large", ("1 KB", "LEBAK_MAX_FILE_MB")),
    ],
    ids=["rows", "cells", "columns", "file-size"],
)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_limits_from_env_are_named(write, env, code, fragments, fmt):
    if fmt == "xlsx":
        data = bf.big_xlsx(30)
    else:
        data = "No,Nama Inovasi,OPD,Tahapan 5D,Kecamatan,Tahun,Anggaran\n" + "1,A,Dinkes,Design,Maja,2019,1\n" * 30
        data = data.encode()
    assert_rejected(write(f"batas.{fmt}", data), code, *fragments, env=env)


def test_memory_limit_of_the_sandbox(write):
    path = write("besar.xlsx", bf.big_xlsx(100_000))
    status, summary, stderr, _peak = run_check(path, env={"LEBAK_MAX_MEMORY_MB": "40"})
    assert status == 1 and summary["issues"][0]["code"] == "file.memory"
    assert "40 MB" in summary["issues"][0]["message"]
    assert stderr == ""  # the parser's allocation failure is not shown


def test_time_limit_of_the_sandbox(write):
    path = write("besar.xlsx", bf.big_xlsx(20_000))
    assert_rejected(path, "file.timeout", "0,05 detik", env={"LEBAK_IMPORT_TIMEOUT_S": "0.05"})


def test_overlong_text_is_cut_not_fatal(write):
    # Over-long text does not reject a workbook: the cell is cut and the limit named.
    long_text = "x" * 200_000
    data = bf.simple_xlsx(
        f'<row r="3">{bf.istr("A3", long_text)}{bf.istr("B3", "Dinkes")}{bf.istr("C3", "Design")}</row>'.encode()
    )
    status, summary, _stderr, peak = run_check(write("panjang.xlsx", data))
    assert status == 0 and summary["records"] == 2 and peak < MEMORY_CEILING
    (warning,) = [i for i in summary["issues"] if i["severity"] == "warning"]
    assert warning["code"] == "row.text_truncated" and "200000" in warning["message"] and "10000" in warning["message"]
    status, summary, _stderr, _peak = run_check(write("panjang.xlsx", data), env={"LEBAK_MAX_TEXT": "500"})
    assert "batas 500" in next(i for i in summary["issues"] if i["severity"] == "warning")["message"]


@pytest.mark.slow
def test_legitimate_100k_row_workbook_is_accepted(write):
    path = write("besar.xlsx", bf.big_xlsx(100_000))
    status, summary, stderr, peak = run_check(path)
    assert status == 0, (summary["issues"][:3], stderr)
    assert summary["records"] == 100_000 and summary["rejected_rows"] == 0
    assert sum(summary["per_stage"].values()) == 100_000
    assert summary["per_kecamatan"]["Tidak disebut"] == 20_000
    assert peak < MEMORY_CEILING
