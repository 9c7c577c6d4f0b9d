"""Strings of the importer: whole-file rejections, sheet notes and row issues."""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # Whole-file rejections: say why, and what to do.
    "file.empty": {
        "id": "Berkas kosong (0 bita). Unggah berkas Excel yang berisi data inovasi.",
        "en": "The file is empty (0 bytes). Upload an Excel file that holds innovation data.",
    },
    "file.too_large": {
        "id": "Berkas berukuran {size}, melebihi batas {limit}. Pecah data menjadi beberapa "
        "berkas, atau minta admin menaikkan batas (LEBAK_MAX_FILE_MB).",
        "en": "The file is {size}, over the limit of {limit}. Split the data into several "
        "files, or ask the admin to raise the limit (LEBAK_MAX_FILE_MB).",
    },
    "file.unknown_format": {
        "id": "Berkas ini bukan lembar kerja yang dikenali ({detail}). Format yang diterima: "
        ".xlsx, .xlsm, .xls, .ods dan .csv. Simpan ulang dari Excel sebagai .xlsx lalu unggah lagi.",
        "en": "This file is not a recognised spreadsheet ({detail}). Accepted formats: "
        ".xlsx, .xlsm, .xls, .ods and .csv. Save it again from Excel as .xlsx and upload it.",
    },
    "file.encrypted": {
        "id": "Berkas dilindungi kata sandi sehingga isinya tidak dapat dibaca. Buka di Excel, "
        "hapus kata sandinya (File > Info > Proteksi Buku Kerja), simpan, lalu unggah lagi.",
        "en": "The file is password-protected, so its content cannot be read. Open it in "
        "Excel, remove the password (File > Info > Protect Workbook), save and upload again.",
    },
    "file.text_encoding": {
        "id": "Berkas teks ini memakai pengodean {encoding}; yang diterima hanya UTF-8 atau Windows-1252. "
        "Di Excel pilih Simpan Sebagai > 'CSV UTF-8 (dipisahkan koma)' atau simpan sebagai .xlsx, lalu unggah lagi.",
        "en": "This text file is encoded in {encoding}; only UTF-8 or Windows-1252 are accepted. In Excel choose "
        "Save As > 'CSV UTF-8 (Comma delimited)' or save as .xlsx, then upload again.",
    },
    "file.corrupt": {
        "id": "Berkas rusak atau terpotong dan tidak dapat dibaca ({detail}). Buka berkas di "
        "Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu unggah lagi.",
        "en": "The file is damaged or truncated and cannot be read ({detail}). Open it in "
        "Excel or LibreOffice, save it again as .xlsx and upload it.",
    },
    "file.xml_entity": {
        "id": "Berkas berisi deklarasi XML (DOCTYPE/ENTITY) yang tidak pernah dibuat Excel "
        "dan ditolak demi keamanan. Simpan ulang berkas dari Excel lalu unggah lagi.",
        "en": "The file holds XML declarations (DOCTYPE/ENTITY) that Excel never writes; it "
        "is refused for safety. Save the file again from Excel and upload it.",
    },
    "file.too_expanded": {
        "id": "Isi berkas membesar menjadi {size} setelah dibuka (batas {limit}); berkas "
        "seperti ini tidak dibuat oleh Excel dan ditolak demi keamanan. Periksa berkasnya.",
        "en": "The file expands to {size} when opened (limit {limit}); Excel does not make "
        "such files, so it is refused for safety. Check the file.",
    },
    "file.too_many_parts": {
        "id": "Berkas memuat {count:,} bagian internal (batas {limit:,}). Simpan ulang dari Excel.",
        "en": {
            "one": "The file holds {count:,} internal part (limit {limit:,}). Save it again from Excel.",
            "other": "The file holds {count:,} internal parts (limit {limit:,}). Save it again from Excel.",
        },
    },
    "file.too_many_sheets": {
        "id": "Berkas memuat {count:,} lembar (batas {limit:,}). Hapus lembar yang tidak perlu.",
        "en": {
            "one": "The file holds {count:,} sheet (limit {limit:,}). Remove the sheets not needed.",
            "other": "The file holds {count:,} sheets (limit {limit:,}). Remove the sheets not needed.",
        },
    },
    "file.too_many_cells": {
        "id": "Lembar '{sheet}' memuat sekitar {count:,} sel (batas {limit:,}). Pecah data menjadi beberapa berkas, "
        "atau minta admin menaikkan batas (LEBAK_MAX_CELLS).",
        "en": {
            "one": "Sheet '{sheet}' holds about {count:,} cell (limit {limit:,}). Split the data into several "
            "files, or ask the admin to raise the limit (LEBAK_MAX_CELLS).",
            "other": "Sheet '{sheet}' holds about {count:,} cells (limit {limit:,}). Split the data into several "
            "files, or ask the admin to raise the limit (LEBAK_MAX_CELLS).",
        },
    },
    "file.too_many_rows": {
        "id": "Lembar '{sheet}' memuat {count:,} baris (batas {limit:,}). Pecah data menjadi beberapa berkas, atau "
        "minta admin menaikkan batas (LEBAK_MAX_ROWS).",
        "en": {
            "one": "Sheet '{sheet}' holds {count:,} row (limit {limit:,}). Split the data into several files, or "
            "ask the admin to raise the limit (LEBAK_MAX_ROWS).",
            "other": "Sheet '{sheet}' holds {count:,} rows (limit {limit:,}). Split the data into several files, or "
            "ask the admin to raise the limit (LEBAK_MAX_ROWS).",
        },
    },
    "file.too_many_columns": {
        "id": "Lembar '{sheet}' melebar sampai kolom ke-{columns} (batas {limit}). Hapus "
        "isi di kolom yang jauh di kanan, simpan, lalu unggah lagi.",
        "en": "Sheet '{sheet}' reaches column {columns} (limit {limit}). Clear the cells far "
        "to the right, save and upload again.",
    },
    "file.memory": {
        "id": "Pemeriksaan berkas dihentikan karena memerlukan lebih dari {limit} memori. "
        "Berkas terlalu besar atau tidak wajar; pecah datanya atau simpan ulang dari Excel.",
        "en": "Checking the file was stopped because it needed more than {limit} of memory. "
        "The file is too large or abnormal; split the data or save it again from Excel.",
    },
    "file.timeout": {
        "id": "Pemeriksaan berkas dihentikan setelah {count:g} detik. Berkas terlalu besar atau tidak wajar; pecah "
        "datanya menjadi beberapa berkas.",
        "en": {
            "one": "Checking the file was stopped after {count:g} second. The file is too large or abnormal; split "
            "the data into several files.",
            "other": "Checking the file was stopped after {count:g} seconds. The file is too large or abnormal; "
            "split the data into several files.",
        },
    },
    "file.no_data_sheet": {
        "id": "Tidak ada lembar berisi data inovasi. Salah satu dari 20 baris pertama sebuah "
        "lembar harus menjadi baris judul kolom yang memuat {required}. "
        "Judul kolom yang ditemukan: {found}. Bila judul kolomnya lain, tunjukkan kolom mana yang mana "
        "dengan pemetaan kolom (halaman Unggah Data, atau --mapping di baris perintah).",
        "en": "No sheet holds innovation data. One of the first 20 rows of a sheet must be a "
        "header row naming {required}. Headers found: {found}. When the headers are different, say which "
        "column is which with a column mapping (the Unggah Data page, or --mapping on the command line).",
    },
    "detail.required_columns": {
        "id": "Nama Inovasi dan minimal satu dari OPD, Tahapan 5D, Tahapan IID atau Kecamatan",
        "en": "Nama Inovasi and at least one of OPD, Tahapan 5D, Tahapan IID or Kecamatan",
    },
    "file.mapping_unmatched": {
        "id": "Pemetaan kolom ({headers}) tidak cocok dengan lembar mana pun: tidak ada baris judul kolom yang "
        "memuat semua judul kolomnya.",
        "en": "The column mapping ({headers}) matches no sheet: no header row holds all its headers.",
    },
    "file.value_legacy": {
        "id": "Nilai lama '{value}' di kolom {column} ({count:,} baris) disimpan sebagai pilihan tersendiri.",
        "en": {
            "one": "The older value '{value}' in column {column} ({count:,} row) is kept as a choice of its own.",
            "other": "The older value '{value}' in column {column} ({count:,} rows) is kept as a choice of its own.",
        },
    },
    "file.pemda_other": {
        "id": "Pemda '{value}' bukan {region} ({count:,} baris); baris-barisnya tetap diimpor.",
        "en": {
            "one": "Pemda '{value}' is not {region} ({count:,} row); the row is imported all the same.",
            "other": "Pemda '{value}' is not {region} ({count:,} rows); the rows are imported all the same.",
        },
    },
    "file.no_rows": {
        "id": "Lembar data ditemukan ({sheets}), tetapi tidak ada baris inovasi di bawah "
        "baris judul kolom. Isi minimal satu baris lalu unggah lagi.",
        "en": "Data sheets were found ({sheets}) but there is no innovation row under the "
        "header row. Fill in at least one row and upload again.",
    },
    "file.no_valid_rows": {
        "id": "Semua {count:,} baris ditolak, sehingga tidak ada data yang dapat diimpor. Perbaiki baris sesuai "
        "daftar kesalahan lalu unggah lagi.",
        "en": {
            "one": "The only row was rejected, so there is nothing to import. Correct the row listed in the errors "
            "and upload again.",
            "other": "All {count:,} rows were rejected, so there is nothing to import. Correct the rows listed in "
            "the errors and upload again.",
        },
    },
    # What a rejected file turned out to be, or where it is damaged (the {detail} of file.unknown_format
    # and file.corrupt).
    "detail.xlsb": {"id": "Excel biner .xlsb", "en": "binary Excel .xlsb"},
    "detail.zip_corrupt": {"id": "arsip zip rusak", "en": "damaged zip archive"},
    "detail.zip_other": {"id": "arsip zip yang bukan lembar kerja", "en": "a zip archive that is not a spreadsheet"},
    "detail.elf": {"id": "program Linux (ELF)", "en": "Linux program (ELF)"},
    "detail.exe": {"id": "program Windows (EXE)", "en": "Windows program (EXE)"},
    "detail.pdf": {"id": "dokumen PDF", "en": "PDF document"},
    "detail.png": {"id": "gambar PNG", "en": "PNG image"},
    "detail.jpeg": {"id": "gambar JPEG", "en": "JPEG image"},
    "detail.gif": {"id": "gambar GIF", "en": "GIF image"},
    "detail.rar": {"id": "arsip RAR", "en": "RAR archive"},
    "detail.gzip": {"id": "arsip gzip", "en": "gzip archive"},
    "detail.7z": {"id": "arsip 7z", "en": "7z archive"},
    "detail.html": {"id": "halaman web HTML yang dinamai seperti Excel", "en": "an HTML web page named like Excel"},
    "detail.xml2003": {"id": "XML Spreadsheet 2003", "en": "XML Spreadsheet 2003"},
    "detail.binary": {"id": "data biner yang tidak dikenal", "en": "unknown binary data"},
    "detail.plain_text": {"id": "teks biasa, bukan lembar kerja", "en": "plain text, not a spreadsheet"},
    "detail.part_damaged": {"id": "bagian '{part}' rusak", "en": "part '{part}' is damaged"},
    "detail.part_truncated": {"id": "bagian '{part}' terpotong", "en": "part '{part}' is truncated"},
    "detail.part_compression": {
        "id": "bagian '{part}' memakai kompresi yang tidak dikenal",
        "en": "part '{part}' uses an unknown compression",
    },
    "detail.workbook_incomplete": {"id": "struktur buku kerja tidak lengkap", "en": "incomplete workbook structure"},
    "detail.csv": {"id": "CSV: {error}", "en": "CSV: {error}"},
    "detail.structure": {"id": "struktur berkas lembar kerja tidak utuh", "en": "incomplete spreadsheet structure"},
    "detail.structure_of": {"id": "struktur berkas {what} tidak utuh", "en": "incomplete {what} file structure"},
    "detail.reader": {"id": "pembaca lembar kerja gagal: {error}", "en": "the spreadsheet reader failed: {error}"},
    "detail.worker": {"id": "{error}", "en": "{error}"},
    "detail.file_missing": {
        "id": "Berkas '{path}' tidak ditemukan atau tidak dapat dibaca.",
        "en": "File '{path}' was not found or cannot be read.",
    },
    "file.csv_encoding": {
        "id": "Berkas CSV bukan UTF-8; dibaca sebagai Windows-1252. Periksa huruf khusus.",
        "en": "The CSV file is not UTF-8; it was read as Windows-1252. Check special letters.",
    },
    "detail.none_found": {"id": "(tidak ada)", "en": "(none)"},
    # Why a column mapping cannot be used.
    "mapping.err.json": {
        "id": "Berkas pemetaan kolom bukan JSON yang sah ({error}).",
        "en": "The column mapping file is not valid JSON ({error}).",
    },
    "mapping.err.too_large": {
        "id": "Berkas pemetaan kolom terlalu besar (batas {limit}).",
        "en": "The column mapping file is too large (limit {limit}).",
    },
    "mapping.err.shape": {
        "id": "Pemetaan kolom harus berbentuk {example} (null: kolom diabaikan).",
        "en": "A column mapping must read {example} (null: the column is ignored).",
    },
    "mapping.err.empty": {
        "id": "Pemetaan kolom tidak menyebut satu kolom pun.",
        "en": "The column mapping names no column.",
    },
    "mapping.err.blank_header": {
        "id": "Pemetaan kolom memuat judul kolom kosong.",
        "en": "The column mapping holds a blank header.",
    },
    "mapping.err.same_header": {
        "id": "Judul kolom '{first}' dan '{second}' dianggap sama; sebut sekali saja.",
        "en": "Headers '{first}' and '{second}' count as the same; name it once.",
    },
    "mapping.err.unknown_key": {
        "id": "Pemetaan menyebut kunci '{key}' (untuk kolom '{header}') yang tidak dikenal. Kunci yang diterima: "
        "{keys}, atau null untuk mengabaikan kolom.",
        "en": "The mapping names the unknown key '{key}' (for column '{header}'). Accepted keys: {keys}, or null "
        "to ignore a column.",
    },
    "mapping.err.same_key": {
        "id": "Kolom '{first}' dan '{second}' sama-sama dipetakan ke '{key}'; satu kunci untuk satu kolom.",
        "en": "Columns '{first}' and '{second}' are both mapped to '{key}'; one key per column.",
    },
    # Why a stage map cannot be used.
    "stagemap.err.iid": {
        "id": "'{value}' bukan tahapan IID ({allowed}).",
        "en": "'{value}' is not an IID stage ({allowed}).",
    },
    "stagemap.err.stage": {
        "id": "'{value}' bukan tahapan 5D ({allowed}).",
        "en": "'{value}' is not a 5D stage ({allowed}).",
    },
    "stagemap.err.empty": {
        "id": "Pemetaan tahapan tidak menyebut satu tahap pun.",
        "en": "The stage map names no stage.",
    },
    "stagemap.err.pair": {
        "id": "'{value}' harus berbentuk TAHAP_IID=TAHAP_5D, misalnya Inisiatif=Design.",
        "en": "'{value}' must read IID_STAGE=5D_STAGE, for example Inisiatif=Design.",
    },
    # Sheets.
    "sheet.no_header": {
        "id": "Dilewati: tidak ada baris judul kolom dengan {required} di 20 baris pertama.",
        "en": "Skipped: no header row naming {required} in the first 20 rows.",
    },
    "sheet.example": {
        "id": "Dilewati: menurut namanya, lembar ini berisi contoh atau petunjuk.",
        "en": "Skipped: by its name, this sheet holds examples or instructions.",
    },
    "sheet.mapping_used": {
        "id": "Kolom lembar ini dibaca dengan pemetaan kolom {mapping}.",
        "en": "The columns of this sheet were read with column mapping {mapping}.",
    },
    "sheet.column_absent": {
        "id": "Lembar ini tidak punya kolom {column}; barisnya tetap diimpor dan dihitung sebagai '{label}'.",
        "en": "This sheet has no {column} column; its rows are imported all the same and counted as '{label}'.",
    },
    "sheet.empty": {"id": "Dilewati: lembar kosong.", "en": "Skipped: empty sheet."},
    "sheet.not_worksheet": {
        "id": "Dilewati: bukan lembar kerja (grafik atau makro).",
        "en": "Skipped: not a worksheet (chart or macro sheet).",
    },
    "sheet.opd_from_name": {
        "id": "Lembar tanpa kolom OPD: semua barisnya dianggap milik '{opd}' (dari nama lembar).",
        "en": "Sheet without an OPD column: all its rows belong to '{opd}' (from the sheet name).",
    },
    "sheet.extra_columns": {
        "id": "Kolom tambahan disimpan apa adanya: {columns}.",
        "en": "Extra columns kept as they are: {columns}.",
    },
    "sheet.duplicate_header": {
        "id": "Judul kolom '{header}' muncul lagi di kolom {letter}; kolom itu diperlakukan sebagai kolom tambahan.",
        "en": "Header '{header}' appears again in column {letter}; that column is kept as an extra column.",
    },
    "sheet.merged_filled": {
        "id": "{count:,} sel gabungan (merge) di area data diisi ke setiap baris yang digabung.",
        "en": {
            "one": "{count:,} merged cell in the data area was filled into every merged row.",
            "other": "{count:,} merged cells in the data area were filled into every merged row.",
        },
    },
    # Rows: errors (the row is not imported).
    "row.missing_required": {
        "id": "Kolom wajib '{column}' kosong; baris tidak diimpor.",
        "en": "Required column '{column}' is empty; the row was not imported.",
    },
    "row.stage_unknown": {
        "id": "Tahapan '{value}' tidak dikenal; baris tidak diimpor. {hint} Tahapan 5D: Drum-up, Diagnose, "
        "Design, Delivery, Display (atau angka 1-5); tahapan IID: Inisiatif, Uji Coba, Penerapan.",
        "en": "Stage '{value}' is unknown; the row was not imported. {hint} 5D stages: Drum-up, Diagnose, "
        "Design, Delivery, Display (or a number 1-5); IID stages: Inisiatif, Uji Coba, Penerapan.",
    },
    "row.stage_conflict": {
        "id": "Tahapan '{value}': angka dan nama tahap tidak cocok ({number} adalah {stage}); baris tidak diimpor.",
        "en": "Stage '{value}': the number and the name disagree ({number} is {stage}); the row was not imported.",
    },
    "row.kode_conflict": {
        "id": "Kode '{value}' sudah dipakai inovasi lain (lembar '{first_sheet}' baris "
        "{first_row}) dengan isi berbeda; baris ini tidak diimpor. Beri kode yang berbeda.",
        "en": "Code '{value}' is already used by another innovation (sheet '{first_sheet}' row "
        "{first_row}) with different content; this row was not imported. Give it another code.",
    },
    # Rows: warnings (the row is imported).
    "row.header_repeated": {
        "id": "Baris ini mengulang baris judul kolom; dilewati.",
        "en": "This row repeats the header row; skipped.",
    },
    "row.opd_empty": {
        "id": "OPD kosong; baris tetap diimpor dan dihitung sebagai '{label}'.",
        "en": "The OPD is empty; the row is imported all the same and counted as '{label}'.",
    },
    "row.stage_empty": {
        "id": "Tahapan kosong; baris tetap diimpor dan dihitung sebagai '{label}'.",
        "en": "The stage is empty; the row is imported all the same and counted as '{label}'.",
    },
    "row.stage_iid_differs": {
        "id": "Kolom Tahapan IID ('{value}') dan kolom tahapan menyebut tahap IID yang berbeda; dipakai '{value}'.",
        "en": "The Tahapan IID column ('{value}') and the stage column name different IID stages; '{value}' is used.",
    },
    "row.same_name_opd": {
        "id": "Inovasi '{name}' dengan OPD yang sama sudah ada di lembar '{first_sheet}' baris {first_row}, "
        "keduanya tanpa kode; keduanya diimpor. Beri Kode Inovasi bila keduanya berbeda, atau hapus salah satunya.",
        "en": "Innovation '{name}' with the same OPD is already in sheet '{first_sheet}' row {first_row}, both "
        "without a code; both are imported. Give each an innovation code if they differ, or remove one.",
    },
    "row.coord_invalid": {
        "id": "Koordinat '{value}' tidak dikenali; titiknya diabaikan. Contoh yang diterima: -6.35, 106.25; "
        "-6,35, 106,25; 6°21'0\"S 106°15'0\"E; Lintang: -6.35 Bujur: 106.25; tautan peta dengan @lintang,bujur.",
        "en": "Coordinates '{value}' are not recognised; the point is left out. Accepted examples: -6.35, 106.25; "
        "-6,35, 106,25; 6°21'0\"S 106°15'0\"E; Lintang: -6.35 Bujur: 106.25; a map link with @lat,lon.",
    },
    "row.coord_outside": {
        "id": "Koordinat '{value}' berada di luar Indonesia (lintang dulu, lalu bujur); titiknya diabaikan.",
        "en": "Coordinates '{value}' lie outside Indonesia (latitude first, then longitude); the point is left out.",
    },
    "row.score_invalid": {
        "id": "Kematangan '{value}' bukan angka 0 atau lebih; dikosongkan.",
        "en": "Maturity score '{value}' is not a number of 0 or more; left blank.",
    },
    "row.duplicate": {
        "id": "Baris sama persis dengan lembar '{first_sheet}' baris {first_row}; dihitung sekali saja.",
        "en": "Row identical to sheet '{first_sheet}' row {first_row}; counted once.",
    },
    "row.opd_unknown": {
        "id": "OPD '{value}' tidak ada di daftar OPD; disimpan sesuai tulisan. {hint}",
        "en": "OPD '{value}' is not in the OPD list; kept as written. {hint}",
    },
    "row.kecamatan_unknown": {
        "id": "Kecamatan '{value}' tidak dikenal; disimpan sesuai tulisan. {hint}",
        "en": "Kecamatan '{value}' is unknown; kept as written. {hint}",
    },
    "hint.maybe": {"id": "Mungkin maksudnya: {names}.", "en": "Did you mean: {names}?"},
    "hint.none": {
        "id": "Periksa ejaan atau perbarui daftar referensi.",
        "en": "Check the spelling or update the reference list.",
    },
    "row.kecamatan_mixed": {
        "id": "'{value}' menyebut seluruh {kind} bersama kecamatan tertentu; dihitung sebagai Semua Kecamatan.",
        "en": "'{value}' names the whole {kind} together with single kecamatan; counted as Semua Kecamatan.",
    },
    "row.date_invalid": {
        "id": "Tanggal '{value}' tidak dikenali; dikosongkan. Contoh yang diterima: "
        "28/11/2018, 2018-11-28, 28 November 2018.",
        "en": "Date '{value}' is not recognised; left blank. Accepted examples: 28/11/2018, "
        "2018-11-28, 28 November 2018.",
    },
    "row.year_invalid": {
        "id": "Tahun '{value}' tidak valid (harus antara 2000 dan 2100); dikosongkan.",
        "en": "Year '{value}' is not valid (must be between 2000 and 2100); left blank.",
    },
    "row.rupiah_invalid": {
        "id": "Anggaran '{value}' bukan jumlah rupiah; dikosongkan. Contoh: Rp 15.000.000.",
        "en": "Budget '{value}' is not a rupiah amount; left blank. Example: Rp 15.000.000.",
    },
    "row.rupiah_rounded": {
        "id": "Anggaran '{value}' memuat sen; dibulatkan menjadi {rounded}.",
        "en": "Budget '{value}' has cents; rounded to {rounded}.",
    },
    "row.value_unknown": {
        "id": "'{value}' bukan pilihan kolom {column} ({allowed}); disimpan sesuai tulisan.",
        "en": "'{value}' is not a choice of column {column} ({allowed}); kept as written.",
    },
    "row.url_invalid": {
        "id": "Tautan '{value}' bukan alamat web http(s); disimpan sebagai teks biasa.",
        "en": "Link '{value}' is not an http(s) web address; kept as plain text.",
    },
    "row.text_truncated": {
        "id": "Teks berisi {count} karakter, melebihi batas {limit}; dipotong (berkas asli tetap tersimpan utuh).",
        "en": {
            "one": "Text of {count} character is over the limit of {limit}; truncated (the original file is kept "
            "whole).",
            "other": "Text of {count} characters is over the limit of {limit}; truncated (the original file is kept "
            "whole).",
        },
    },
}

