"""The spreadsheet contract as data: columns, header aliases and allowed values.

This module is the single source for what a workbook may contain. The importer matches headers
with it, the template and the in-app guide (``Panduan Data``) are generated from it, so the three
can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from lebak_dash.records.textnorm import compact_key, spaced_key

#: The 5D stages of the Laboratorium Inovasi, always in this order.
STAGES: tuple[str, ...] = ("Drum-up", "Diagnose", "Design", "Delivery", "Display")
#: The stages of Kemendagri's IID application (Indeks Inovasi Daerah), in this order.
IID_STAGES: tuple[str, ...] = ("Inisiatif", "Uji Coba", "Penerapan")
#: Label counting innovations that name no OPD (the JSON report keeps it whatever the language).
NO_OPD = "OPD belum diisi"
#: Label counting innovations with a stage in neither model.
NO_STAGE = "Tahap belum diisi"
#: The region the dashboard is for; a ``Pemda`` naming another region is reported.
REGION = "Kabupaten Lebak"
#: Sheet names (first word, any case) of sheets that hold examples or instructions, not data.
EXAMPLE_SHEET_WORDS: tuple[str, ...] = ("Contoh", "Petunjuk")

#: Label used in per-kecamatan counts for kabupaten-wide innovations.
KABUPATEN_WIDE = "Semua Kecamatan"
#: Label used in per-kecamatan counts for innovations that name no kecamatan.
NOT_STATED = "Tidak disebut"


@dataclass(frozen=True)
class Column:
    """One column of the contract.

    Attributes
    ----------
    key : str
        Canonical column name in the records.
    header : str
        Header written by the template.
    aliases : tuple of str
        Other headers accepted for this column.
    required : bool
        Whether a row without a value is rejected.
    values : tuple of str
        Allowed values, when the column has a fixed vocabulary.
    record : bool
        Whether the records carry the column under its key (``koordinat`` is read into ``lat``
        and ``lon``, not kept).
    template : bool
        Whether the template has the column (``lat``/``lon`` are accepted, the template asks for
        ``Koordinat``).
    """

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    values: tuple[str, ...] = ()
    record: bool = True
    template: bool = True

    @property
    def all_headers(self) -> tuple[str, ...]:
        """Return the template header followed by every alias."""
        return (self.header, *self.aliases)


COLUMNS: tuple[Column, ...] = (
    Column("kode", "Kode Inovasi", ("Kode", "ID", "ID Inovasi")),
    Column("nama", "Nama Inovasi", ("Nama", "Judul Inovasi", "Judul", "Inovasi", "Ide Inovasi", "Innovation"), True),
    Column(
        "opd",
        "OPD",
        (
            "Perangkat Daerah",
            "Organisasi Perangkat Daerah",
            "OPD Pengusul",
            "Unit Kerja",
            "Instansi",
            "Admin OPD",
            "Nama OPD",
        ),
    ),
    Column("tahapan", "Tahapan 5D", ("Tahapan", "Tahap", "Tahap 5D", "Stage", "Tahapan Inovasi"), values=STAGES),
    Column("tahapan_iid", "Tahapan IID", ("Tahapan Inovasi Daerah",), values=IID_STAGES),
    Column("kecamatan", "Kecamatan", ("Lokasi", "Lokasi Penerapan", "Wilayah")),
    Column("koordinat", "Koordinat", ("Titik Koordinat",), record=False),
    Column("lat", "Lintang", ("Latitude", "Lat"), template=False),
    Column("lon", "Bujur", ("Longitude", "Long", "Lng"), template=False),
    Column("pemda", "Pemda", ("Pemerintah Daerah", "Daerah")),
    Column("tahun", "Tahun", ("Tahun Inovasi", "Year")),
    Column("tanggal_mulai", "Tanggal Mulai", ("Tgl Mulai", "Tanggal", "Waktu Uji Coba", "Tanggal Penerapan")),
    Column("tanggal_input", "Tanggal Input"),
    Column("tanggal_pengembangan", "Tanggal Pengembangan"),
    Column("jenis", "Jenis Inovasi", ("Jenis",), values=("Digital", "Non Digital")),
    Column(
        "bentuk",
        "Bentuk Inovasi",
        ("Bentuk",),
        values=(
            "Inovasi Pelayanan Publik",
            "Inovasi Tata Kelola Pemerintahan Daerah",
            "Inovasi Daerah Lainnya",
        ),
    ),
    Column(
        "inisiator",
        "Inisiator",
        ("Inisiator Inovasi",),
        values=("Kepala Daerah", "Anggota DPRD", "OPD", "ASN", "Masyarakat"),
    ),
    Column("inovator", "Nama Inovator", ("Inovator", "Nama ASN", "Penggagas", "Nama Inisiator")),
    Column("urusan", "Urusan Pemerintahan", ("Urusan", "Urusan Utama")),
    Column("urusan_lain", "Urusan Lain", ("Urusan lain yang beririsan",)),
    Column("kematangan", "Kematangan", ("Skor Kematangan",)),
    Column("anggaran", "Anggaran (Rp)", ("Anggaran", "Biaya")),
    Column("deskripsi", "Deskripsi", ("Uraian", "Keterangan", "Tujuan")),
    Column("tautan", "Tautan", ("Link", "URL", "Link Video")),
)

COLUMN_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
#: Every key a header can be read as (and a column mapping may name).
SOURCE_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
REQUIRED_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)
#: Canonical column order of the records produced by the importer.
RECORD_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.record)
#: Columns of the template, in order.
TEMPLATE_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.template)
#: Besides the name, a data sheet's header names at least one of these (or a mapping applies).
SHEET_KEYS: tuple[str, ...] = ("opd", "tahapan", "tahapan_iid", "kecamatan")
#: Record column: True where ``tahapan`` was derived from ``tahapan_iid`` through the editors' stage map.
DERIVED_STAGE = "tahapan_turunan"

#: Headers of a numbering column, ignored on import.
NUMBERING_HEADERS: tuple[str, ...] = ("No", "No.", "Nomor", "No Urut")

#: Provenance columns added to every record.
SOURCE_SHEET = "sumber_sheet"
SOURCE_ROW = "sumber_baris"

#: Extra words accepted for a few fixed vocabularies (compact keys map to canonical values).
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "jenis": {"nondigital": "Non Digital", "tidakdigital": "Non Digital", "digital": "Digital"},
    "tahapan_iid": {"inisiasi": "Inisiatif", "ujicoba": "Uji Coba", "implementasi": "Penerapan"},
    "bentuk": {
        "pelayananpublik": "Inovasi Pelayanan Publik",
        "tatakelolapemerintahandaerah": "Inovasi Tata Kelola Pemerintahan Daerah",
        "tatakelola": "Inovasi Tata Kelola Pemerintahan Daerah",
        "inovasilainnya": "Inovasi Daerah Lainnya",
        "lainnya": "Inovasi Daerah Lainnya",
        # IID's long form of the third kind.
        "inovasidaerahlainnyasesuaidenganurusanpemerintahanyangmenjadikewenangandaerah": "Inovasi Daerah Lainnya",
    },
    "inisiator": {"dprd": "Anggota DPRD", "bupati": "Kepala Daerah", "pns": "ASN"},
}


#: Older values kept as they are, as an extra choice of their column, with one warning per file.
LEGACY_VALUES: dict[str, tuple[str, ...]] = {"jenis": ("Teknologi",)}


def header_lookup() -> dict[str, str]:
    """Return a map from the compact key of every accepted header to its column key.

    Numbering headers map to the empty string (the column is recognised and ignored).
    """
    lookup = {compact_key(h): "" for h in NUMBERING_HEADERS}
    for column in COLUMNS:
        for header in column.all_headers:
            lookup[compact_key(header)] = column.key
    return lookup


def vocabulary(key: str) -> dict[str, str]:
    """Return the map from compact keys to canonical values for a fixed-vocabulary column."""
    column = COLUMN_BY_KEY[key]
    table = {compact_key(v): v for v in column.values}
    table.update(VALUE_SYNONYMS.get(key, {}))
    return table


def is_example_sheet(name: str) -> bool:
    """Return whether a sheet's name says it holds examples or instructions (``Contoh``, ``Petunjuk Pengisian``).

    Examples
    --------
    >>> is_example_sheet("Contoh"), is_example_sheet("PETUNJUK PENGISIAN"), is_example_sheet("Data 2019")
    (True, True, False)
    """
    words = spaced_key(name).split()
    return bool(words) and words[0] in {spaced_key(w) for w in EXAMPLE_SHEET_WORDS}
