"""Generated benchmark workbooks: N innovations in the shape of a real Bappeda file, or of an IID export.

The xlsx is written as raw SpreadsheetML rather than with openpyxl, so a 100,000-row file takes
about a second to make; files are cached in ``bench/_work/``. The Bappeda list has inline strings;
the IID export keeps every text in a shared-strings table (``xl/sharedStrings.xml``), as the real
export does, which changes what a reader holds in memory.

* :func:`workbook` (``inovasi_<N>.xlsx``): a Bappeda list, title row, header in row 3, 16 columns.
* :func:`iid_workbook` (``iid_sst_<N>.xlsx``): Kemendagri's IID export as a region downloads it (sheet
  ``Data``, the 19 IID columns, ``Admin OPD`` with its login in parentheses, ``-`` for empty,
  ``dd-mm-yyyy`` dates, IID stages, mixed-case urusan, coordinates in the forms the real export holds).
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


IID_HEADER = [
    "No", "Judul Inovasi", "Pemda", "Admin OPD", "Inisiator", "Nama Inisiator", "Bentuk Inovasi", "Jenis",
    "Asta Cipta", "Urusan Utama", "Urusan lain yang beririsan", "Kematangan", "Tahapan Inovasi", "Tanggal Input",
    "Tanggal Penerapan", "Tanggal Pengembangan", "Koordinat", "Video", "Link Video",
]  # fmt: skip
_IID_OPD = [f"{name} ({login})" for name, login in [
    ("Dinas Kesehatan", "lebakkab.dinkes"), ("Dinas Pendidikan", "lebakkab.disdik"), ("BPBD", "lebakkab.bpbd"),
    ("Dinas Kesehatan UPT Puskesmas Maja", "lebakkab.dinkes.pkmmaja"), ("Kecamatan Cibadak", "lebakkab.kec.cibadak"),
    ("Bappeda", "lebakkab.bappeda"), ("Dinas Sosial", "lebakkab.dinsos"), ("SMKN 1 Rangkasbitung", "lebakkab.smkn1"),
]] + ["admin.lebak"]  # fmt: skip
_IID_STAGES = ["Penerapan"] * 8 + ["Uji Coba", "Inisiatif"]
_IID_URUSAN = ["pendidikan", "kesehatan", "Kesehatan", "sosial", "pangan", "perhubungan", "kearsipan", "Keuangan"]
# The real export's texts are long: Asta Cipta averages 155 characters, titles 59 (iid_ekspor_jatim.xlsx).
_IID_ASTA = [
    "Memperkuat pembangunan sumber daya manusia (SDM), sains, teknologi, pendidikan, kesehatan, prestasi "
    "olahraga, kesetaraan gender, serta penguatan peran perempuan, pemuda, dan penyandang disabilitas.",
    "Memperkuat reformasi politik, hukum, dan birokrasi, serta memperkuat pencegahan dan pemberantasan "
    "korupsi dan narkoba.",
    "-",
]
_IID_TITLES = ["SIGAP Layanan Kesehatan Ibu dan Anak", "LAYAN Terpadu Administrasi Kependudukan Desa",
               "CEPAT Tanggap Bencana Berbasis Masyarakat", "TERPADU Sistem Informasi Pendidikan"]  # fmt: skip
_IID_POINTS = [
    "-6.3523, 106.2488", "-6,567412, 106,180227", "6°21'8.3\"S 106°14'55.7\"E", "Lintang: -6.4 Bujur: 106.3",
    "https://www.google.com/maps/place/X/@-6.35,106.25,17z", "-", "", "Kantor Kecamatan Maja",
]  # fmt: skip


def _iid_date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2021, 2025)}"


def _iid_row(rng: random.Random, i: int) -> list[object]:
    return [
        i, f"{rng.choice(_IID_TITLES)} {i}", "Kabupaten Lebak", rng.choice(_IID_OPD), rng.choice(["ASN", "OPD", "Kepala Daerah"]),
        "-", rng.choice(["Inovasi pelayanan publik", "Inovasi tata kelola pemerintahan daerah"]),
        rng.choice(["Digital", "Non Digital", "Teknologi"]), rng.choice(_IID_ASTA), rng.choice(_IID_URUSAN),
        rng.choice(["", "pendidikan", "sosial,perhubungan"]), rng.randint(0, 120), rng.choice(_IID_STAGES),
        _iid_date(rng), _iid_date(rng), rng.choice(["-", _iid_date(rng)]), rng.choice(_IID_POINTS),
        rng.choice(["Ada", "Tidak Ada"]), rng.choice(["-", "https://youtu.be/abc"]),
    ]  # fmt: skip


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


def _cell(ref: str, value: object, strings: dict[str, int] | None = None) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if value == "":
        return ""
    if strings is not None:
        return f'<c r="{ref}" t="s"><v>{strings.setdefault(str(value), len(strings))}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def write_xlsx(path: Path, rows: int, seed: int = 1, *, iid: bool = False) -> Path:
    """Write a workbook with `rows` innovations: a Bappeda list (title row, header in row 3) or an IID export."""
    rng = random.Random(seed)
    header, make_row, first = (IID_HEADER, _iid_row, 1) if iid else (HEADER, _row, 3)
    strings: dict[str, int] | None = {} if iid else None
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']  # fmt: skip
    if not iid:
        parts.append(f'<row r="1">{_cell("A1", "DAFTAR INOVASI DAERAH KABUPATEN LEBAK (DATA UJI)")}</row>')
    parts.append(
        f'<row r="{first}">' + "".join(_cell(f"{_col(j)}{first}", h, strings) for j, h in enumerate(header)) + "</row>"
    )
    for i in range(1, rows + 1):
        r = i + first
        parts.append(
            f'<row r="{r}">'
            + "".join(_cell(f"{_col(j)}{r}", v, strings) for j, v in enumerate(make_row(rng, i)))
            + "</row>"
        )
    parts.append("</sheetData></worksheet>")
    sheet_name = "Data" if iid else "Inovasi"
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="SHEET_NAME" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "".join(parts),
    }  # fmt: skip
    files["xl/workbook.xml"] = files["xl/workbook.xml"].replace("SHEET_NAME", sheet_name)
    if strings is not None:
        files.update(_shared_strings(strings, files))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def _shared_strings(strings: dict[str, int], files: dict[str, str]) -> dict[str, str]:
    """Return the parts that add a shared-strings table holding `strings` to the package `files`."""
    items = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    target = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    return {
        "[Content_Types].xml": files["[Content_Types].xml"].replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'
        ),
        "xl/_rels/workbook.xml.rels": files["xl/_rels/workbook.xml.rels"].replace(
            "</Relationships>", f'<Relationship Id="rId2" Type="{target}" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>',
    }


def workbook(rows: int) -> Path:
    """Return the cached benchmark workbook with `rows` innovations, writing it if needed."""
    path = WORK / f"inovasi_{rows}.xlsx"
    if not path.exists():
        write_xlsx(path, rows)
    return path


def iid_workbook(rows: int) -> Path:
    """Return the cached IID-shaped benchmark workbook with `rows` innovations, writing it if needed.

    For ``check`` speed on the IID export's layout: ``python -m lebak_dash check "$(python -c
    'import sys; sys.path.insert(0, "bench"); from workbooks import iid_workbook; print(iid_workbook(100000))')"``.
    """
    path = WORK / f"iid_sst_{rows}.xlsx"
    if not path.exists():
        write_xlsx(path, rows, iid=True)
    return path