# The user-facing contract (lebak_dash/exports/guide.py); placeholders are filled from the schema, the
# reference tables and the limits, so these texts never name a column or a number themselves.
GUIDE_STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    "guide.yes": {"id": "wajib", "en": "required"},
    "guide.no": {"id": "tidak wajib", "en": "optional"},
    "guide.label.key": {"id": "Kunci", "en": "Key"},
    "guide.label.header": {"id": "Judul kolom (templat)", "en": "Column header (template)"},
    "guide.label.aliases": {"id": "Juga diterima", "en": "Also accepted"},
    "guide.label.required": {"id": "Wajib?", "en": "Required?"},
    "guide.label.values": {"id": "Isi yang diterima", "en": "Accepted values"},
    "guide.label.example": {"id": "Contoh", "en": "Example"},
    "guide.values.kode": {
        "id": "teks bebas; identitas tetap sebuah inovasi dari unggahan ke unggahan",
        "en": "free text; the stable identity of an innovation across uploads",
    },
    "guide.values.nama": {"id": "teks", "en": "text"},
    "guide.values.opd": {
        "id": "nama, singkatan atau alias salah satu dari {opds} di daftar OPD; OPD lain disimpan "
        "sesuai tulisan dengan peringatan",
        "en": "name, abbreviation or alias of one of the {opds} in the OPD list; others are kept "
        "as written, with a warning",
    },
    "guide.values.kecamatan": {
        "id": "satu atau beberapa kecamatan di {region}, atau {wide}",
        "en": "one or more kecamatan of {region}, or {wide}",
    },
    "guide.values.tahapan": {
        "id": "tahap 5D ({stages}, atau angka 1-5) atau tahap IID ({iid}); kosong: '" + "Tahap belum diisi'",
        "en": "a 5D stage ({stages}, or a number 1-5) or an IID stage ({iid}); blank: '" + "Tahap belum diisi'",
    },
    "guide.values.koordinat": {
        "id": "lintang lalu bujur dalam derajat (lihat Koordinat)",
        "en": "latitude then longitude in degrees (see Coordinates)",
    },
    "guide.values.lat": {
        "id": "derajat lintang ({lat}), bersama kolom Bujur",
        "en": "degrees of latitude ({lat}), with a Bujur column",
    },
    "guide.values.lon": {
        "id": "derajat bujur ({lon}), bersama kolom Lintang",
        "en": "degrees of longitude ({lon}), with a Lintang column",
    },
    "guide.values.pemda": {
        "id": "pemerintah daerah baris itu ({region}); daerah lain dilaporkan, barisnya tetap diimpor",
        "en": "the row's regional government ({region}); another region is reported, the row is still imported",
    },
    "guide.values.tanggal_input": {"id": "tanggal", "en": "a date"},
    "guide.values.tanggal_pengembangan": {"id": "tanggal", "en": "a date"},
    "guide.values.jenis": {
        "id": "{values}; nilai lama IID 'Teknologi' disimpan sebagai pilihan ketiga, dengan peringatan",
        "en": "{values}; IID's older value 'Teknologi' is kept as a third choice, with a warning",
    },
    "guide.values.urusan_lain": {"id": "teks", "en": "text"},
    "guide.values.kematangan": {
        "id": "skor kematangan IID, angka 0 atau lebih",
        "en": "IID's maturity score, a number of 0 or more",
    },
    "guide.values.tahun": {"id": "tahun 2000-2100", "en": "a year, 2000-2100"},
    "guide.values.tanggal_mulai": {"id": "tanggal", "en": "a date"},
    "guide.values.inovator": {"id": "nama orang (boleh lebih dari satu)", "en": "person name(s)"},
    "guide.values.urusan": {
        "id": "teks; ejaan yang hanya beda huruf besar-kecil atau spasi dihitung bersama",
        "en": "text; spellings differing only in case or spacing are counted together",
    },
    "guide.values.anggaran": {"id": "rupiah, bilangan bulat", "en": "rupiah, a whole number"},
    "guide.values.deskripsi": {"id": "teks", "en": "text"},
    "guide.values.tautan": {"id": "alamat web (http/https)", "en": "a web address (http/https)"},
    "guide.files.title": {"id": "Berkas yang diterima", "en": "Accepted files"},
    "guide.files.text": {
        "id": "Excel (.xlsx, .xlsm), Excel 97-2003 (.xls), LibreOffice (.ods) dan CSV (UTF-8, dengan atau "
        "tanpa BOM, atau Windows-1252; pemisah koma atau titik koma). Berkas yang dilindungi kata sandi "
        "tidak dapat dibaca: hapus kata sandinya dulu.",
        "en": "Excel (.xlsx, .xlsm), Excel 97-2003 (.xls), LibreOffice (.ods) and CSV (UTF-8 with or "
        "without BOM, or Windows-1252; comma or semicolon separated). Password-protected files cannot "
        "be read: remove the password first.",
    },
    "guide.sheets.title": {"id": "Lembar, judul dan baris kosong", "en": "Sheets, titles and blank rows"},
    "guide.sheets.text": {
        "id": "Setiap lembar diperiksa. Sebuah lembar berisi data bila salah satu dari {rows} "
        "pertamanya adalah baris judul kolom yang memuat {sheet_needs} (atau bila pemetaan kolom berlaku "
        "untuknya). Baris judul dokumen, baris kosong dan sel gabungan di atasnya diabaikan; beberapa lembar "
        "data digabung menjadi satu. Lembar lain (petunjuk, pivot, grafik) dilewati dan disebutkan; lembar "
        "bernama seperti contoh ({examples}) juga. Baris di dalam data yang mengulang baris judul dilewati dan "
        "disebutkan. Kolom nomor ({numbering}) diabaikan; kolom lain yang tidak dikenal disimpan apa adanya. "
        "Sel OPD yang digabung ke bawah berlaku untuk setiap baris gabungannya. Di kolom mana pun, sel yang "
        "hanya berisi '-' dianggap kosong.",
        "en": "Every sheet is looked at. A sheet holds data when one of its first {rows} is a header "
        "row naming {sheet_needs} (or when a column mapping applies to it). Title rows, blank rows and merged "
        "banners above it are ignored; several data sheets are stacked. Other sheets (instructions, pivots, "
        "charts) are skipped and listed, and so are sheets named as examples ({examples}). A row inside the "
        "data that repeats the header is skipped and listed. A numbering column ({numbering}) is ignored; other "
        "unknown columns are kept as they are. An OPD cell merged downwards applies to every row it covers. In "
        "every column a cell holding only '-' is empty.",
    },
    "guide.iid.title": {"id": "Ekspor aplikasi IID", "en": "The IID export"},
    "guide.iid.text": {
        "id": "Berkas ekspor aplikasi Indeks Inovasi Daerah (IID) Kemendagri dibaca apa adanya, tanpa pengaturan: "
        "lembar 'Data' dengan kolom Judul Inovasi, Pemda, Admin OPD, Inisiator, Nama Inisiator, Bentuk Inovasi, "
        "Jenis, Urusan Utama, Urusan lain yang beririsan, Kematangan, Tahapan Inovasi, Tanggal Input, Tanggal "
        "Penerapan, Tanggal Pengembangan, Koordinat dan Link Video. Login di belakang nama OPD ('Dinas Kesehatan "
        "(lebakkab.dinkes)') dibuang; tanggal 'dd-mm-yyyy' dan '-' sebagai kosong dikenali; Asta Cipta dan Video "
        "disimpan sebagai kolom tambahan.",
        "en": "The export of Kemendagri's Indeks Inovasi Daerah (IID) application is read as it is downloaded, "
        "with no setting: sheet 'Data' with the columns Judul Inovasi, Pemda, Admin OPD, Inisiator, Nama "
        "Inisiator, Bentuk Inovasi, Jenis, Urusan Utama, Urusan lain yang beririsan, Kematangan, Tahapan Inovasi, "
        "Tanggal Input, Tanggal Penerapan, Tanggal Pengembangan, Koordinat and Link Video. The login after the "
        "OPD's name ('Dinas Kesehatan (lebakkab.dinkes)') is dropped; 'dd-mm-yyyy' dates and '-' as empty are "
        "understood; Asta Cipta and Video are kept as extra columns.",
    },
    "guide.mappings.title": {"id": "Pemetaan kolom", "en": "Column mappings"},
    "guide.mappings.text": {
        "id": "Bila judul kolom sebuah berkas tidak dikenali (atau dibaca keliru), editor menunjukkan sekali kolom "
        "mana yang mana: di halaman Unggah Data (setiap kolom tampil dengan tiga contoh isinya), atau dengan berkas "
        "JSON untuk baris perintah (--mapping), misalnya pemetaan 'Ide Inovasi' ke nama dan 'Inovator' ke opd; "
        "null berarti kolom diabaikan. Kunci yang dapat dipakai: {keys}. Pemetaan berlaku untuk setiap lembar yang "
        "baris judulnya memuat semua judul kolomnya, dan untuk judul itu mengalahkan alias bawaan. Pemetaan yang "
        "dipakai sebuah unggahan disimpan (berversi, tercatat di log audit) dan dipakai otomatis untuk berkas "
        "berikutnya; pemetaan yang diberikan untuk sebuah berkas mengalahkan yang tersimpan.",
        "en": "When a file's headers are not recognised (or read wrongly), an editor says once which column is "
        "which: on the Unggah Data page (every column shown with three sample values), or with a JSON file on the "
        "command line (--mapping), for example mapping 'Ide Inovasi' to nama and 'Inovator' to opd; null ignores "
        "a column. Keys that can be used: {keys}. A mapping applies to every sheet whose header row holds all its "
        "headers, and for those headers it wins over the built-in aliases. Mappings used by an upload are saved "
        "(versioned, in the audit log) and applied to later files by themselves; a mapping given for one file "
        "wins over the saved ones.",
    },
    "guide.per_opd.title": {"id": "Satu lembar per OPD", "en": "One sheet per OPD"},
    "guide.per_opd.text": {
        "id": "Lembar tanpa kolom OPD tetap dibaca bila nama lembarnya adalah nama, singkatan atau alias "
        "sebuah OPD (misalnya lembar 'Dinkes'): semua barisnya dianggap milik OPD itu.",
        "en": "A sheet without an OPD column is still read when its name is the name, abbreviation or "
        "alias of an OPD (for example a sheet 'Dinkes'): all its rows belong to that OPD.",
    },
    "guide.stages.title": {"id": "Tahapan 5D", "en": "5D stages"},
    "guide.stages.text": {
        "id": "Dua model tahapan berdampingan; setiap sel tahapan dibaca menurut isinya. Tahap 5D, berurutan: "
        "{stages}. Huruf besar-kecil, spasi dan tanda hubung tidak berpengaruh ('drum up', 'DRUM-UP' dan "
        "'Drumup' sama dengan Drum-up); 'Deliver' dibaca Delivery; angka di depan, dengan atau tanpa titik "
        "('3. Design' atau '3'), menunjuk tahap menurut urutan itu. Tahap IID: {iid} ('Ujicoba' dan 'Uji-coba' "
        "juga). Kolom Tahapan IID tersendiri juga dibaca. Tahapan lain membuat barisnya ditolak, dengan saran "
        "tahap terdekat. Editor dapat memasang pemetaan tahap IID ke tahap 5D (di halaman Referensi, mati secara "
        "bawaan); tahap 5D yang diturunkan darinya selalu ditandai sebagai turunan.",
        "en": "Two stage models side by side; each stage cell is read by its value. The 5D stages in order: "
        "{stages}. Case, spaces and hyphens do not matter ('drum up', 'DRUM-UP' and 'Drumup' are Drum-up); "
        "'Deliver' is Delivery; a leading number with or without a dot ('3. Design' or '3') names the stage in "
        "that order. IID stages: {iid} ('Ujicoba' and 'Uji-coba' too). A separate Tahapan IID column is read too. "
        "Any other stage rejects the row, with the nearest stage suggested. Editors may set a map from IID stages "
        "to 5D stages (on the Referensi page, off by default); a 5D stage derived through it is always marked as "
        "derived.",
    },
    "guide.gaps.title": {"id": "Data yang belum lengkap", "en": "Gaps"},
    "guide.gaps.text": {
        "id": "Kekosongan ditampilkan, tidak dibuang. Baris yang punya nama tetapi tanpa OPD atau tanpa tahapan "
        "tetap diimpor dan dihitung sebagai '{no_opd}' atau '{no_stage}'. Bila sebuah lembar sama sekali tidak "
        "punya kolom itu, laporan menyebutnya sekali untuk lembar itu; bila kolomnya ada, setiap sel kosong "
        "mendapat peringatan baris.",
        "en": "Gaps are shown, never dropped. A row with a name but no OPD or no stage is imported and counted "
        "as '{no_opd}' or '{no_stage}'. When a sheet has no such column at all, the report says so once for that "
        "sheet; when the column exists, each empty cell gets a row warning.",
    },
    "guide.opd.title": {"id": "OPD", "en": "OPD"},
    "guide.opd.text": {
        "id": "OPD dicocokkan dengan daftar {opds} menurut nama, singkatan atau alias, tanpa "
        "memperhatikan huruf besar-kecil, spasi dan tanda baca ('DINKES', 'Dinas  Kesehatan' dan "
        "'Dinkes' sama), setelah login dalam kurung di belakangnya dibuang ('Dinas Kesehatan (lebakkab.dinkes)'). "
        "Dasbor selalu menampilkan nama resmi. OPD yang tidak ada di daftar disimpan sesuai tulisan dengan "
        "peringatan yang menyarankan nama terdekat; tulisan yang hanya beda huruf besar-kecil, spasi atau tanda "
        "baca digabung dan ditampilkan dalam bentuk yang paling sering ditulis. Daftar OPD dapat diperbarui "
        "oleh admin.",
        "en": "OPDs are matched against the list of {opds} by name, abbreviation or alias, "
        "ignoring case, spacing and punctuation ('DINKES', 'Dinas  Kesehatan' and 'Dinkes' are the "
        "same), after dropping a login in parentheses after it ('Dinas Kesehatan (lebakkab.dinkes)'). The "
        "dashboard always shows the official name. An OPD not in the list is kept as written, with a warning "
        "suggesting the nearest names; spellings that differ only in case, spacing or punctuation are grouped and "
        "shown in the form written most often. The admin can update the list.",
    },
    "guide.kecamatan.title": {"id": "Kecamatan", "en": "Kecamatan"},
    "guide.kecamatan.text": {
        "id": "Satu sel boleh menyebut beberapa kecamatan, dipisah koma, titik koma, garis miring, "
        "baris baru atau kata 'dan'. Huruf besar-kecil, spasi dan tanda baca tidak berpengaruh ('Kec. {example}' "
        "dan 'Kecamatan {example}' = {example}). '{wide}', 'Seluruh Kecamatan', "
        "'{region_kind}' dan 'Se-{region}' berarti seluruh {kind} dan dihitung sekali di '{wide}', "
        "tidak ditambahkan ke tiap kecamatan. Sel kosong berarti tidak disebut ('{not_stated}'). Nama "
        "yang tidak dikenal disimpan dengan peringatan. {count} kecamatan: {kecamatan}.",
        "en": "A cell may name several kecamatan, separated by commas, semicolons, slashes, line breaks "
        "or the word 'dan'. Case, spaces and punctuation do not matter ('Kec. {example}' "
        "and 'Kecamatan {example}' = {example}). '{wide}', 'Seluruh Kecamatan', '{region_kind}' and "
        "'Se-{region}' mean the whole {kind} and count once under '{wide}', not in each kecamatan. A blank "
        "cell means not stated ('{not_stated}'). Unknown names are kept, with a warning. The {count} "
        "kecamatan: {kecamatan}.",
    },
    "guide.coordinates.title": {"id": "Koordinat", "en": "Coordinates"},
    "guide.coordinates.text": {
        "id": "Lintang dulu, lalu bujur: '-6.35, 106.25'; dengan koma desimal '-6,35, 106,25'; derajat-menit-detik "
        "'6°21'0\"S 106°15'0\"E'; 'Lintang: -6.35 Bujur: 106.25'; tautan peta yang memuat '@lintang,bujur' atau "
        "'q=lintang,bujur'; atau dua kolom angka Lintang/Latitude dan Bujur/Longitude. Bentuk lain, atau titik di "
        "luar Indonesia (lintang {lat}, bujur {lon}), mendapat peringatan dan titiknya diabaikan; barisnya tetap "
        "diimpor.",
        "en": "Latitude first, then longitude: '-6.35, 106.25'; with decimal commas '-6,35, 106,25'; "
        "degrees-minutes-seconds '6°21'0\"S 106°15'0\"E'; 'Lintang: -6.35 Bujur: 106.25'; a map link carrying "
        "'@lat,lon' or 'q=lat,lon'; or two numeric columns Lintang/Latitude and Bujur/Longitude. Any other form, or "
        "a point outside Indonesia (latitude {lat}, longitude {lon}), gets a warning and the point is left out; "
        "the row is still imported.",
    },
    "guide.pemda.title": {"id": "Pemda", "en": "Pemda"},
    "guide.pemda.text": {
        "id": "Kolom Pemda menyebut pemerintah daerah sebuah baris. Nilai yang menyebut daerah lain selain "
        "{region} dilaporkan sekali per nilai, dengan jumlah barisnya; baris-barisnya tetap diimpor.",
        "en": "The Pemda column names a row's regional government. A value naming another region than {region} "
        "is reported once per value, with its number of rows; the rows are still imported.",
    },
    "guide.dates.title": {"id": "Tanggal", "en": "Dates"},
    "guide.dates.text": {
        "id": "Sel tanggal Excel, nomor seri tanggal Excel, teks 28/11/2018, 28-11-2018 atau 2018-11-28, "
        "dan nama bulan Indonesia ('28 November 2018', '5 Agustus 2019', 'Mei 2019'). Tanggal yang tidak "
        "dikenali dikosongkan dengan peringatan; barisnya tetap diimpor.",
        "en": "Excel date cells, Excel serial numbers, text 28/11/2018, 28-11-2018 or 2018-11-28, and "
        "Indonesian month names ('28 November 2018', '5 Agustus 2019', 'Mei 2019'). A date that is not "
        "recognised is left blank with a warning; the row is still imported.",
    },
    "guide.rupiah.title": {"id": "Anggaran (rupiah)", "en": "Budget (rupiah)"},
    "guide.rupiah.text": {
        "id": "Angka, atau teks seperti 'Rp 15.000.000', '15.000.000' dan 'Rp15.000.000,00' (titik "
        "memisahkan ribuan, koma memulai desimal). Sen dibulatkan ke rupiah terdekat dengan peringatan.",
        "en": "Numbers, or text such as 'Rp 15.000.000', '15.000.000' and 'Rp15.000.000,00' (a dot groups "
        "thousands, a comma starts decimals). Cents are rounded to the nearest rupiah, with a warning.",
    },
    "guide.year.title": {"id": "Tahun", "en": "Year"},
    "guide.year.text": {
        "id": "Tahun 2000-2100. Bila kolom tahun kosong dan tanggal mulai diisi, tahun diambil dari tanggal.",
        "en": "A year, 2000-2100. When the year is blank and a start date is given, the year of the date is used.",
    },
    "guide.rejected.title": {"id": "Baris yang ditolak", "en": "Rejected rows"},
    "guide.rejected.text": {
        "id": "Baris tanpa {required}, atau dengan tahapan yang bukan tahap 5D maupun IID, tidak diimpor; baris "
        "lain tetap diimpor. Setiap baris yang ditolak disebutkan dengan nama lembar, nomor baris seperti di "
        "Excel, kolom dan alasannya. Baris yang seluruh selnya kosong, atau hanya berisi nomor, diabaikan tanpa "
        "pesan.",
        "en": "A row without {required}, or with a stage that is neither a 5D nor an IID stage, is not imported; "
        "the other rows are. Each rejected row is reported with its sheet name, its row number as Excel shows it, "
        "the column and the reason. Rows that are empty in every cell, or hold only a number, are ignored "
        "silently.",
    },
    "guide.duplicates.title": {"id": "Baris ganda dan kode inovasi", "en": "Repeated rows and codes"},
    "guide.duplicates.text": {
        "id": "Baris yang sama persis (semua sel sama, nomor urut tidak dihitung) hanya dihitung sekali, "
        "dengan peringatan. Kode Inovasi adalah identitas sebuah inovasi: bila dua baris memakai kode yang "
        "sama dengan isi berbeda, baris kedua ditolak. Dua baris tanpa kode dengan nama dan OPD yang sama "
        "(huruf besar-kecil, spasi dan tanda baca diabaikan) keduanya diimpor, dengan peringatan yang menyebut "
        "keduanya.",
        "en": "A row repeated exactly (every cell the same, the row number aside) counts once, with a "
        "warning. The innovation code is an innovation's identity: when two rows share a code but differ, "
        "the second is rejected. Two rows without a code with the same name and OPD (case, spacing and "
        "punctuation aside) are both imported, with a warning naming them.",
    },
    "guide.limits.title": {"id": "Batas ukuran", "en": "Size limits"},
    "guide.limits.text": {
        "id": "Berkas paling besar {max_file_mb} MB, paling banyak {max_sheets}, {max_rows} "
        "dan {max_columns} per lembar, {max_cells} per lembar; teks lebih dari {max_text} "
        "dalam satu sel dipotong (berkas aslinya tetap tersimpan utuh). Berkas yang melewati batas ditolak "
        "dengan pesan yang menyebut batasnya.",
        "en": "Files up to {max_file_mb} MB, at most {max_sheets}, {max_rows} and {max_columns} "
        "per sheet, {max_cells} per sheet; text over {max_text} in one cell is cut "
        "(the original file is kept whole). A file over a limit is refused with a message naming the limit.",
    },
}
STRINGS.update(GUIDE_STRINGS)
