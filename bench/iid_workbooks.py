"""Generated benchmark workbooks in the shape of the IID export (Kemendagri's Indeks Inovasi Daerah).

The layout of ``../shared/realdata/iid_ekspor_jatim.xlsx``: one sheet ``Data``, the header in row 1,
19 columns (``Judul Inovasi``, ``Admin OPD`` with the IID login in parentheses, ``Tahapan Inovasi``
with IID's three stages, dates as ``dd-mm-yyyy`` text, ``-`` for empty, ``Koordinat`` as text...),
long ``Asta Cipta`` texts, and, as in the real export, every text in a shared-strings table
(``xl/sharedStrings.xml``). Written as raw SpreadsheetML like :mod:`workbooks`; cached in
``bench/_work/``.

H13b wrote this one for the ``check`` benchmark (:mod:`bench_check`) while H11a adds an IID
generator to :mod:`workbooks` on its branch: the lead keeps one of the two (the names differ:
:func:`iid_workbook` here).
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from workbooks import WORK

HEADER = [
    "No", "Judul Inovasi", "Pemda", "Admin OPD", "Inisiator", "Nama Inisiator", "Bentuk Inovasi", "Jenis",
    "Asta Cipta", "Urusan Utama", "Urusan lain yang beririsan", "Kematangan", "Tahapan Inovasi", "Tanggal Input",
    "Tanggal Penerapan", "Tanggal Pengembangan", "Koordinat", "Video", "Link Video",
]  # fmt: skip
_ADMIN = ["Dinas Kesehatan (lebakkab.dinkes)", "Dinas Pendidikan dan Kebudayaan (lebakkab.disdikbud)",
          "Badan Perencanaan Pembangunan Daerah (lebakkab.bappeda)", "Kecamatan Maja (lebakkab.kecmaja)",
          "RSUD dr. Adjidarmo (lebakkab.rsudadjidarmo)", "Dinas Sosial (lebakkab.dinsos)",
          "Dinas Komunikasi, Informatika, Statistik dan Persandian (lebakkab.diskominfo)"]  # fmt: skip
_BENTUK = ["Inovasi pelayanan publik", "Inovasi tata kelola pemerintahan daerah",
           "Inovasi Daerah lainnya sesuai dengan Urusan Pemerintahan yang menjadi kewenangan Daerah"]  # fmt: skip
_ASTA = ["Memperkuat pembangunan sumber daya manusia (SDM), sains, teknologi, pendidikan, kesehatan, prestasi "
         "olahraga, kesetaraan gender, serta penguatan peran perempuan, pemuda, dan penyandang disabilitas.",
         "Memperkuat reformasi politik, hukum, dan birokrasi, serta memperkuat pencegahan dan pemberantasan "
         "korupsi dan narkoba.", "-"]  # fmt: skip
_URUSAN = ["kesehatan", "Kesehatan", "pendidikan", "pertanian", "kearsipan", "sosial", "Pekerjaan Umum"]
_STAGES = ["Inisiatif", "Uji Coba", "Penerapan"]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2019, 2025)}"


def _row(rng: random.Random, i: int) -> list[object]:
    point = f"{-6.2 - rng.random():.6f}, {106.0 + rng.random():.6f}" if rng.random() < 0.6 else "-"
    return [
        i, f"Inovasi Daerah {i} ({rng.choice(['SIGAP', 'LAYAN', 'CEPAT', 'TERPADU'])})", "Kabupaten Lebak",
        rng.choice(_ADMIN), rng.choice(["OPD", "Kepala Daerah", "ASN", "Masyarakat"]), "REDACTED",
        rng.choice(_BENTUK), rng.choice(["Digital", "Non Digital", "Teknologi"]), rng.choice(_ASTA),
        rng.choice(_URUSAN), rng.choice([*_URUSAN, "-"]), rng.randint(10, 120), rng.choice(_STAGES), _date(rng),
        _date(rng), rng.choice([_date(rng), "-"]), point, rng.choice(["Ada", "Tidak Ada"]),
        "https://www.youtube.com/watch?v=contoh" if rng.random() < 0.5 else "-",
    ]  # fmt: skip


def _col(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _cell(ref: str, value: object, strings: dict[str, int]) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    index = strings.setdefault(str(value), len(strings))
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def write_iid_xlsx(path: Path, rows: int, seed: int = 1) -> Path:
    """Write an IID-shaped workbook: sheet ``Data``, the header in row 1, then `rows` innovations."""
    rng = random.Random(seed)
    strings: dict[str, int] = {}
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
             '<row r="1">' + "".join(_cell(f"{_col(j)}1", h, strings) for j, h in enumerate(HEADER)) + "</row>"]  # fmt: skip
    for i in range(1, rows + 1):
        r = i + 1
        cells = "".join(_cell(f"{_col(j)}{r}", v, strings) for j, v in enumerate(_row(rng, i)))
        parts.append(f'<row r="{r}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        + f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": "".join(parts),
    }  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def iid_workbook(rows: int) -> Path:
    """Return the cached IID-shaped workbook with `rows` innovations, writing it if needed."""
    path = WORK / f"iid_sst_{rows}.xlsx"
    if not path.exists():
        write_iid_xlsx(path, rows)
    return path
