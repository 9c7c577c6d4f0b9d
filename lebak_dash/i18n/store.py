"""Strings of the store area: the data store, editors and logins, the template, the store commands."""

STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ store errors
    "store.disk_full": {
        "id": "Penyimpanan penuh: data tidak dapat ditulis ke {path}. Tidak ada yang diubah; versi aktif "
        "tetap seperti sebelumnya. Kosongkan ruang disk server lalu ulangi. ({detail})",
        "en": "Storage is full: data cannot be written to {path}. Nothing was changed; the active version "
        "is as before. Free disk space on the server and try again. ({detail})",
    },
    "store.no_permission": {
        "id": "Tidak ada izin menulis ke folder data {path}. Tidak ada yang diubah; versi aktif tetap "
        "seperti sebelumnya. Minta admin memberi izin tulis pada folder itu (LEBAK_DATA_DIR). ({detail})",
        "en": "No permission to write to the data folder {path}. Nothing was changed; the active version "
        "is as before. Ask the admin to grant write access to that folder (LEBAK_DATA_DIR). ({detail})",
    },
    "store.busy": {
        "id": "Penyimpanan sedang dipakai proses lain terlalu lama ({path}). Tidak ada yang diubah; "
        "coba lagi sebentar lagi. ({detail})",
        "en": "The store is held by another process for too long ({path}). Nothing was changed; try "
        "again in a moment. ({detail})",
    },
    "store.catalog_corrupt": {
        "id": "Katalog data {path} rusak dan tidak dapat dibaca. Berkas asli tetap utuh di folder "
        "files/; hubungi admin untuk memulihkan katalog dari cadangan. ({detail})",
        "en": "The data catalog {path} is damaged and cannot be read. The original files are intact "
        "in files/; ask the admin to restore the catalog from a backup. ({detail})",
    },
    "store.write_failed": {
        "id": "Data tidak dapat disimpan ke {path}. Tidak ada yang diubah; versi aktif tetap seperti "
        "sebelumnya. ({detail})",
        "en": "The data could not be saved to {path}. Nothing was changed; the active version is as before. ({detail})",
    },
    "store.newer_schema": {
        "id": "Folder data dibuat oleh versi aplikasi yang lebih baru (skema {found}, aplikasi ini "
        "mengenal sampai {supported}). Perbarui aplikasi.",
        "en": "The data folder was made by a newer version of the app (schema {found}, this app knows "
        "up to {supported}). Update the app.",
    },
    "store.version_not_found": {
        "id": "Versi {number} tidak ada. Lihat daftar versi dengan: python -m lebak_dash versions",
        "en": "Version {number} does not exist. List the versions with: python -m lebak_dash versions",
    },
    "store.reference_not_found": {
        "id": "Versi daftar OPD {number} tidak ada. Lihat daftarnya dengan: python -m lebak_dash opd-list versions",
        "en": "OPD list version {number} does not exist. List them with: python -m lebak_dash opd-list versions",
    },
    "store.original_missing": {
        "id": "Berkas asli versi {number} tidak ditemukan ({path}). Versi lain tidak terpengaruh; hubungi admin.",
        "en": "The original file of version {number} is missing ({path}). Other versions are not "
        "affected; contact the admin.",
    },
    "store.original_damaged": {
        "id": "Berkas asli versi {number} tidak lagi sama dengan saat diunggah ({path}). Versi lain "
        "tidak terpengaruh; hubungi admin.",
        "en": "The original file of version {number} no longer matches what was uploaded ({path}). "
        "Other versions are not affected; contact the admin.",
    },
    "store.reference_invalid": {
        "id": "Daftar OPD tidak dapat dipakai: {reason}",
        "en": "The OPD list cannot be used: {reason}",
    },
    "store.rejected_file": {
        "id": "Berkas ditolak oleh pemeriksaan sehingga tidak dapat disimpan. Perbaiki berkas sesuai "
        "laporan lalu unggah lagi.",
        "en": "The file was rejected by the check, so it cannot be saved. Fix the file as the report "
        "says and upload it again.",
    },
    "store.conflict": {
        "id": "Sementara Anda memeriksa, data aktif berubah (versi {active}, bukan versi {expected}). "
        "Periksa ulang berkas agar perbandingannya benar, lalu terapkan lagi.",
        "en": "While you were checking, the active data changed (version {active}, not version "
        "{expected}). Check the file again so the comparison is right, then apply it.",
    },
    "store.reference_changed": {
        "id": "Daftar OPD diganti sejak berkas diperiksa. Periksa ulang berkas dengan daftar yang baru, lalu terapkan.",
        "en": "The OPD list was replaced since the file was checked. Check the file again with the new list, "
        "then apply it.",
    },
    # ------------------------------------------------------------------ audit actions
    "audit.upload": {"id": "Unggah versi baru", "en": "New version uploaded"},
    "audit.activate": {"id": "Aktifkan versi", "en": "Version activated"},
    "audit.rollback": {"id": "Kembali ke versi sebelumnya", "en": "Rolled back to an earlier version"},
    "audit.reference_upload": {"id": "Unggah daftar OPD", "en": "OPD list uploaded"},
    "audit.reference_activate": {"id": "Aktifkan daftar OPD", "en": "OPD list activated"},
    "audit.login": {"id": "Masuk", "en": "Login"},
    "audit.login_failed": {"id": "Gagal masuk", "en": "Failed login"},
    "audit.login_throttled": {
        "id": "Masuk ditahan (terlalu sering gagal)",
        "en": "Login held back (too many failures)",
    },
    "audit.logout": {"id": "Keluar", "en": "Logout"},
    "audit.editor_added": {"id": "Editor ditambahkan", "en": "Editor added"},
    "audit.editor_password_changed": {"id": "Kata sandi editor diganti", "en": "Editor password changed"},
    "audit.viewer_password_set": {"id": "Kata sandi penonton dipasang", "en": "Viewer password set"},
    "audit.viewer_password_cleared": {"id": "Kata sandi penonton dihapus", "en": "Viewer password removed"},
    "audit.viewer_login_failed": {"id": "Kata sandi penonton salah", "en": "Wrong viewer password"},
    # ------------------------------------------------------------------ history tables
    "hist.version": {"id": "Versi", "en": "Version"},
    "hist.active": {"id": "Aktif", "en": "Active"},
    "hist.uploaded_at": {"id": "Diunggah (WIB)", "en": "Uploaded (WIB)"},
    "hist.uploaded_by": {"id": "Oleh", "en": "By"},
    "hist.filename": {"id": "Berkas", "en": "File"},
    "hist.records": {"id": "Inovasi", "en": "Innovations"},
    "hist.rejected": {"id": "Baris ditolak", "en": "Rows rejected"},
    "hist.warnings": {"id": "Peringatan", "en": "Warnings"},
    "hist.note": {"id": "Catatan", "en": "Note"},
    "hist.via": {"id": "Lewat", "en": "Via"},
    "hist.at": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "hist.actor": {"id": "Pengguna", "en": "User"},
    "hist.action": {"id": "Tindakan", "en": "Action"},
    "hist.detail": {"id": "Rincian", "en": "Detail"},
    # ------------------------------------------------------------------ auth
    "auth.wrong": {
        "id": "Nama atau kata sandi salah.",
        "en": "Wrong name or password.",
    },
    "auth.throttled": {
        "id": "Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
    },
    "auth.ok": {"id": "Berhasil masuk sebagai {name}.", "en": "Logged in as {name}."},
    "auth.name_invalid": {
        "id": "Nama editor harus 1-64 huruf, angka, titik, garis bawah atau tanda hubung (tanpa spasi): '{name}'.",
        "en": "An editor name must be 1-64 letters, digits, dots, underscores or hyphens (no spaces): '{name}'.",
    },
    "auth.password_short": {
        "id": "Kata sandi terlalu pendek: minimal {min} karakter.",
        "en": "The password is too short: at least {min} characters.",
    },
    "auth.password_long": {
        "id": "Kata sandi terlalu panjang: maksimal {max} karakter.",
        "en": "The password is too long: at most {max} characters.",
    },
    "auth.password_mismatch": {
        "id": "Kedua kata sandi tidak sama. Tidak ada yang diubah.",
        "en": "The two passwords differ. Nothing was changed.",
    },
    "auth.editor_exists": {
        "id": "Editor '{name}' sudah ada. Untuk mengganti kata sandinya, jalankan perintah ini dengan --reset.",
        "en": "Editor '{name}' already exists. To change the password, run this command with --reset.",
    },
    "auth.editor_missing": {
        "id": "Editor '{name}' belum ada; tanpa --reset editor baru akan dibuat.",
        "en": "Editor '{name}' does not exist; without --reset a new editor is created.",
    },
    "auth.bad_hash": {
        "id": "Nilai LEBAK_VIEWER_PASSWORD_HASH tidak dikenali. Buat dengan: "
        "python -m lebak_dash viewer-password --print-hash",
        "en": "LEBAK_VIEWER_PASSWORD_HASH is not recognised. Make one with: "
        "python -m lebak_dash viewer-password --print-hash",
    },
    "auth.no_editor_hint": {
        "id": "Belum ada editor. Admin server membuatnya dengan perintah: python -m lebak_dash add-editor NAMA",
        "en": "There is no editor yet. The server admin creates one with: python -m lebak_dash add-editor NAME",
    },
    # ------------------------------------------------------------------ command line
    "scli.prompt_password": {"id": "Kata sandi untuk {name}: ", "en": "Password for {name}: "},
    "scli.prompt_again": {"id": "Ulangi kata sandi: ", "en": "Repeat the password: "},
    "scli.no_tty": {
        "id": "Tidak ada terminal untuk mengetik kata sandi. Pakai --password-stdin dan kirim kata sandi lewat stdin.",
        "en": "No terminal to type the password. Use --password-stdin and send the password on stdin.",
    },
    "scli.editor_added": {"id": "Editor '{name}' ditambahkan.", "en": "Editor '{name}' added."},
    "scli.editor_changed": {"id": "Kata sandi editor '{name}' diganti.", "en": "Password of editor '{name}' changed."},
    "scli.editors_none": {"id": "Belum ada editor.", "en": "No editor yet."},
    "scli.rejected": {
        "id": "Berkas ditolak; tidak ada yang disimpan. Perbaiki berkas sesuai laporan di atas.",
        "en": "The file was rejected; nothing was saved. Fix the file as the report above says.",
    },
    "scli.stored": {
        "id": "Versi {number} disimpan dan diaktifkan: {records} inovasi, {rejected} baris ditolak.",
        "en": "Version {number} saved and activated: {records} innovations, {rejected} rows rejected.",
    },
    "scli.duplicate": {
        "id": "Catatan: isi berkas sama persis dengan versi {numbers}; berkasnya tidak disimpan dua kali.",
        "en": "Note: the file is identical to version {numbers}; its bytes are not stored twice.",
    },
    "scli.diff": {
        "id": "Dibanding versi sebelumnya: {added} baru, {removed} dihapus, {forward} naik tahap, "
        "{backward} turun tahap, {edited} diubah.",
        "en": "Against the previous version: {added} added, {removed} removed, {forward} moved forward, "
        "{backward} moved back, {edited} edited.",
    },
    "scli.no_versions": {
        "id": "Belum ada versi. Dasbor menampilkan data contoh. Impor dengan: "
        "python -m lebak_dash import BERKAS --by NAMA",
        "en": "No version yet. The dashboard shows the sample data. Import with: "
        "python -m lebak_dash import FILE --by NAME",
    },
    "scli.versions_header": {
        "id": "Versi  Aktif  Diunggah                   Oleh            Inovasi  Ditolak  Berkas",
        "en": "Ver.   Active Uploaded                   By              Records  Rejected File",
    },
    "scli.activated": {
        "id": "Versi {number} sekarang aktif ({records} inovasi).",
        "en": "Version {number} is now active ({records} innovations).",
    },
    "scli.exported": {
        "id": "Versi {number} diekspor ke {path} ({records} inovasi).",
        "en": "Version {number} exported to {path} ({records} innovations).",
    },
    "scli.export_suffix": {
        "id": "Nama berkas ekspor harus berakhiran .xlsx atau .csv: {path}",
        "en": "The export file name must end in .xlsx or .csv: {path}",
    },
    "scli.export_empty": {
        "id": "Belum ada versi untuk diekspor. Impor dulu dengan: python -m lebak_dash import BERKAS --by NAMA",
        "en": "No version to export yet. Import first with: python -m lebak_dash import FILE --by NAME",
    },
    "scli.template_written": {
        "id": "Templat ditulis ke {path}.",
        "en": "Template written to {path}.",
    },
    "scli.template_suffix": {
        "id": "Nama berkas templat harus berakhiran .xlsx: {path}",
        "en": "The template file name must end in .xlsx: {path}",
    },
    "scli.cannot_write": {
        "id": "Tidak dapat menulis {path}: {detail}",
        "en": "Cannot write {path}: {detail}",
    },
    "scli.reference_stored": {
        "id": "Daftar OPD versi {number} disimpan dan diaktifkan: {count} OPD ({added} baru, {removed} dihapus).",
        "en": "OPD list version {number} saved and activated: {count} OPDs ({added} new, {removed} removed).",
    },
    "scli.reference_exported": {
        "id": "Daftar OPD ditulis ke {path}.",
        "en": "OPD list written to {path}.",
    },
    "scli.reference_activated": {
        "id": "Daftar OPD versi {number} sekarang aktif.",
        "en": "OPD list version {number} is now active.",
    },
    "scli.reference_none": {
        "id": "Belum ada daftar OPD yang diunggah; dipakai daftar bawaan (data/reference/opd.csv).",
        "en": "No OPD list uploaded yet; the bundled list (data/reference/opd.csv) is used.",
    },
    "scli.viewer_set": {
        "id": "Kata sandi penonton dipasang: dasbor hanya dapat dilihat setelah memasukkannya.",
        "en": "Viewer password set: the dashboard can only be seen after entering it.",
    },
    "scli.viewer_cleared": {
        "id": "Kata sandi penonton dihapus: dasbor terbuka untuk semua di jaringan kantor.",
        "en": "Viewer password removed: the dashboard is open to everyone on the office network.",
    },
    "scli.verify_ok": {
        "id": "Penyimpanan utuh: {versions} versi, katalog lolos integrity_check.",
        "en": "The store is intact: {versions} versions, catalog passes integrity_check.",
    },
    "scli.verify_problems": {"id": "Ditemukan masalah:", "en": "Problems found:"},
    "scli.error": {"id": "Kesalahan: {message}", "en": "Error: {message}"},
    # ------------------------------------------------------------------ template
    "template.sheet_data": {"id": "Data Inovasi", "en": "Data Inovasi"},
    "template.sheet_help": {"id": "Petunjuk", "en": "Petunjuk"},
    "template.sheet_lists": {"id": "Pilihan", "en": "Pilihan"},
    "template.title": {
        "id": "TEMPLAT DATA INOVASI DAERAH KABUPATEN LEBAK",
        "en": "TEMPLAT DATA INOVASI DAERAH KABUPATEN LEBAK",
    },
    "template.steps": {
        "id": "1. Isi lembar 'Data Inovasi': satu baris untuk satu inovasi, mulai baris 2. Jangan ubah "
        "judul kolom di baris 1.\n"
        "2. Kolom wajib: Nama Inovasi, OPD dan Tahapan 5D. Baris tanpa salah satunya ditolak (baris "
        "lain tetap diterima).\n"
        "3. Pilih OPD, Tahapan 5D, Jenis, Bentuk, Inisiator dan Tahapan IID dari daftar pilihan "
        "(panah di sel).\n"
        "4. Kecamatan: pilih satu dari daftar, atau ketik beberapa dipisah koma (mis. 'Maja, Cibadak'). "
        "Untuk seluruh kabupaten pilih 'Semua Kecamatan'. Kosongkan bila tidak disebut.\n"
        "5. Tanggal Mulai berupa tanggal (28/11/2018); Tahun 2000-2100; Anggaran berupa angka rupiah "
        "tanpa 'Rp' (15000000).\n"
        "6. Kode Inovasi boleh kosong, tetapi bila diisi harus unik: kode dipakai untuk mengenali "
        "inovasi yang sama antar-unggahan (perpindahan tahap).\n"
        "7. Kolom tambahan di kanan boleh ditambahkan; isinya disimpan dan ditampilkan apa adanya.\n"
        "8. Simpan sebagai .xlsx lalu unggah di halaman Unggah Data, atau periksa dulu dengan: "
        "python -m lebak_dash check BERKAS.xlsx",
        "en": "1. Fill in the 'Data Inovasi' sheet: one row per innovation, from row 2. Do not change "
        "the headers in row 1.\n"
        "2. Required columns: Nama Inovasi, OPD and Tahapan 5D. A row missing one is rejected (other "
        "rows are still accepted).\n"
        "3. Pick OPD, Tahapan 5D, Jenis, Bentuk, Inisiator and Tahapan IID from the dropdown lists.\n"
        "4. Kecamatan: pick one from the list, or type several separated by commas ('Maja, Cibadak'). "
        "For the whole kabupaten pick 'Semua Kecamatan'. Leave blank when not stated.\n"
        "5. Tanggal Mulai is a date (28/11/2018); Tahun 2000-2100; Anggaran a rupiah number without "
        "'Rp' (15000000).\n"
        "6. Kode Inovasi may be blank, but when given it must be unique: it identifies the same "
        "innovation across uploads (stage moves).\n"
        "7. Extra columns may be added on the right; they are kept and shown as written.\n"
        "8. Save as .xlsx and upload it on the Unggah Data page, or check it first with: "
        "python -m lebak_dash check FILE.xlsx",
    },
    "template.columns_title": {
        "id": "Kolom dan contoh pengisian (satu baris contoh, ditulis menurun)",
        "en": "Columns and an example (one example row, written downwards)",
    },
    "template.col_column": {"id": "Kolom", "en": "Column"},
    "template.col_required": {"id": "Wajib", "en": "Required"},
    "template.col_accepted": {"id": "Isian yang diterima", "en": "Accepted values"},
    "template.col_example": {"id": "Contoh isian", "en": "Example"},
    "template.yes": {"id": "ya", "en": "yes"},
    "template.no": {"id": "tidak", "en": "no"},
    "template.free_text": {"id": "teks bebas", "en": "free text"},
    "template.kode_help": {"id": "teks bebas, unik per inovasi", "en": "free text, unique per innovation"},
    "template.opd_help": {
        "id": "nama, singkatan atau alias OPD dari daftar (lembar Pilihan)",
        "en": "name, abbreviation or alias of an OPD in the list (sheet Pilihan)",
    },
    "template.kecamatan_help": {
        "id": "satu atau beberapa dari 28 kecamatan (dipisah koma), atau Semua Kecamatan",
        "en": "one or several of the 28 kecamatan (comma separated), or Semua Kecamatan",
    },
    "template.tahun_help": {"id": "tahun 2000-2100", "en": "a year 2000-2100"},
    "template.tanggal_help": {"id": "tanggal (28/11/2018)", "en": "a date (28/11/2018)"},
    "template.anggaran_help": {"id": "rupiah, bilangan bulat", "en": "rupiah, a whole number"},
    "template.tautan_help": {"id": "alamat web (https://...)", "en": "a web address (https://...)"},
    "template.kecamatan_prompt": {
        "id": "Pilih satu, atau ketik beberapa dipisah koma: Maja, Cibadak",
        "en": "Pick one, or type several separated by commas: Maja, Cibadak",
    },
    "template.list_error": {
        "id": "Pilih dari daftar. Nilai lain akan ditolak atau diberi peringatan saat impor.",
        "en": "Pick from the list. Other values are rejected or warned about on import.",
    },
    "template.year_error": {"id": "Tahun harus 2000-2100.", "en": "The year must be 2000-2100."},
    "template.number_error": {
        "id": "Anggaran berupa bilangan bulat rupiah (tanpa Rp dan titik).",
        "en": "The budget is a whole rupiah number (no Rp, no dots).",
    },
    "template.lists_note": {
        "id": "Daftar pilihan untuk lembar Data Inovasi (dibuat dari daftar OPD dan kecamatan dasbor).",
        "en": "Dropdown lists for the Data Inovasi sheet (made from the dashboard's OPD and kecamatan lists).",
    },
}
