"""Strings of the region and its kecamatan list: store messages, the command line, the Referensi page."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # ------------------------------------------------------------------ region fields
    "region.err.kind": {
        "id": "Jenis daerah '{value}' tidak dikenal; pilih salah satu: {kinds}.",
        "en": "Unknown kind of region '{value}'; choose one of: {kinds}.",
    },
    "region.err.name": {
        "id": "Nama daerah wajib diisi (tanpa 'Kabupaten'/'Kota'), paling panjang {limit} karakter: huruf, "
        "angka, spasi, tanda hubung, apostrof dan tanda kurung saja.",
        "en": "The region's name is required (without 'Kabupaten'/'Kota'), with letters, digits, spaces, hyphens, "
        "apostrophes and parentheses only; the longest allowed is {limit}.",
    },
    "region.err.code": {
        "id": "Kode Kemendagri paling panjang {limit} karakter: angka, huruf, titik, tanda hubung dan spasi saja.",
        "en": "The Kemendagri code holds digits, letters, dots, hyphens and spaces only; the longest allowed: {limit}.",
    },
    "region.err.timezone": {
        "id": "Zona waktu '{value}' tidak dikenal. Pakai nama IANA: Asia/Jakarta (WIB), Asia/Makassar (WITA) "
        "atau Asia/Jayapura (WIT).",
        "en": "Unknown time zone '{value}'. Use an IANA name: Asia/Jakarta (WIB), Asia/Makassar (WITA) "
        "or Asia/Jayapura (WIT).",
    },
    "region.err.json": {
        "id": "Data daerah harus berupa objek JSON dengan kind, name, code dan timezone.",
        "en": "A region must be a JSON object with kind, name, code and timezone.",
    },
    # ------------------------------------------------------------------ store
    "store.region_invalid": {
        "id": "Daerah yang tersimpan tidak dapat dipakai: {reason}",
        "en": "The stored region cannot be used: {reason}",
    },
    "store.region_changed": {
        "id": "Daerah diganti orang lain sejak halaman dibuka. Muat ulang halaman lalu coba lagi.",
        "en": "Someone else changed the region since the page was opened. Reload the page and try again.",
    },
    "store.region_not_found": {
        "id": "Versi daerah {number} tidak ada. Lihat daerah aktif dengan: python -m lebak_dash region show",
        "en": "Region version {number} does not exist. See the active region with: python -m lebak_dash region show",
    },
    "store.kecamatan_not_found": {
        "id": "Versi daftar kecamatan {number} tidak ada. Lihat daftarnya dengan: "
        "python -m lebak_dash kecamatan-list versions",
        "en": "Kecamatan list version {number} does not exist. List them with: "
        "python -m lebak_dash kecamatan-list versions",
    },
    "store.kecamatan_invalid": {
        "id": "Daftar kecamatan tidak dapat dipakai: {reason}",
        "en": "The kecamatan list cannot be used: {reason}",
    },
    "store.kecamatan_changed": {
        "id": "Daftar kecamatan diganti sejak berkas diperiksa. Periksa ulang dengan daftar yang baru, lalu terapkan.",
        "en": "The kecamatan list was replaced since the file was checked. Check again with the new list, "
        "then apply it.",
    },
    "detail.ref_bad_number": {
        "id": "daftar {what}: nilai '{value}' di kolom {column} baris {row} bukan angka yang mungkin.",
        "en": "{what} list: the value '{value}' in column {column}, row {row}, is not a possible number.",
    },
    "detail.ref_duplicate_code": {
        "id": "daftar {what}: kode '{code}' tercantum lebih dari sekali.",
        "en": "{what} list: the code '{code}' is listed more than once.",
    },
    "detail.ref_half_centroid": {
        "id": "daftar kecamatan: baris {row} memiliki lat tanpa lon (atau sebaliknya). Isi keduanya atau kosongkan.",
        "en": "kecamatan list: row {row} has lat without lon (or the reverse). Fill both or neither.",
    },
    "detail.ref_some_centroids": {
        "id": "daftar kecamatan: titik tengah (lat, lon) diisi untuk sebagian kecamatan saja (baris {row} kosong). "
        "Isi untuk semua kecamatan atau kosongkan kolomnya.",
        "en": "kecamatan list: centroids (lat, lon) are given for some kecamatan only (row {row} has none). "
        "Give them for every kecamatan or leave the columns empty.",
    },
    "detail.ref_kecamatan_too_long": {
        "id": "daftar kecamatan memuat {count:,} baris, lebih dari {limit} yang mungkin untuk satu daerah.",
        "en": {
            "one": "the kecamatan list holds {count:,} row, more than the {limit} a region can have.",
            "other": "the kecamatan list holds {count:,} rows, more than the {limit} a region can have.",
        },
    },
    "detail.ref_kecamatan_unreadable": {
        "id": "berkas tidak dapat dibaca dalam batas {limit}. Pastikan berkas itu daftar kecamatan (CSV atau xlsx).",
        "en": "the file could not be read within the limit of {limit}. Make sure it is a kecamatan list (CSV or xlsx).",
    },
    "detail.ref_file_too_large": {
        "id": "berkas berukuran {size}, melebihi batas {limit}.",
        "en": "the file is {size}, over the limit of {limit}.",
    },
    "detail.ref_file_unreadable": {
        "id": "berkas tidak dapat dibaca sebagai CSV atau lembar kerja (xlsx, xls, ods).",
        "en": "the file cannot be read as CSV or a workbook (xlsx, xls, ods).",
    },
    "audit.kecamatan_upload": {"id": "Unggah daftar kecamatan", "en": "Kecamatan list uploaded"},
    "audit.kecamatan_activate": {"id": "Aktifkan daftar kecamatan", "en": "Kecamatan list activated"},
    "audit.region_set": {"id": "Tetapkan daerah", "en": "Region set"},
    "audit.region_activate": {"id": "Aktifkan daerah", "en": "Region activated"},
    # ------------------------------------------------------------------ Referensi
    "region.title": {"id": "Daerah dan kecamatan", "en": "Region and kecamatan"},
    "region.facts_map": {
        "id": "{region}, kode Kemendagri {code}, zona waktu {zone}; {count} kecamatan, dengan titik tengah (peta).",
        "en": "{region}, Kemendagri code {code}, time zone {zone}; {count} kecamatan, with centroids (map).",
    },
    "region.facts_no_map": {
        "id": "{region}, kode Kemendagri {code}, zona waktu {zone}; {count} kecamatan, tanpa titik tengah "
        "(belum ada peta).",
        "en": "{region}, Kemendagri code {code}, time zone {zone}; {count} kecamatan, without centroids (no map yet).",
    },
    "region.versions": {"id": "Riwayat daftar kecamatan ({n})", "en": "Kecamatan list history ({n})"},
    "region.bundled_list": {
        "id": "Bawaan (28 kecamatan Kabupaten Lebak)",
        "en": "Bundled (the 28 kecamatan of Kabupaten Lebak)",
    },
    "region.option_bundled": {"id": "Bawaan aplikasi (Kabupaten Lebak)", "en": "Bundled (Kabupaten Lebak)"},
    "region.option": {
        "id": "Versi {number} · {filename} · {count:,} kecamatan",
        "en": "Version {number} · {filename} · {count:,} kecamatan",
    },
    "region.col.count": {"id": "Jumlah kecamatan", "en": "Kecamatan"},
    "region.col.centroids": {"id": "Titik tengah", "en": "Centroids"},
    "region.kind": {"id": "Jenis", "en": "Kind"},
    "region.name": {"id": "Nama daerah", "en": "Name"},
    "region.code": {"id": "Kode Kemendagri", "en": "Kemendagri code"},
    "region.timezone": {"id": "Zona waktu", "en": "Time zone"},
    "region.set": {"id": "Simpan daerah", "en": "Save the region"},
    "region.set_done": {
        "id": "Daerah sekarang {region}. Judul, teks dan berkas ekspor mengikutinya.",
        "en": "The region is now {region}. Titles, texts and exported files follow it.",
    },
    "region.upload": {"id": "Unggah daftar kecamatan", "en": "Upload a kecamatan list"},
    "region.upload_help": {
        "id": "CSV atau xlsx. Kolom nama wajib (nama, nama_kecamatan, Kecamatan); boleh kode (kode, Kode Kecamatan, "
        "id_kecamatan, teks bebas), alias (dipisah titik koma), lat dan lon (titik tengah, untuk peta: isi untuk "
        "semua kecamatan atau kosongkan). Kolom lain diabaikan.",
        "en": "CSV or xlsx. A name column is required (nama, nama_kecamatan, Kecamatan); optional kode (kode, Kode "
        "Kecamatan, id_kecamatan, free text), alias (separated by semicolons), lat and lon (centroids, for the map: "
        "give them for every kecamatan or none). Other columns are ignored.",
    },
    "region.file": {"id": "Berkas daftar kecamatan", "en": "Kecamatan list file"},
    "region.checking": {
        "id": "Memeriksa daftar kecamatan {filename} ...",
        "en": "Checking the kecamatan list {filename} ...",
    },
    "region.checked": {"id": "Daftar kecamatan diperiksa: {filename}", "en": "Kecamatan list checked: {filename}"},
    "region.list_ok": {
        "id": "Daftar dapat dipakai: {count:,} kecamatan ({added} baru, {removed} tidak ada lagi).",
        "en": "The list can be used: {count:,} kecamatan ({added} new, {removed} no longer listed).",
    },
    "region.list_no_centroids": {
        "id": "Daftar ini tanpa titik tengah (lat, lon): halaman Kecamatan akan menampilkan batang tanpa peta.",
        "en": "This list has no centroids (lat, lon): the Kecamatan page will show bars without a map.",
    },
    "region.list_unknown": {
        "id": "{count:,} baris data aktif menyebut kecamatan yang tidak ada di daftar ini.",
        "en": {
            "one": "{count:,} row of the active data names a kecamatan this list does not hold.",
            "other": "{count:,} rows of the active data name a kecamatan this list does not hold.",
        },
    },
    "region.list_apply": {"id": "Terapkan daftar kecamatan", "en": "Apply the kecamatan list"},
    "region.list_applied": {
        "id": "Daftar kecamatan versi {number} sekarang aktif ({count:,} kecamatan).",
        "en": "Kecamatan list version {number} is now active ({count:,} kecamatan).",
    },
    "region.list_activate": {"id": "Aktifkan daftar kecamatan lain", "en": "Activate another kecamatan list"},
    "region.list_confirm": {
        "id": "Dasbor akan membaca data aktif dengan daftar kecamatan '{label}'. Lanjutkan?",
        "en": "The dashboard will read the active data with the kecamatan list '{label}'. Go ahead?",
    },
    "region.list_activated": {
        "id": "Daftar kecamatan '{label}' sekarang aktif.",
        "en": "Kecamatan list '{label}' is now active.",
    },
    "region.list_changed": {
        "id": "Sementara Anda mengonfirmasi, daftar kecamatan aktif berubah. Tidak ada yang diubah; pilih lagi.",
        "en": "While you were confirming, the active kecamatan list changed. Nothing was changed; choose again.",
    },
    # ------------------------------------------------------------------ pages
    "kecamatan.no_map": {
        "id": "Peta kecamatan belum tersedia: daftar kecamatan {region} belum memuat titik tengah (kolom lat dan "
        "lon). Untuk menampilkan peta, editor mengunggah daftar kecamatan yang memuat lat dan lon tiap kecamatan "
        "di halaman Referensi (bagian Daerah dan kecamatan) atau dengan perintah: python -m lebak_dash "
        "kecamatan-list import BERKAS --by NAMA. Sementara itu jumlah inovasi per kecamatan ditampilkan sebagai "
        "batang.",
        "en": "No kecamatan map yet: the kecamatan list of {region} has no centroids (columns lat and lon). To show "
        "a map, an editor uploads a kecamatan list with the lat and lon of every kecamatan on the Referensi page "
        "(section Region and kecamatan) or with: python -m lebak_dash kecamatan-list import FILE --by NAME. "
        "Meanwhile the innovations per kecamatan are shown as bars.",
    },
    # ------------------------------------------------------------------ command line
    "scli.help.by_any": {
        "id": "nama pengguna, dicatat di log audit bila perintah mengubah sesuatu (bawaan: pengguna sistem)",
        "en": "user name, kept in the audit log when the command changes something (default: the system user)",
    },
    "scli.help.cmd.kecamatan_list": {
        "id": "daftar kecamatan: ekspor, impor, versi, aktifkan",
        "en": "kecamatan list: export, import, versions, activate",
    },
    "scli.help.cmd.kecamatan_export": {
        "id": "tulis daftar kecamatan aktif (atau versi N) seperti diunggah",
        "en": "write the active kecamatan list (or version N) as uploaded",
    },
    "scli.help.cmd.kecamatan_import": {
        "id": "unggah daftar kecamatan (CSV atau xlsx) dan aktifkan",
        "en": "upload a kecamatan list (CSV or xlsx) and activate it",
    },
    "scli.help.cmd.kecamatan_versions": {
        "id": "tampilkan daftar kecamatan yang pernah diunggah",
        "en": "list the uploaded kecamatan lists",
    },
    "scli.help.cmd.kecamatan_activate": {
        "id": "aktifkan daftar kecamatan versi N (0 = bawaan)",
        "en": "activate kecamatan list version N (0 = bundled)",
    },
    "scli.help.kecamatan_out": {"id": "berkas keluaran", "en": "output file"},
    "scli.help.kecamatan_version": {
        "id": "versi daftar kecamatan (bawaan: yang aktif; 0 = bawaan aplikasi)",
        "en": "kecamatan list version (default: the active one; 0 = bundled)",
    },
    "scli.help.kecamatan_file": {
        "id": "CSV atau xlsx dengan kolom nama (nama/nama_kecamatan), boleh kode, alias, lat, lon",
        "en": "CSV or xlsx with a name column (nama/nama_kecamatan), optionally kode, alias, lat, lon",
    },
    "scli.help.kecamatan_number": {"id": "nomor versi (0 = bawaan)", "en": "version number (0 = bundled)"},
    "scli.help.cmd.region": {
        "id": "daerah dasbor: tampilkan atau tetapkan (jenis, nama, kode, zona waktu)",
        "en": "the dashboard's region: show or set (kind, name, code, time zone)",
    },
    "scli.help.cmd.region_show": {"id": "tampilkan daerah aktif", "en": "show the active region"},
    "scli.help.cmd.region_set": {
        "id": "tetapkan daerah (yang tidak diberikan tetap seperti sekarang)",
        "en": "set the region (what is not given stays as it is)",
    },
    "scli.help.region_kind": {"id": "Kabupaten atau Kota", "en": "Kabupaten or Kota"},
    "scli.help.region_name": {
        "id": "nama daerah tanpa jenisnya (mis. Bogor)",
        "en": "the name without the kind (e.g. Bogor)",
    },
    "scli.help.region_code": {"id": "kode Kemendagri (mis. 32.01)", "en": "Kemendagri code (e.g. 32.01)"},
    "scli.help.region_timezone": {
        "id": "zona waktu IANA (Asia/Jakarta = WIB, Asia/Makassar = WITA, Asia/Jayapura = WIT)",
        "en": "IANA time zone (Asia/Jakarta = WIB, Asia/Makassar = WITA, Asia/Jayapura = WIT)",
    },
    "scli.metavar.code": {"id": "KODE", "en": "CODE"},
    "scli.kecamatan_exported": {"id": "Daftar kecamatan ditulis ke {path}.", "en": "Kecamatan list written to {path}."},
    "scli.kecamatan_stored": {
        "id": "Daftar kecamatan versi {number} disimpan dan diaktifkan: {count:,} kecamatan ({added} baru, "
        "{removed} dihapus); baris data aktif yang menyebut kecamatan tak dikenal: {unknown}.",
        "en": "Kecamatan list version {number} saved and activated: {count:,} kecamatan ({added} new, "
        "{removed} removed); rows of the active data naming an unknown kecamatan: {unknown}.",
    },
    "scli.kecamatan_activated": {
        "id": "Daftar kecamatan versi {number} sekarang aktif.",
        "en": "Kecamatan list version {number} is now active.",
    },
    "scli.kecamatan_none": {
        "id": "Belum ada daftar kecamatan yang diunggah; dipakai daftar bawaan (data/reference/kecamatan.csv).",
        "en": "No kecamatan list uploaded yet; the bundled list (data/reference/kecamatan.csv) is used.",
    },
    "scli.region_show": {
        "id": "{region} (kode {code}, zona waktu {zone}), versi daerah {number}.",
        "en": "{region} (code {code}, time zone {zone}), region version {number}.",
    },
    "scli.region_set": {
        "id": "Daerah versi {number} ditetapkan: {region}, zona waktu {zone}.",
        "en": "Region version {number} set: {region}, time zone {zone}.",
    },
}
