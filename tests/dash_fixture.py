"""A small hand-made dataset whose every count is worked out by hand in the tests.

Reference: five OPDs (two Dinas, one Badan, two Kecamatan offices) and three kecamatan.

=== ================ ========= ======================= ===== =========== ==========================
 #  OPD              stage     kecamatan               year  jenis       bentuk
=== ================ ========= ======================= ===== =========== ==========================
 0  Dinas A          Drum-up   Maja                    2019  Digital     Pelayanan Publik
 1  Dinas A          Delivery  Maja, Bayah             2020  Non Digital Tata Kelola
 2  Dinas A          Display   Semua Kecamatan         2020  Digital     Pelayanan Publik
 3  Badan B          Design    (none)                  2021  Digital     Daerah Lainnya
 4  Badan B          Delivery  Bayah                   -     -           -
 5  Kecamatan Maja   Diagnose  Maja                    2021  Non Digital Pelayanan Publik
 6  OPD Baru (?)     Display   Atlantis (unknown)      2022  Digital     Pelayanan Publik
=== ================ ========= ======================= ===== =========== ==========================

Dinas C and Kecamatan Bayah have no innovation; Cibadak is named by none.
"""

from __future__ import annotations

import pandas as pd

from lebak_dash.analysis.aggregate import explode_kecamatan
from lebak_dash.records.reference import Reference, build_reference
from lebak_dash.records.schema import KABUPATEN_WIDE, STAGES
from lebak_dash.views.dataset import Dataset

PP = "Inovasi Pelayanan Publik"
TK = "Inovasi Tata Kelola Pemerintahan Daerah"
LN = "Inovasi Daerah Lainnya"


def make_reference() -> Reference:
    """Return the five-OPD, three-kecamatan reference."""
    opd = pd.DataFrame(
        {
            "nama": ["Dinas A", "Dinas C", "Badan B", "Kecamatan Maja", "Kecamatan Bayah"],
            "singkatan": ["DA", "DC", "BB", "", ""],
            "alias": ["", "", "", "Kec Maja", "Kec Bayah"],
            "jenis": ["Dinas", "Dinas", "Badan", "Kecamatan", "Kecamatan"],
            "terverifikasi": ["ya"] * 5,
        }
    )
    kecamatan = pd.DataFrame(
        {
            "kode": ["36.02.01", "36.02.02", "36.02.03"],
            "nama": ["Maja", "Bayah", "Cibadak"],
            "alias": ["", "", ""],
            "lat": [-6.35, -6.93, -6.40],
            "lon": [106.40, 106.25, 106.20],
            "luas_km2": [1.0, 1.0, 1.0],
        }
    )
    return build_reference(opd, kecamatan)


def make_records() -> pd.DataFrame:
    """Return the seven records shaped like the importer's output (plus one extra column)."""
    rows = [
        ("K0", "Aplikasi Sehat", "Dinas A", "Drum-up", ("Maja",), 2019, "Digital", PP),
        ("K1", "Posyandu Keliling", "Dinas A", "Delivery", ("Maja", "Bayah"), 2020, "Non Digital", TK),
        ("K2", "NRP Des", "Dinas A", "Display", (KABUPATEN_WIDE,), 2020, "Digital", PP),
        ("K3", "Sistem Arsip", "Badan B", "Design", (), 2021, "Digital", LN),
        ("K4", "Tanpa Tahun", "Badan B", "Delivery", ("Bayah",), None, None, None),
        ("K5", "Maja Bersih", "Kecamatan Maja", "Diagnose", ("Maja",), 2021, "Non Digital", PP),
        ("K6", "Inovasi Lain", "OPD Baru", "Display", ("Atlantis",), 2022, "Digital", PP),
    ]
    frame = pd.DataFrame(rows, columns=["kode", "nama", "opd", "tahapan", "kecamatan", "tahun", "jenis", "bentuk"])
    frame["opd"] = frame["opd"].astype("category")
    frame["tahapan"] = pd.Categorical(frame["tahapan"], categories=list(STAGES), ordered=True)
    frame["tahun"] = frame["tahun"].astype("Int64")
    frame["jenis"] = frame["jenis"].astype("category")
    frame["bentuk"] = frame["bentuk"].astype("category")
    frame["tanggal_mulai"] = pd.to_datetime(["2019-11-28", None, None, None, None, None, "2022-08-05"])
    frame["anggaran"] = pd.array([15_000_000, None, None, None, None, None, 2_500], dtype="Int64")
    frame["deskripsi"] = ["Layanan kesehatan daring", "", "", "", "", "", "=1+1"]
    frame["inovator"] = ["Ani", "Budi", "Tim Lab", "", "", "Camat", ""]
    frame["urusan"] = ["Kesehatan", "Kesehatan", "Perencanaan", "Kearsipan", "", "Lingkungan", ""]
    frame["opd_dikenal"] = frame["opd"].astype(object) != "OPD Baru"
    frame["sumber_sheet"] = pd.Categorical(["Data"] * 7)
    frame["sumber_baris"] = range(3, 10)
    frame["Catatan Bappeda"] = ["ok", "", "", "", "", "", "cek"]
    return frame


def make_dataset() -> Dataset:
    """Return the fixture as a Dataset (exploded kecamatan table built once, like at load)."""
    records = make_records()
    return Dataset(
        records=records,
        kecamatan_long=explode_kecamatan(records),
        reference=make_reference(),
        key="fixture:1",
        filename="fixture.xlsx",
        is_sample=False,
        version=3,
        extra_columns=("Catatan Bappeda",),
    )
