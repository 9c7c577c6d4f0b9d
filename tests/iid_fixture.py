"""Records shaped like an IID export (issue 11's record model), and a mixed dataset, whose every count
is worked out by hand below. The reference is :mod:`tests.dash_fixture`'s (five OPDs, three
kecamatan). Until the importer produces these columns, the frames are made here, as the importer
will return them: ``tahapan`` (5D) and ``tahapan_iid`` categoricals, ``tahapan_turunan`` bool,
``urusan``, ``kematangan``, ``pemda``, ``tanggal_input``, ``lat``/``lon``.

IID-only (:func:`make_iid_records`, index 0-7):

=== ==================== ================= ========== =========== ===== ===== ==========
 #  nama                 OPD               IID stage  urusan      skor  tahun kecamatan
=== ==================== ================= ========== =========== ===== ===== ==========
 0  Sehat Daring         Dinas A           Penerapan  Kesehatan   105   2023  -
 1  Sekolah Hijau        Dinas A           Penerapan  Pendidikan   99   2023  Maja
 2  Posyandu Online      Badan B           Uji Coba   Kesehatan    85   2024  -
 3  Arsip Digital        Badan B           Inisiatif  Kearsipan    12   2024  -
 4  Lapor Cepat          (none)            Penerapan  Kesehatan   110   -     -
 5  Pasar Desa           (none)            (none)     (none)       -    2025  Bayah
 6  Pangan Lestari       Dinas Pangan Baru Inisiatif  Pangan        0   2025  -
 7  Tanpa Tahap          Kecamatan Maja    (none)     Pendidikan   -    -     Maja
=== ==================== ================= ========== =========== ===== ===== ==========

Mixed (:func:`make_mixed_records`): the seven 5D records of :mod:`tests.dash_fixture` (index 0-6),
these eight (index 7-14), and one record whose 5D stage Delivery was derived from its IID stage
Penerapan (index 15: "Turunan Sehat", Dinas C, Kesehatan, 90, 2022, Cibadak).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from lebak_dash.analysis.aggregate import explode_kecamatan
from lebak_dash.records.schema import IID_STAGES, NO_OPD, NO_STAGE, STAGES
from lebak_dash.views.dataset import Dataset

from .dash_fixture import make_records, make_reference

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
IID_EXPORT = REALDATA / "iid_ekspor_jatim.xlsx"

_ROWS = [
    ("Sehat Daring", "Dinas A", "Penerapan", "Kesehatan", 105, 2023, ()),
    ("Sekolah Hijau", "Dinas A", "Penerapan", "Pendidikan", 99, 2023, ("Maja",)),
    ("Posyandu Online", "Badan B", "Uji Coba", "Kesehatan", 85, 2024, ()),
    ("Arsip Digital", "Badan B", "Inisiatif", "Kearsipan", 12, 2024, ()),
    ("Lapor Cepat", None, "Penerapan", "Kesehatan", 110, None, ()),
    ("Pasar Desa", None, None, None, None, 2025, ("Bayah",)),
    ("Pangan Lestari", "Dinas Pangan Baru", "Inisiatif", "Pangan", 0, 2025, ()),
    ("Tanpa Tahap", "Kecamatan Maja", None, "Pendidikan", None, None, ("Maja",)),
]

# ------------------------------------------------------------------ counts worked out by hand
IID_STAGE_COUNTS = {"Inisiatif": 2, "Uji Coba": 1, "Penerapan": 3, NO_STAGE: 2}
IID_OPD_COUNTS = {"Dinas A": 2, "Badan B": 2, "Dinas Pangan Baru": 1, "Kecamatan Maja": 1, NO_OPD: 2}
IID_URUSAN = {"Kesehatan": 3, "Pendidikan": 2, "Kearsipan": 1, "Pangan": 1}
IID_BANDS = {"0-9": 1, "10-19": 1, "80-89": 1, "90-99": 1, "100-109": 1, "110-119": 1}
#: What the completeness panel counts: no OPD, no stage, no kecamatan, no year.
IID_GAPS = {"opd": 2, "tahapan": 2, "kecamatan": 5, "tahun": 2}
#: Records of the mixed dataset in each stage key (each once: 5D first, else IID, else the gap).
MIXED_STAGE_KEYS = {
    "Drum-up": 1,
    "Diagnose": 1,
    "Design": 1,
    "Delivery": 3,
    "Display": 2,
    "Inisiatif": 2,
    "Uji Coba": 1,
    "Penerapan": 3,
    NO_STAGE: 2,
}
#: The mixed dataset's funnels (a record with a derived 5D stage is in both).
MIXED_5D = {"Drum-up": 1, "Diagnose": 1, "Design": 1, "Delivery": 3, "Display": 2, NO_STAGE: 2}
MIXED_IID = {"Inisiatif": 2, "Uji Coba": 1, "Penerapan": 4, NO_STAGE: 2}


def _frame(rows: list[tuple], *, start: int = 0) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["nama", "opd", "tahapan_iid", "urusan", "kematangan", "tahun", "kecamatan"])
    n = len(frame)
    frame.insert(0, "kode", [None] * n)
    frame.insert(3, "tahapan", pd.Categorical([None] * n, categories=list(STAGES), ordered=True))
    frame["opd"] = frame["opd"].astype("category")
    frame["tahapan_iid"] = pd.Categorical(frame["tahapan_iid"], categories=list(IID_STAGES), ordered=True)
    frame["tahapan_turunan"] = False
    frame["tahun"] = frame["tahun"].astype("Int64")
    frame["kematangan"] = frame["kematangan"].astype(float)
    frame["pemda"] = "Kabupaten Lebak"
    frame["tanggal_input"] = pd.to_datetime([f"2024-0{1 + i % 9}-15" for i in range(n)])
    frame["lat"] = [-6.35 - i / 100 for i in range(n)]
    frame["lon"] = [106.25 + i / 100 for i in range(n)]
    frame["sumber_sheet"] = pd.Categorical(["Data"] * n)
    frame["sumber_baris"] = range(2, 2 + n)
    frame.index = range(start, start + n)
    return frame


def make_iid_records() -> pd.DataFrame:
    """Return the eight IID-only records."""
    return _frame(_ROWS)


def make_mixed_records() -> pd.DataFrame:
    """Return the 5D fixture's seven records, the eight IID ones and one derived 5D stage."""
    five = make_records()
    iid = _frame(_ROWS, start=len(five))
    derived = _frame([("Turunan Sehat", "Dinas C", "Penerapan", "Kesehatan", 90, 2022, ("Cibadak",))], start=15)
    derived["tahapan"] = pd.Categorical(["Delivery"], categories=list(STAGES), ordered=True)
    derived["tahapan_turunan"] = True
    frame = pd.concat([five, iid, derived])
    for column in ("opd", "jenis", "bentuk", "sumber_sheet"):
        frame[column] = frame[column].astype(object).astype("category")
    frame["tahapan"] = pd.Categorical(frame["tahapan"].astype(object), categories=list(STAGES), ordered=True)
    frame["tahapan_iid"] = pd.Categorical(frame["tahapan_iid"].astype(object), categories=list(IID_STAGES))
    frame["tahapan_turunan"] = frame["tahapan_turunan"].fillna(False).astype(bool)
    return frame


