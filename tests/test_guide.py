"""The user-facing contract is generated from the schema and agrees with the importer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lebak_dash.config import Limits
from lebak_dash.exports.guide import SECTIONS, build_guide
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.schema import COLUMNS, IID_STAGES, KABUPATEN_WIDE, NO_OPD, NO_STAGE, NOT_STATED, STAGES

from .conftest import ROOT
from .helpers import csv_bytes


@pytest.fixture(scope="module", params=["id", "en"])
def guide(request, reference):
    return build_guide(request.param, reference, Limits())


def test_one_row_per_column_with_the_schema_headers(guide):
    frame = guide.columns
    assert frame["key"].tolist() == [c.key for c in COLUMNS]
    assert frame["header"].tolist() == [c.header for c in COLUMNS]
    for column, aliases in zip(COLUMNS, frame["aliases"], strict=True):
        assert aliases.split(", ") == list(column.aliases) if column.aliases else aliases == ""
    assert set(guide.labels) == set(frame.columns)


def test_required_and_allowed_values(guide):
    frame = guide.columns.set_index("key")
    required = {c.key for c in COLUMNS if c.required}
    flags = frame["required"].to_dict()
    assert {k for k, v in flags.items() if v == flags["nama"]} == required == {"nama"}
    for column in COLUMNS:
        for value in column.values:
            assert value in frame.at[column.key, "values"]
    assert KABUPATEN_WIDE in frame.at["kecamatan", "values"]


def test_examples_are_accepted_by_the_importer_without_a_warning(guide, reference):
    frame = guide.columns
    data = csv_bytes([frame["header"].tolist(), frame["example"].tolist()], delimiter=";")
    result = import_workbook(data, filename="contoh.csv", reference=reference)
    assert result.ok and len(result.records) == 1
    assert [i for i in result.issues if i.severity != "info"] == []
    assert result.extra_columns == []
    record = result.records.iloc[0]
    assert (record["opd"], record["tahapan"], record["anggaran"]) == ("Dinas Kesehatan", "Design", 15_000_000)


def test_sections_cover_every_rule(guide, reference):
    assert len(guide.sections) == len(SECTIONS)
    text = "\n".join(f"{title}\n{body}" for title, body in guide.sections)
    for stage in STAGES:
        assert stage in text
    for name in reference.kecamatan_names:
        assert name in text
    for phrase in (KABUPATEN_WIDE, NOT_STATED, "Mei 2019", "Rp 15.000.000", "Rp15.000.000,00", "Deliver", "3. Design"):
        assert phrase in text
    for phrase in (*IID_STAGES, NO_OPD, NO_STAGE, "Judul Inovasi", "Admin OPD", "-6,35, 106,25", "@", "--mapping"):
        assert phrase in text
    for example in (".xlsx", ".xlsm", ".xls", ".ods", "CSV", "Windows-1252", "BOM"):
        assert example in text
    assert "20" in dict(guide.sections)[guide.sections[1][0]]
    assert "{" not in text and "}" not in text


def test_sections_are_in_the_requested_language(reference):
    indonesian = build_guide("id", reference)
    english = build_guide("en", reference)
    assert [t for t, _ in indonesian.sections][:2] == ["Berkas yang diterima", "Lembar, judul dan baris kosong"]
    assert [t for t, _ in english.sections][:2] == ["Accepted files", "Sheets, titles and blank rows"]
    for (_t1, id_text), (_t2, en_text) in zip(indonesian.sections, english.sections, strict=True):
        assert id_text != en_text
    assert indonesian.columns.at[0, "required"] == "tidak wajib" and english.columns.at[0, "required"] == "optional"


def test_limits_are_quoted_from_the_configuration(reference):
    sections = dict(build_guide("id", reference, Limits(max_rows=5000, max_file_mb=20)).sections)
    assert "5.000 baris" in sections["Batas ukuran"] and "20 MB" in sections["Batas ukuran"]
    sections = dict(build_guide("en", reference, Limits(max_rows=5000)).sections)
    assert "5,000 rows" in sections["Size limits"]


def test_opd_count_follows_the_reference(reference):
    from lebak_dash.records.reference import with_opd_table

    small = with_opd_table(reference, b"nama,singkatan,alias,jenis,terverifikasi\nDinas A,DA,,Dinas,ya\n")
    frame = build_guide("id", small).columns.set_index("key")
    assert "salah satu dari 1 OPD" in frame.at["opd", "values"]


def test_guide_does_not_import_streamlit():
    code = "import sys, lebak_dash.exports.guide; print('streamlit' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr
