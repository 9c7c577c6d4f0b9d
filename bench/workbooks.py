"""Generated benchmark workbooks: N innovations in the shape of a real Bappeda file.

The xlsx is written as raw SpreadsheetML (inline strings) rather than with openpyxl, so a
100,000-row file takes about a second to make; files are cached in ``bench/_work/``.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

WORK = Path(__file__).resolve().parent / "_work"
HEADER = [
    "No", "Kode Inovasi", "Nama Inovasi", "OPD", "Tahapan 5D", "Kecamatan", "Tahun", "Tanggal Mulai",
    "Jenis Inovasi", "Bentuk Inovasi", "Inisiator", "Nama Inovator", "Urusan Pemerintahan", "Anggaran (Rp)",
    "Deskripsi", "Tautan",
]  # fmt: skip
_OPD = ["Dinkes", "Dinas Pendidikan", "BPBD", "Kec. Maja", "Diskominfo", "Bappeda", "DPMPTSP", "RSUD Adjidarmo",
        "Dinas Sosial", "Kecamatan Cibadak", "Disdukcapil", "DLH"]  # fmt: skip
_STAGES = ["Drum-up", "Diagnose", "Design", "Delivery", "Display", "3. Design", "drum up"]
_KEC = ["Maja", "Rangkasbitung, Cibadak", "Semua Kecamatan", "", "Cipanas; Muncang dan Sajira", "Kec. Bayah"]
_DATES = ["28/11/2018", "5 Agustus 2019", "Mei 2020", "2021-03-01"]


def _row(rng: random.Random, i: int) -> list[object]:
    date: object = rng.choice(_DATES) if rng.random() < 0.3 else 43000 + rng.randint(0, 2500)
    budget: object = (
        f"Rp {rng.randint(1, 500) * 1_000_000:,}".replace(",", ".")
        if rng.random() < 0.3
        else (rng.randint(1, 500) * 1_000_000)
    )
    return [
        i, f"K{i:07d}", f"Inovasi Layanan {i}", rng.choice(_OPD), rng.choice(_STAGES), rng.choice(_KEC),
        rng.randint(2018, 2026), date, rng.choice(["Digital", "Non Digital"]), "Inovasi Pelayanan Publik",
        rng.choice(["ASN", "OPD", "Masyarakat"]), f"Inovator {rng.randint(1, 900)}", "Kesehatan", budget,
        f"Deskripsi inovasi nomor {i} untuk pelayanan publik yang lebih baik.", "https://lebakkab.go.id/inovasi",
    ]  # fmt: skip


def _col(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if value == "":
        return ""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def write_xlsx(path: Path, rows: int, seed: int = 1) -> Path:
    """Write a workbook with a title row, a header in row 3 and `rows` innovations."""
    rng = random.Random(seed)
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
             f'<row r="1">{_cell("A1", "DAFTAR INOVASI DAERAH KABUPATEN LEBAK (DATA UJI)")}</row>',
             '<row r="3">' + "".join(_cell(f"{_col(j)}3", h) for j, h in enumerate(HEADER)) + "</row>"]  # fmt: skip
    for i in range(1, rows + 1):
        r = i + 3
        parts.append(
            f'<row r="{r}">' + "".join(_cell(f"{_col(j)}{r}", v) for j, v in enumerate(_row(rng, i))) + "</row>"
        )
    parts.append("</sheetData></worksheet>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Inovasi" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "".join(parts),
    }  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def workbook(rows: int) -> Path:
    """Return the cached benchmark workbook with `rows` innovations, writing it if needed."""
    path = WORK / f"inovasi_{rows}.xlsx"
    if not path.exists():
        write_xlsx(path, rows)
    return path
