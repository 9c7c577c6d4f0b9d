"""What the fixture workbooks must import to, written down by hand from ``fixtures/make_fixtures.py``.

Nothing here is computed by the importer: each record, issue and count below was derived from the
rows in ``make_fixtures.py`` and the rules of the contract, so a test comparing the two proves the
importer, not itself.
"""

from __future__ import annotations

import datetime as dt

SEMUA, TIDAK = "Semua Kecamatan", "Tidak disebut"
BAPPERIDA = "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah"
KOMINFO = "Dinas Komunikasi, Informatika, Statistik dan Persandian"
DP2KBP3A = "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak"

# --------------------------------------------------------------------------- bappeda_2019.*
#: (sheet, excel row) -> kode, nama, opd, tahapan, kecamatan, tahun, tanggal_mulai, anggaran
MAIN_RECORDS: dict[tuple[str, int], tuple] = {
    ("Data 2019", 5): (
        "LBK-001",
        "NRP Des",
        "Dinas Kesehatan",
        "Drum-up",
        ("Maja", "Cibadak"),
        2018,
        dt.date(2018, 11, 28),
        15_000_000,
    ),
    # OPD from the merged cell D5:D7; "3. Design"; "Rangkas Bitung dan Kec. Maja"; an Excel date.
    ("Data 2019", 6): (
        "LBK-002",
        "Posyandu Digital",
        "Dinas Kesehatan",
        "Design",
        ("Rangkasbitung", "Maja"),
        2019,
        dt.date(2019, 1, 5),
        15_000_000,
    ),
    ("Data 2019", 7): (
        "LBK-003",
        "Sehat Keliling",
        "Dinas Kesehatan",
        "Drum-up",
        (SEMUA,),
        2019,
        dt.date(2019, 5, 1),
        15_000_000,
    ),
    ("Data 2019", 9): (
        "LBK-004",
        "UJAS - JAMILAH",
        "Dinas Kesehatan",
        "Delivery",
        ("Bayah", "Cihara"),
        2019,
        dt.date(2019, 8, 5),
        2_500_000,
    ),
    # Unknown OPD and kecamatan kept as written; "Deliver"; year from the date.
    ("Data 2019", 14): (
        None,
        "Lapak Desa",
        "Dinas Pangan Baru",
        "Delivery",
        ("Kecamatan Atlantis",),
        2019,
        dt.date(2019, 3, 15),
        None,
    ),
    # "Bappeda" is an alias; stage "4"; an Excel serial number 43432 in a plain number cell.
    ("Data 2019", 15): (
        None,
        "Sistem Antrian Online",
        BAPPERIDA,
        "Delivery",
        (),
        2018,
        dt.date(2018, 11, 28),
        7_500_000,
    ),
    # The year column wins over the date's year.
    ("Data 2019", 16): ("LBK-011", "Desa Digital", KOMINFO, "Display", (SEMUA,), 2020, dt.date(2019, 6, 1), None),
    ("Data 2020", 3): (
        "LBK-020",
        "Kampung KB Digital",
        DP2KBP3A,
        "Diagnose",
        ("Malingping", "Wanasalam", "Cijaku"),
        2020,
        dt.date(2020, 10, 1),
        1_250_000,
    ),
    ("Data 2020", 4): ("LBK-021", "Lapor Camat", "Kecamatan Maja", "Diagnose", ("Maja",), 2020, None, None),
    ("Data 2020", 6): (
        "LBK-023",
        "Lebak Sehat",
        "RSUD dr. Adjidarmo",
        "Display",
        (SEMUA,),
        2020,
        dt.date(2020, 2, 10),
        50_000_000,
    ),
    # OPD written with a zero-width space.
    ("Data 2020", 7): ("LBK-024", "Sekolah Ramah Anak", "Dinas Pendidikan", "Diagnose", (SEMUA,), 2021, None, None),
    ("Data 2020", 8): (
        "LBK-025",
        "Bank Sampah",
        "Dinas Lingkungan Hidup",
        "Design",
        ("Cibeber", "Cilograng"),
        2020,
        dt.date(2020, 2, 1),
        3_000_000,
    ),
    # No stage: accepted (a gap), counted under "Tahap belum diisi".
    ("Data 2020", 9): ("LBK-026", "Inovasi Tanpa Tahap", "Dinas Sosial", None, ("Sobang",), 2020, None, None),
}
MAIN_EXTRA = {("Data 2019", 5): {"Catatan Bappeda": "prioritas"}, ("Data 2020", 3): {"Sumber Dana": "APBD"}}
#: Errors and warnings: (severity, code, sheet, row, column header as written).
MAIN_ISSUES = [
    ("error", "row.missing_required", "Data 2019", 10, "Nama Inovasi:"),
    ("error", "row.stage_unknown", "Data 2019", 11, "TAHAP 5D"),
    ("warning", "row.duplicate", "Data 2019", 12, None),
    ("error", "row.kode_conflict", "Data 2019", 13, "Kode"),
    ("warning", "row.opd_unknown", "Data 2019", 14, "Perangkat Daerah"),
    ("warning", "row.kecamatan_unknown", "Data 2019", 14, "Lokasi"),
    ("error", "row.kode_conflict", "Data 2020", 5, "ID Inovasi"),
    ("warning", "row.stage_empty", "Data 2020", 9, "Stage"),
]
MAIN_REJECTED = 4
MAIN_SHEETS = ["Data 2019", "Data 2020"]
MAIN_SKIPPED = {"Petunjuk", "Rekap", "Grafik"}
MAIN_EXTRA_COLUMNS = ["Catatan Bappeda", "Sumber Dana"]
MAIN_PER_STAGE = {"Drum-up": 2, "Diagnose": 3, "Design": 2, "Delivery": 3, "Display": 2}
MAIN_PER_OPD = {
    "Dinas Kesehatan": 4,
    BAPPERIDA: 1,
    KOMINFO: 1,
    "Dinas Lingkungan Hidup": 1,
    "Dinas Pangan Baru": 1,
    "Dinas Pendidikan": 1,
    "Dinas Sosial": 1,
    DP2KBP3A: 1,
    "Kecamatan Maja": 1,
    "RSUD dr. Adjidarmo": 1,
}
#: Non-zero kecamatan counts; the other 28 - 10 kecamatan count 0.
MAIN_PER_KECAMATAN = {
    "Maja": 3,
    "Cibadak": 1,
    "Rangkasbitung": 1,
    "Bayah": 1,
    "Cihara": 1,
    "Malingping": 1,
    "Wanasalam": 1,
    "Cijaku": 1,
    "Cibeber": 1,
    "Cilograng": 1,
    "Sobang": 1,
    "Kecamatan Atlantis": 1,
    SEMUA: 4,
    TIDAK: 1,
}