def dataset_of(records: pd.DataFrame, key: str, filename: str = "iid.xlsx") -> Dataset:
    """Return `records` as a Dataset on the fixture's reference (exploded kecamatan built once)."""
    return Dataset(
        records=records,
        kecamatan_long=explode_kecamatan(records),
        reference=make_reference(),
        key=key,
        filename=filename,
        is_sample=False,
        version=2,
    )


def iid_dataset() -> Dataset:
    return dataset_of(make_iid_records(), "iid:1")


def mixed_dataset() -> Dataset:
    return dataset_of(make_mixed_records(), "mixed:1", "campuran.xlsx")


# ----------------------------------------------------------------------------- the real export
_LOGIN = re.compile(r"\s*\([^()]*\)\s*$")


def real_iid_rows() -> list[dict[str, object]]:
    """Return the rows of the real IID export (``../shared/realdata``) as dicts of its headers.

    Read with openpyxl, independently of the importer. The caller skips when the file is absent.
    """
    import openpyxl

    book = openpyxl.load_workbook(IID_EXPORT, read_only=True, data_only=True)
    try:
        rows = list(book["Data"].iter_rows(values_only=True))
    finally:
        book.close()
    header = [str(h).strip() for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(v is not None for v in row)]


def _blank(value: object) -> bool:
    return value is None or str(value).strip() in ("", "-")


def real_iid_records(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Return the real export's rows as records of issue 11's model (what the importer will make):
    the login removed from ``Admin OPD``, ``-`` as empty, urusan grouped ignoring case and spaces
    (shown as most often written), the year of ``Tanggal Penerapan``."""
    urusan = [" ".join(str(r["Urusan Utama"]).split()) if not _blank(r["Urusan Utama"]) else None for r in rows]
    written = pd.Series([u for u in urusan if u]).value_counts()
    shown: dict[str, str] = {}
    for form in written.index:  # most often written first
        shown.setdefault(form.casefold(), form)
    years = []
    for r in rows:
        text = str(r["Tanggal Penerapan"] or "")
        years.append(int(text[-4:]) if re.fullmatch(r"\d{2}-\d{2}-\d{4}", text) else None)
    records = pd.DataFrame(
        {
            "kode": [None] * len(rows),
            "nama": [str(r["Judul Inovasi"]) for r in rows],
            "opd": [None if _blank(r["Admin OPD"]) else _LOGIN.sub("", str(r["Admin OPD"])) for r in rows],
            "tahapan": pd.Categorical([None] * len(rows), categories=list(STAGES), ordered=True),
            "kecamatan": [()] * len(rows),
            "tahapan_iid": pd.Categorical(
                [None if _blank(r["Tahapan Inovasi"]) else str(r["Tahapan Inovasi"]) for r in rows],
                categories=list(IID_STAGES),
                ordered=True,
            ),
            "tahun": pd.array(years, dtype="Int64"),
            "urusan": [shown[u.casefold()] if u else None for u in urusan],
            "kematangan": [None if _blank(r["Kematangan"]) else float(r["Kematangan"]) for r in rows],
            "pemda": [r["Pemda"] for r in rows],
            "tahapan_turunan": False,
        }
    )
    records["opd"] = records["opd"].astype("category")
    return records
