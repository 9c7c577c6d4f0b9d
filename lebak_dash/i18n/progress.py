"""Strings of the progress area: the Perkembangan page, its charts, and the briefing (HTML and PowerPoint)."""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # --- navigation -------------------------------------------------------------------------
    "page.perkembangan": {"id": "Perkembangan", "en": "Progress"},
    "page.briefing": {"id": "Unduh Briefing", "en": "Download briefing"},
    # --- Perkembangan page ------------------------------------------------------------------
    "perkembangan.title": {"id": "Perkembangan inovasi antarversi data", "en": "Progress across data versions"},
    "prog.intro": {
        "id": "Setiap unggahan disimpan sebagai versi. Halaman ini mengikuti tiap inovasi dari versi ke versi: "
        "mana yang naik tahap, turun, baru, hilang, dan mana yang tertahan.",
        "en": "Every upload is kept as a version. This page follows each innovation from version to version: "
        "which advanced, went back, are new, disappeared, and which are stalled.",
    },
    "prog.need.title": {"id": "Perkembangan butuh sedikitnya dua versi data", "en": "Progress needs two data versions"},
    "prog.need.what": {
        "id": "Dengan dua versi atau lebih, halaman ini menampilkan:\n\n"
        "- jumlah inovasi per tahapan 5D di setiap versi;\n"
        "- perbandingan dua versi (bawaan: dua terakhir): inovasi yang **naik tahap**, **turun**, **baru** "
        "dan **hilang**, dengan diagram Sankey perpindahan antartahap;\n"
        "- OPD dengan inovasi terbanyak yang naik tahap;\n"
        "- inovasi yang **tertahan** di satu tahap (N versi terakhir atau lebih dari M bulan), per OPD;\n"
        "- jejak tahapan setiap inovasi dari versi ke versi.",
        "en": "With two versions or more, this page shows:\n\n"
        "- innovations per 5D stage in every version;\n"
        "- a comparison of two versions (default: the last two): innovations that **advanced**, **went back**, "
        "are **new** or **disappeared**, with a Sankey diagram of the moves between stages;\n"
        "- the agencies with most innovations moving forward;\n"
        "- innovations **stalled** in one stage (last N versions or more than M months), per agency;\n"
        "- each innovation's stage from version to version.",
    },
    "prog.need.none": {
        "id": "Belum ada versi tersimpan: dasbor sedang menampilkan data contoh.",
        "en": "No version is stored yet: the dashboard shows the sample data.",
    },
    "prog.need.one": {
        "id": "Baru ada satu versi tersimpan: {version}.",
        "en": "Only one version is stored: {version}.",
    },
    "prog.need.how": {
        "id": "Cara mendapatkannya: unggah buku kerja yang diperbarui lewat menu **Data → Unggah Data** "
        "(atau di server: `python -m lebak_dash import berkas.xlsx --by NAMA`). Setiap unggahan menjadi versi "
        "baru; versi lama tidak pernah dihapus. Isi kolom **Kode Inovasi** agar setiap inovasi dikenali "
        "di versi berikutnya.",
        "en": "How to get there: upload the updated workbook with **Data → Upload data** (or on the server: "
        "`python -m lebak_dash import file.xlsx --by NAME`). Every upload becomes a new version; old versions "
        "are never deleted. Fill in the **Kode Inovasi** column so each innovation is recognised in the next "
        "version.",
    },
    "prog.versions_caption": {
        "id": "{count:,} versi tersimpan, {first} sampai {last}. Filter di panel samping berlaku di sini juga.",
        "en": {
            "one": "{count:,} version stored, {first} to {last}. The side panel's filters apply here too.",
            "other": "{count:,} versions stored, {first} to {last}. The side panel's filters apply here too.",
        },
    },
    "prog.rule.header": {
        "id": "Bagaimana satu inovasi dikenali di versi yang berbeda?",
        "en": "How is one innovation recognised across versions?",
    },
    "prog.rule.text": {
        "id": "1. **Kode Inovasi** lebih dulu: dua baris dengan kode yang sama adalah inovasi yang sama. "
        "Huruf besar/kecil, spasi dan tanda baca diabaikan (`LBK-001` = `lbk 001`).\n"
        "2. Baris yang tidak cocok lewat kode dicocokkan dengan **OPD + nama inovasi**, juga tanpa "
        "memperhatikan huruf besar/kecil, spasi dan tanda baca. Buku kerja yang menambah atau kehilangan "
        "kolom kode tetap tercocokkan.\n"
        "3. Setiap versi dicocokkan dengan semua inovasi dari versi-versi sebelumnya: inovasi yang absen di "
        "satu unggahan lalu muncul lagi tetap inovasi yang sama; nama yang berubah dengan kode yang sama tetap "
        "diikuti; kode yang dikosongkan di versi berikutnya tetap diingat.\n"
        "4. Nama kembar dipasangkan menurut urutan baris (yang pertama dengan yang pertama).\n\n"
        "Batasnya: inovasi **tanpa kode** yang berganti nama atau pindah OPD tidak dapat dibedakan dari "
        "inovasi baru; ia tampil sebagai satu yang hilang dan satu yang baru.",
        "en": "1. **Innovation code** first: two rows with the same code are the same innovation. Case, spaces "
        "and punctuation are ignored (`LBK-001` = `lbk 001`).\n"
        "2. Rows not matched by code are matched by **agency + innovation name**, also ignoring case, spaces "
        "and punctuation. A workbook that gains or loses its code column still matches.\n"
        "3. Every version is matched against all innovations of the earlier versions: an innovation missing "
        "from one upload and back later is the same innovation; a name changed under the same code is "
        "followed; a code left blank in a later version is remembered.\n"
        "4. Repeated names are paired in row order (the first with the first).\n\n"
        "The limit: an innovation **without a code** that is renamed or moves to another agency cannot be "
        "told from a new one; it shows as one disappeared and one new.",
    },
    "prog.section.versions": {"id": "Tahapan di setiap versi", "en": "Stages in every version"},
    "prog.section.compare": {"id": "Bandingkan dua versi", "en": "Compare two versions"},
    "prog.section.opd": {"id": "Kemajuan per OPD", "en": "Progress per agency"},
    "prog.section.stalled": {"id": "Inovasi yang tertahan", "en": "Stalled innovations"},
    "prog.section.history": {"id": "Jejak tahapan per inovasi", "en": "Each innovation's stages"},
    "prog.compare.a": {"id": "Versi lama", "en": "Older version"},
    "prog.compare.b": {"id": "Versi baru", "en": "Newer version"},
    "prog.compare.same": {
        "id": "Pilih dua versi yang berbeda untuk melihat perubahan.",
        "en": "Choose two different versions to see the changes.",
    },
    "prog.compare.reversed": {
        "id": "Versi lama lebih baru dari versi baru: perubahan dibaca dari {a} ke {b}.",
        "en": "The older version is newer than the newer one: changes read from {a} to {b}.",
    },
    "prog.status.naik": {"id": "Naik tahap", "en": "Advanced"},
    "prog.status.turun": {"id": "Turun tahap", "en": "Went back"},
    "prog.status.tetap": {"id": "Tetap", "en": "Unchanged"},
    "prog.status.baru": {"id": "Baru", "en": "New"},
    "prog.status.hilang": {"id": "Hilang", "en": "Disappeared"},
    "prog.status.naik_help": {
        "id": "Ada di kedua versi dan tahapnya maju (mis. Design → Delivery).",
        "en": "In both versions, at a later stage (e.g. Design → Delivery).",
    },
    "prog.status.turun_help": {
        "id": "Ada di kedua versi dan tahapnya mundur.",
        "en": "In both versions, at an earlier stage.",
    },
    "prog.status.tetap_help": {"id": "Ada di kedua versi, tahap sama.", "en": "In both versions, same stage."},
    "prog.status.baru_help": {
        "id": "Ada di versi baru, tidak ada di versi lama.",
        "en": "In the newer version, not in the older one.",
    },
    "prog.status.hilang_help": {
        "id": "Ada di versi lama, tidak ada lagi di versi baru.",
        "en": "In the older version, no longer in the newer one.",
    },
    "prog.changes": {"id": "Daftar perubahan ({n})", "en": "Changes ({n})"},
    "prog.changes.show": {"id": "Tampilkan", "en": "Show"},
    "prog.per_opd_table": {"id": "Rincian per OPD", "en": "Details per agency"},
    "prog.stalled.rule": {"id": "Aturan tertahan", "en": "Stalled rule"},
    "prog.stalled.rule.versi": {"id": "Tahap sama di N versi terakhir", "en": "Same stage in the last N versions"},
    "prog.stalled.rule.bulan": {"id": "Tahap sama lebih dari M bulan", "en": "Same stage for M months or more"},
    "prog.stalled.n": {"id": "N (versi berturut-turut)", "en": "N (versions in a row)"},
    "prog.stalled.m": {"id": "M (bulan)", "en": "M (months)"},
    "prog.stalled.basis": {"id": "Bulan dihitung dari", "en": "Months counted from"},
    "prog.stalled.basis.unggah": {"id": "Tanggal unggah", "en": "Upload date"},
    "prog.stalled.basis.mulai": {"id": "Tanggal mulai inovasi", "en": "Innovation's start date"},
    "prog.stalled.display": {"id": "Sertakan tahap Display", "en": "Include the Display stage"},
    "prog.stalled.display_help": {
        "id": "Display adalah tahap terakhir: tinggal di sana bukan berarti tertahan.",
        "en": "Display is the last stage: staying there is not stalling.",
    },
    "prog.stalled.text.versi": {
        "id": "Tertahan = tahap yang sama di {count:,} versi terakhir berturut-turut (sampai {b}){display}",
        "en": {
            "one": "Stalled = the same stage in the last {count:,} version in a row (up to {b}){display}",
            "other": "Stalled = the same stage in the last {count:,} versions in a row (up to {b}){display}",
        },
    },
    "prog.stalled.text.bulan.unggah": {
        "id": "Tertahan = tahap yang sama selama {count:,} bulan atau lebih, dihitung dari tanggal unggah versi "
        "pertama yang menunjukkan tahap itu sampai unggahan {b}{display}",
        "en": {
            "one": "Stalled = the same stage for {count:,} month or more, from the upload of the first version "
            "showing that stage to the upload of {b}{display}",
            "other": "Stalled = the same stage for {count:,} months or more, from the upload of the first version "
            "showing that stage to the upload of {b}{display}",
        },
    },
    "prog.stalled.text.bulan.mulai": {
        "id": "Tertahan = tahap yang sama selama {count:,} bulan atau lebih, dihitung dari tanggal mulai inovasi "
        "bila tahapnya belum pernah berubah (selain itu dari tanggal unggah) sampai unggahan {b}{display}",
        "en": {
            "one": "Stalled = the same stage for {count:,} month or more, from the innovation's start date when its "
            "stage never changed (else from the upload date) to the upload of {b}{display}",
            "other": "Stalled = the same stage for {count:,} months or more, from the innovation's start date when "
            "its stage never changed (else from the upload date) to the upload of {b}{display}",
        },
    },
    "prog.stalled.text.no_display": {"id": "; tahap Display tidak dihitung", "en": "; Display not counted"},
    "prog.stalled.short.versi": {
        "id": "Tahap sama di {count:,} versi terakhir (sampai {b}){display}",
        "en": {
            "one": "Same stage in the last {count:,} version (up to {b}){display}",
            "other": "Same stage in the last {count:,} versions (up to {b}){display}",
        },
    },
    "prog.stalled.short.bulan": {
        "id": "Tahap sama {count:,} bulan atau lebih (sampai {b}){display}",
        "en": {
            "one": "Same stage for {count:,} month or more (up to {b}){display}",
            "other": "Same stage for {count:,} months or more (up to {b}){display}",
        },
    },
    "prog.stalled.short.no_display": {"id": "; tanpa Display", "en": "; Display left out"},
    "prog.stalled.no_dates": {
        "id": "Versi tanpa tanggal unggah: aturan bulan tidak dapat dihitung.",
        "en": "Versions without an upload date: the months rule cannot be applied.",
    },
    "prog.stalled.list": {"id": "Daftar per OPD ({n})", "en": "List per agency ({n})"},
    "prog.stalled.none": {
        "id": "Tidak ada inovasi yang tertahan menurut aturan ini.",
        "en": "No innovation is stalled under this rule.",
    },
    "prog.history.search": {"id": "Cari inovasi (nama, kode, OPD)", "en": "Find an innovation (name, code, agency)"},
    "prog.history.pick": {"id": "Inovasi", "en": "Innovation"},
    "prog.history.none": {"id": "Tidak ada inovasi yang cocok.", "en": "No innovation matches."},
    "prog.history.absent": {"id": "tidak ada di versi ini", "en": "not in this version"},
    "prog.history.table": {
        "id": "Semua inovasi: tahap di setiap versi ({n})",
        "en": "Every innovation: its stage in each version ({n})",
    },
    "prog.node.baru": {"id": "Baru", "en": "New"},
    "prog.node.hilang": {"id": "Hilang", "en": "Disappeared"},
    "prog.axis.versi": {"id": "Versi data", "en": "Data version"},
    # --- table columns ------------------------------------------------------------------------
    "prog.col.dari": {"id": "Tahap lama", "en": "Old stage"},
    "prog.col.ke": {"id": "Tahap baru", "en": "New stage"},
    "prog.col.status": {"id": "Status", "en": "Status"},
    "prog.col.langkah": {"id": "Langkah", "en": "Steps"},
    "prog.col.sebelum": {"id": "Di versi lama", "en": "In older"},
    "prog.col.sesudah": {"id": "Di versi baru", "en": "In newer"},
    "prog.col.naik": {"id": "Naik", "en": "Advanced"},
    "prog.col.turun": {"id": "Turun", "en": "Back"},
    "prog.col.tetap": {"id": "Tetap", "en": "Unchanged"},
    "prog.col.baru": {"id": "Baru", "en": "New"},
    "prog.col.hilang": {"id": "Hilang", "en": "Gone"},
    "prog.col.versi": {"id": "Versi berturut", "en": "Versions in a row"},
    "prog.col.jumlah_versi": {"id": "Ada di (versi)", "en": "In (versions)"},
    "prog.col.sejak": {"id": "Sejak", "en": "Since"},
    "prog.col.bulan": {"id": "Bulan", "en": "Months"},
    # --- charts ---------------------------------------------------------------------------------
    "prog.chart.versions.title": {
        "id": "Sampai Delivery/Display: {na} ({pa}) di {a} menjadi {nb} ({pb}) di {b}",
        "en": "Reached Delivery/Display: {na} ({pa}) in {a}, {nb} ({pb}) in {b}",
    },
    "prog.chart.versions.empty": {"id": "Tahapan per versi", "en": "Stages per version"},
    "prog.chart.versions.subtitle": {
        "id": "Jumlah inovasi per tahapan 5D pada setiap versi data, urut unggahan",
        "en": "Innovations per 5D stage in every data version, in upload order",
    },
    "prog.chart.sankey.title": {
        "id": "{count:,} inovasi naik tahap dari {a} ke {b}; {turun} turun",
        "en": {
            "one": "{count:,} innovation advanced from {a} to {b}; {turun} went back",
            "other": "{count:,} innovations advanced from {a} to {b}; {turun} went back",
        },
    },
    "prog.chart.sankey.title_none": {
        "id": "Tidak ada inovasi yang naik tahap dari {a} ke {b}; {turun} turun",
        "en": "No innovation advanced from {a} to {b}; {turun} went back",
    },
    "prog.chart.sankey.empty": {"id": "Perpindahan antartahap", "en": "Moves between stages"},
    "prog.chart.sankey.subtitle": {
        "id": "Tahap di {a} → tahap di {b}",
        "en": "Stage in {a} → stage in {b}",
    },
    "prog.chart.top": {
        "id": "{n} OPD teratas dari {count:,}; semua di tabel",
        "en": {
            "one": "top {n} of {count:,} agency; all in the table",
            "other": "top {n} of {count:,} agencies; all in the table",
        },
    },
    "prog.chart.opd.title": {
        "id": "{name} paling banyak naik tahap ({n}); {count:,} OPD punya inovasi yang naik",
        "en": {
            "one": "{name} advanced most ({n}); {count:,} agency has innovations moving forward",
            "other": "{name} advanced most ({n}); {count:,} agencies have innovations moving forward",
        },
    },
    "prog.chart.opd.title_none": {
        "id": "Belum ada OPD yang inovasinya naik tahap",
        "en": "No agency has an innovation moving forward yet",
    },
    "prog.chart.opd.nothing": {"id": "Tidak ada perpindahan tahap", "en": "No stage moves"},
    "prog.chart.opd.subtitle": {
        "id": "Inovasi yang naik dan turun tahap per OPD (OPD di versi baru)",
        "en": "Innovations that advanced and went back per agency (agency in the newer version)",
    },
    "prog.chart.stalled.title": {
        "id": "{count:,} inovasi tertahan; terbanyak di {name} ({k})",
        "en": {
            "one": "{count:,} innovation stalled; most in {name} ({k})",
            "other": "{count:,} innovations stalled; most in {name} ({k})",
        },
    },
    "prog.chart.stalled.title_none": {
        "id": "Tidak ada inovasi yang tertahan",
        "en": "No innovation is stalled",
    },
    "prog.chart.stalled.nothing": {"id": "Tidak ada yang tertahan", "en": "Nothing stalled"},
    "prog.chart.history.title": {
        "id": "{name}: dari {dari} ({a}) ke {ke} ({b})",
        "en": "{name}: from {dari} ({a}) to {ke} ({b})",
    },
    "prog.chart.history.same": {
        "id": "{name}: tetap di {stage} sejak {a}",
        "en": "{name}: in {stage} since {a}",
    },
    "prog.chart.history.empty": {"id": "Jejak tahapan", "en": "Stage history"},
    "prog.chart.history.subtitle": {
        "id": "Tahap di tiap versi; abu-abu = tidak ada di versi itu",
        "en": "Stage in each version; grey = not in that version",
    },
    # --- briefing page ------------------------------------------------------------------------
    "briefing.title": {"id": "Unduh briefing", "en": "Download a briefing"},
    "briefing.intro": {
        "id": "Satu klik membuat laporan dari tampilan saat ini (filter di panel samping ikut, dan disebut di "
        "laporan): HTML yang bisa dibuka tanpa internet di peramban mana pun, atau PowerPoint untuk rapat "
        "dengan grafik asli PowerPoint yang bisa disunting.",
        "en": "One click makes a report of the current view (the side panel's filters apply and are named in "
        "it): an HTML file that opens offline in any browser, or a PowerPoint deck for the meeting with native, "
        "editable PowerPoint charts.",
    },
    "briefing.html": {"id": "Unduh laporan HTML", "en": "Download HTML report"},
    "briefing.html_help": {
        "id": "Satu berkas: grafik interaktif, tabel, angka utama; tanpa internet.",
        "en": "One file: interactive charts, tables, key numbers; works offline.",
    },
    "briefing.pptx": {"id": "Unduh PowerPoint (.pptx)", "en": "Download PowerPoint (.pptx)"},
    "briefing.pptx_help": {
        "id": "Satu temuan per slide, grafik asli PowerPoint yang bisa disunting.",
        "en": "One finding per slide, native editable PowerPoint charts.",
    },
    "briefing.contents": {
        "id": "Isi briefing ({count:,} temuan)",
        "en": {
            "one": "What the briefing holds ({count:,} finding)",
            "other": "What the briefing holds ({count:,} findings)",
        },
    },
    "briefing.progress_included": {
        "id": "Perkembangan: {a} dibandingkan dengan {b} (pengaturan halaman Perkembangan).",
        "en": "Progress: {a} compared with {b} (settings of the Progress page).",
    },
    "briefing.progress_missing": {
        "id": "Bagian perkembangan ikut bila sudah ada sedikitnya dua versi data.",
        "en": "The progress part is included once two data versions exist.",
    },
    "briefing.col.section": {"id": "Bagian", "en": "Section"},
    "briefing.col.finding": {"id": "Temuan", "en": "Finding"},
    # --- briefing documents ---------------------------------------------------------------------
    "brief.doc_title": {
        "id": "Briefing Inovasi Daerah {region}",
        "en": "Regional Innovation Briefing, {region}",
    },
    "brief.data": {
        "id": "Data: {filename} · versi {version} · diunggah {uploaded}",
        "en": "Data: {filename} · version {version} · uploaded {uploaded}",
    },
    "brief.data_sample": {
        "id": "Data: {filename} (data contoh sintetis, bukan data resmi Bappeda)",
        "en": "Data: {filename} (synthetic sample, not Bappeda's official data)",
    },
    "brief.filter": {"id": "Filter: {items}", "en": "Filters: {items}"},
    "brief.filter_none": {"id": "Filter: tidak ada (semua inovasi)", "en": "Filters: none (every innovation)"},
    "brief.generated": {"id": "Dibuat {when}", "en": "Made {when}"},
    "brief.offline": {
        "id": "Berkas ini berdiri sendiri: grafik dapat digeser dan disorot tanpa internet.",
        "en": "This file stands alone: the charts are interactive without internet.",
    },
    "brief.section.ringkasan": {"id": "Ringkasan", "en": "Overview"},
    "brief.section.opd": {"id": "OPD", "en": "Agencies (OPD)"},
    "brief.section.tahapan": {"id": "Tahapan", "en": "Stages"},
    "brief.section.kecamatan": {"id": "Kecamatan", "en": "Districts"},
    "brief.section.perkembangan": {"id": "Perkembangan", "en": "Progress"},
    "brief.section.daftar": {"id": "Daftar inovasi", "en": "Innovation list"},
    "brief.kpi.title": {
        "id": "{count:,} inovasi dari {opd}; {pct} sudah sampai Delivery atau Display",
        "en": {
            "one": "{count:,} innovation from {opd}; {pct} reached Delivery or Display",
            "other": "{count:,} innovations from {opd}; {pct} reached Delivery or Display",
        },
    },
    "brief.completeness": {
        "id": "Kelengkapan data: inovasi tanpa OPD, tahap, kecamatan atau tahun",
        "en": "Completeness: innovations with no agency, stage, district or year",
    },
    "brief.completeness_none": {
        "id": "Kelengkapan data: setiap inovasi punya OPD, tahap, kecamatan dan tahun",
        "en": "Completeness: every innovation has an agency, a stage, a district and a year",
    },
    "brief.kpi.title_iid": {
        "id": "{count:,} inovasi dari {opd}; {pct} sudah sampai Penerapan",
        "en": {
            "one": "{count:,} innovation from {opd}; {pct} reached Penerapan",
            "other": "{count:,} innovations from {opd}; {pct} reached Penerapan",
        },
    },
    "brief.kpi.title_both": {
        "id": "{count:,} inovasi dari {opd}; {pct} sudah diterapkan (Delivery, Display atau Penerapan)",
        "en": {
            "one": "{count:,} innovation from {opd}; {pct} implemented (Delivery, Display or Penerapan)",
            "other": "{count:,} innovations from {opd}; {pct} implemented (Delivery, Display or Penerapan)",
        },
    },
    "brief.no_opd.title": {
        "id": "{n} dari {count:,} OPD belum berinovasi",
        "en": {
            "one": "{n} of {count:,} agency has no innovation yet",
            "other": "{n} of {count:,} agencies have no innovation yet",
        },
    },
    "brief.no_opd.none": {"id": "Semua OPD sudah berinovasi", "en": "Every agency has innovated"},
    "brief.no_kec.title": {
        "id": "{n} dari {count:,} kecamatan belum disebut inovasi mana pun",
        "en": {
            "one": "{n} of {count:,} district has no innovation yet",
            "other": "{n} of {count:,} districts have no innovation yet",
        },
    },
    "brief.no_kec.none": {
        "id": "Semua kecamatan sudah disebut sedikitnya satu inovasi",
        "en": "Every district is named by at least one innovation",
    },
    "brief.kec_table": {"id": "Kecamatan x tahapan", "en": "District x stage"},
    "brief.heatmap_cont": {"id": "{title} (lanjutan {i}/{n})", "en": "{title} (continued {i}/{n})"},
    "brief.list.title": {
        "id": "{count:,} inovasi sesuai filter",
        "en": {"one": "{count:,} innovation matches the filters", "other": "{count:,} innovations match the filters"},
    },
    "brief.list.cut": {
        "id": "Ditampilkan {shown} dari {n}; daftar lengkap ada di halaman Daftar Inovasi (unduh Excel).",
        "en": "{shown} of {n} shown; the full list is on the Innovation list page (download Excel).",
    },
    "brief.stalled_table": {"id": "Inovasi tertahan per OPD", "en": "Stalled innovations per agency"},
    "brief.changes_table": {"id": "Perubahan {a} → {b}", "en": "Changes {a} → {b}"},
    "brief.movement_chart": {
        "id": "Perpindahan tahap {a} → {b} (baris: tahap di {a}; warna: tahap di {b})",
        "en": "Stage moves {a} → {b} (rows: stage in {a}; colours: stage in {b})",
    },
    "brief.slide": {"id": "Slide {i} dari {n}", "en": "Slide {i} of {n}"},
    "brief.empty": {
        "id": "Tidak ada inovasi yang sesuai filter ini.",
        "en": "No innovation matches these filters.",
    },
    # --- two stage models (issue 11) ---------------------------------------------------------
    "prog.model": {"id": "Tahapan yang diikuti", "en": "Stages followed"},
    "prog.model.5d": {"id": "Tahapan 5D", "en": "5D stages"},
    "prog.model.iid": {"id": "Tahapan IID", "en": "IID stages"},
    "prog.model_help": {
        "id": "Data memuat tahap 5D dan tahap IID: pilih tahapan yang diikuti dari versi ke versi.",
        "en": "The data holds 5D and IID stages: choose which stages to follow from version to version.",
    },
    "prog.status.kosong": {"id": "Tanpa tahap", "en": "No stage to compare"},
    "prog.status.kosong_help": {
        "id": "Ada di kedua versi, tetapi tanpa tahap (pada tahapan yang diikuti) di salah satunya.",
        "en": "In both versions, but with no stage (of the stages followed) in at least one of them.",
    },
    "prog.col.kosong": {"id": "Tanpa tahap", "en": "No stage"},
    "prog.col.turunan": {"id": "Turunan dari IID", "en": "Derived from IID"},
    "prog.stalled.display_iid": {"id": "Sertakan tahap Penerapan", "en": "Include the Penerapan stage"},
    "prog.stalled.display_help_iid": {
        "id": "Penerapan adalah tahap IID terakhir: tinggal di sana bukan berarti tertahan.",
        "en": "Penerapan is IID's last stage: staying there is not stalling.",
    },
    "prog.stalled.text.no_display_iid": {"id": "; tahap Penerapan tidak dihitung", "en": "; Penerapan not counted"},
    "prog.stalled.short.no_display_iid": {"id": "; tanpa Penerapan", "en": "; Penerapan left out"},
    "prog.chart.versions.title_iid": {
        "id": "Sampai Penerapan: {na} ({pa}) di {a} menjadi {nb} ({pb}) di {b}",
        "en": "Reached Penerapan: {na} ({pa}) in {a}, {nb} ({pb}) in {b}",
    },
    "prog.chart.versions.subtitle_iid": {
        "id": "Jumlah inovasi per tahapan IID pada setiap versi data, urut unggahan",
        "en": "Innovations per IID stage in every data version, in upload order",
    },
}
