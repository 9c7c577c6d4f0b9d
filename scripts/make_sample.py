"""Write the synthetic sample workbook ``data/sample/contoh_inovasi_lebak.xlsx``.

The workbook is *sample data*: invented innovations, labelled as such in its title rows and in
an info sheet, shaped like the files Bappeda makes (a title above the header, merged banner
cells, a numbering column, OPD abbreviations, dates typed as text, rupiah as text, two data
sheets and an instruction sheet). A fixed seed makes the file the same on every run.

Run: ``python scripts/make_sample.py [OUT.xlsx]``
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference"
OUT = ROOT / "data" / "sample" / "contoh_inovasi_lebak.xlsx"
SEED = 20181128  # the day the Laboratorium Inovasi opened

STAGES = ["Drum-up", "Diagnose", "Design", "Delivery", "Display"]
HEADER = [
    "No",
    "Kode Inovasi",
    "Nama Inovasi",
    "OPD",
    "Tahapan 5D",
    "Kecamatan",
    "Tahun",
    "Tanggal Mulai",
    "Jenis Inovasi",
    "Bentuk Inovasi",
    "Inisiator",
    "Nama Inovator",
    "Urusan Pemerintahan",
    "Anggaran (Rp)",
    "Deskripsi",
]
BENTUK = ["Inovasi Pelayanan Publik", "Inovasi Tata Kelola Pemerintahan Daerah", "Inovasi Daerah Lainnya"]
INISIATOR = ["OPD", "ASN", "Kepala Daerah", "Masyarakat", "Anggota DPRD"]
FIRST = ["Asep", "Dedi", "Euis", "Iis", "Ujang", "Neng", "Rina", "Yayan", "Siti", "Agus", "Lilis", "Hendra"]
LAST = ["Suryana", "Hidayat", "Rohaeti", "Mulyana", "Kurniawan", "Nurjanah", "Saepudin", "Permana"]
PREFIX = ["SIGAP", "Si-", "E-", "GERAK", "LAKU", "JEMPOL", "PASTI", "TEPAT", "CEPAT", "SAHABAT", "DOMPET", "SAPA"]
THEME = {
    "Dinas": ["Layanan {t} Keliling", "Aplikasi {t} Terpadu", "Pojok {t} Desa", "Klinik {t}", "{t} Satu Pintu"],
    "Badan": ["Dasbor {t}", "Sistem Informasi {t}", "Pendampingan {t}", "{t} Digital"],
    "Kecamatan": ["Camat Menyapa {t}", "Layanan {t} di Kecamatan", "Kampung {t}", "Gerai {t} Kecamatan"],
    "other": ["Layanan {t} Cepat", "{t} Online", "Gerakan {t}"],
}
TOPIC = [
    "Kesehatan Ibu",
    "Gizi Anak",
    "Perizinan",
    "Pajak Daerah",
    "Arsip",
    "Pangan",
    "Sampah",
    "Air Bersih",
    "Adminduk",
    "UMKM",
    "Pendidikan",
    "Bencana",
    "Pertanian",
    "Wisata",
    "Jalan Desa",
    "Keluarga Berencana",
    "Literasi",
    "Kepegawaian",
    "Pengaduan",
    "Statistik",
]


def _read(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _stage(rng: random.Random, year: int) -> str:
    # Older innovations have had time to move further through the 5D.
    age = 2026 - year
    weights = [max(1, 6 - age), 4, 4, 2 + age, 1 + age]
    return rng.choices(STAGES, weights=weights)[0]


def _date_text(rng: random.Random, day: dt.date) -> object:
    style = rng.random()
    months = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]
    if style < 0.55:
        return day  # a real Excel date
    if style < 0.75:
        return day.strftime("%d/%m/%Y")
    if style < 0.9:
        return f"{day.day} {months[day.month - 1]} {day.year}"
    return f"{months[day.month - 1]} {day.year}"


def _rupiah(rng: random.Random) -> object:
    if rng.random() < 0.25:
        return None
    amount = rng.choice([5, 10, 15, 25, 40, 50, 75, 100, 150, 250]) * 1_000_000
    return f"Rp {amount:,}".replace(",", ".") if rng.random() < 0.5 else amount


def build_rows(rng: random.Random) -> list[list[object]]:
    """Return the sample innovations as rows in :data:`HEADER` order (without the ``No``)."""
    opds = _read("opd.csv")
    kecamatan = [k["nama"] for k in _read("kecamatan.csv")]
    # Eight OPDs have no innovation yet: the dashboard must show who has not started.
    idle = {
        "Sekretariat DPRD",
        "Badan Kesatuan Bangsa dan Politik",
        "Dinas Perikanan",
        "Kecamatan Cilograng",
        "Kecamatan Sobang",
        "Kecamatan Cirinten",
        "RSUD Malingping",
        "Dinas Pemuda dan Olahraga",
    }
    active = [o for o in opds if o["nama"] not in idle]
    rows: list[list[object]] = [
        [
            "LBK-2018-001",
            "NRP Des (Nomor Registrasi Pembangunan Desa)",
            "Bappeda",
            "Display",
            "Semua Kecamatan",
            2018,
            dt.date(2018, 11, 28),
            "Digital",
            BENTUK[1],
            "OPD",
            "Tim Laboratorium Inovasi",
            "Perencanaan",
            "Rp 50.000.000",
            "Registrasi usulan pembangunan desa agar terpantau dari musrenbang.",
        ],
        [
            "LBK-2018-002",
            "UJAS - JAMILAH",
            "Dinas Kesehatan",
            "Display",
            "Rangkasbitung, Cibadak, Kalanganyar",
            2018,
            "28 November 2018",
            "Non Digital",
            BENTUK[0],
            "ASN",
            "Tim Dinkes",
            "Kesehatan",
            25_000_000,
            "Layanan kesehatan ibu dan anak yang menjemput warga.",
        ],
    ]
    used_names = {r[1] for r in rows}
    for i in range(3, 481):
        opd = rng.choice(active)
        kind = opd["jenis"] if opd["jenis"] in THEME else "other"
        while True:
            topic = rng.choice(TOPIC)
            name = rng.choice(PREFIX) + " " + rng.choice(THEME[kind]).format(t=topic)
            name = name.replace("Si- ", "Si").replace("E- ", "E-")
            if name not in used_names:
                used_names.add(name)
                break
        year = rng.choices(range(2018, 2027), weights=[3, 8, 7, 6, 8, 9, 10, 9, 6])[0]
        start = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        if kind == "Kecamatan":
            kec = opd["nama"].removeprefix("Kecamatan ")
            place: object = kec
        else:
            roll = rng.random()
            if roll < 0.12:
                place = rng.choice(["Semua Kecamatan", "Se-Kabupaten Lebak", "Seluruh Kecamatan"])
            elif roll < 0.2:
                place = None
            elif roll < 0.45:
                picks = rng.sample(kecamatan, rng.randint(2, 4))
                place = rng.choice([", ", "; ", " dan "]).join(picks)
            else:
                place = rng.choice(kecamatan)
        # Real files mix full names and abbreviations.
        opd_text = opd["singkatan"] if rng.random() < 0.35 else opd["nama"]
        if rng.random() < 0.05:
            opd_text = opd_text.upper()
        rows.append(
            [
                f"LBK-{year}-{i:03d}",
                name,
                opd_text,
                _stage(rng, year),
                place,
                year,
                _date_text(rng, start),
                rng.choice(["Digital", "Non Digital"]),
                rng.choices(BENTUK, weights=[6, 3, 1])[0],
                rng.choices(INISIATOR, weights=[5, 6, 2, 2, 1])[0],
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                topic,
                _rupiah(rng),
                f"{name}: inovasi contoh (data sintetis) untuk {topic.lower()}.",
            ]
        )
    # Every kecamatan must appear at least once.
    named = {k for r in rows for k in kecamatan if isinstance(r[4], str) and k in r[4]}
    for j, kec in enumerate(sorted(set(kecamatan) - named)):
        rows[10 + j][4] = kec
    return rows


def _write_sheet(ws, title: str, rows: list[list[object]]) -> None:
    ws.append([f"DAFTAR INOVASI DAERAH KABUPATEN LEBAK {title}"])
    ws.append(["DATA CONTOH (SINTETIS) - bukan data resmi Bappeda Kabupaten Lebak"])
    ws.append([])
    ws.append(HEADER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADER))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].font = Font(italic=True, color="C00000")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = fill
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
        date_cell = ws.cell(row=ws.max_row, column=8)
        if isinstance(date_cell.value, dt.date):
            date_cell.number_format = "DD/MM/YYYY"
    widths = [5, 14, 48, 34, 11, 30, 7, 15, 13, 30, 14, 20, 18, 16, 60]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = width
    ws.freeze_panes = "C5"


def build_workbook(rng: random.Random) -> Workbook:
    """Return the sample workbook (two data sheets by period, and an info sheet)."""
    rows = build_rows(rng)
    wb = Workbook()
    info = wb.active
    info.title = "Petunjuk"
    for line in [
        ["DATA CONTOH (SINTETIS)"],
        ["Berkas ini dibuat oleh scripts/make_sample.py dengan seed tetap untuk mencoba dasbor."],
        ["Semua inovasi di dalamnya rekaan, kecuali nama NRP Des dan UJAS - JAMILAH yang disebut dalam berita"],
        ["BantenHits.com, 28 November 2018. Angka dan nama inovator tidak menggambarkan data resmi."],
    ]:
        info.append(line)
    info["A1"].font = Font(bold=True, size=14, color="C00000")
    early = [r for r in rows if r[5] <= 2022]
    late = [r for r in rows if r[5] > 2022]
    _write_sheet(wb.create_sheet("2018-2022"), "TAHUN 2018-2022", early)
    _write_sheet(wb.create_sheet("2023-2026"), "TAHUN 2023-2026", late)
    wb.properties.title = "Data contoh (sintetis) inovasi daerah Kabupaten Lebak"
    wb.properties.creator = "scripts/make_sample.py"
    wb.properties.created = dt.datetime(2026, 11, 28)
    wb.properties.modified = dt.datetime(2026, 11, 28)
    return wb


def _fix_timestamps(path: Path) -> None:
    """Rewrite the zip with fixed times (openpyxl stamps 'modified' with the clock on save)."""
    with zipfile.ZipFile(path) as src:
        parts = [(info.filename, src.read(info)) for info in src.infolist()]
    stamp = b"<dcterms:modified\\1>2026-11-28T00:00:00Z</dcterms:modified>"
    parts = [
        (name, re.sub(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>", stamp, data))
        if name == "docProps/core.xml"
        else (name, data)
        for name, data in parts
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            dst.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 28, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def main(out: Path = OUT) -> Path:
    """Write the sample workbook to `out` and return its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    build_workbook(random.Random(SEED)).save(out)
    _fix_timestamps(out)
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