# -------------------------------------------------------------------------------- per_opd.*
PER_OPD_RECORDS = {
    ("Dinkes", 4): ("Puskesmas Keliling", "Dinas Kesehatan", "Delivery", ("Bayah",)),
    ("Dinkes", 5): ("Gizi Balita", "Dinas Kesehatan", "Diagnose", ("Maja", "Sajira")),
    ("DISDIK", 2): ("Sekolah Digital", "Dinas Pendidikan", "Display", (SEMUA,)),
    ("Kec. Maja", 2): ("Lapor Pak Camat", "Kecamatan Maja", "Design", ()),
    ("Lainnya", 2): ("Tanpa OPD", None, "Design", ()),
}
PER_OPD_SKIPPED = {"Petunjuk"}

# ------------------------------------------------------------------------------------ csv_*
CSV_RECORDS = {
    4: (
        "CSV-001",
        "Kopi Café Desa",
        "Dinas Kebudayaan dan Pariwisata",
        "Delivery",
        ("Maja", "Cibadak"),
        dt.date(2018, 11, 28),
        15_000_000,
        "Pelayanan – cepat",
    ),
    5: (
        "CSV-002",
        "Pasar Rakyat Daring",
        "Dinas Perindustrian dan Perdagangan",
        "Diagnose",
        ("Rangkasbitung",),
        dt.date(2019, 8, 5),
        2_500_000,
        "Jual-beli; daring",
    ),
    8: (
        "CSV-004",
        "Kartu Sehat",
        "Dinas Kesehatan",
        "Drum-up",
        (SEMUA,),
        dt.date(2019, 1, 5),
        15_000_000,
        "Ø test «x»",
    ),
}
CSV_ISSUES = [("error", "row.stage_unknown", "CSV", 7, "Tahapan 5D")]
