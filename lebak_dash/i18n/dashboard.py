"""Strings of the dashboard area: navigation, filter panel, pages and chart titles."""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # --- navigation -------------------------------------------------------------------------
    "nav.section.dasbor": {"id": "Dasbor", "en": "Dashboard"},
    "nav.section.data": {"id": "Data", "en": "Data"},
    "nav.section.presentasi": {"id": "Presentasi", "en": "Presentation"},
    "nav.section.perkembangan": {"id": "Perkembangan", "en": "Progress"},
    "page.ringkasan": {"id": "Ringkasan", "en": "Overview"},
    "page.opd": {"id": "OPD", "en": "Agencies (OPD)"},
    "page.tahapan": {"id": "Tahapan", "en": "Stages"},
    "page.kecamatan": {"id": "Kecamatan", "en": "Districts"},
    "page.daftar": {"id": "Daftar Inovasi", "en": "Innovation list"},
    # --- data banner and caption --------------------------------------------------------------
    "data.sample_banner": {
        "id": "Data contoh (sintetis), bukan data resmi Bappeda. Angka di halaman ini hanya ilustrasi.",
        "en": "Sample (synthetic) data, not Bappeda's official data. The figures on this page are illustrations.",
    },
    "data.caption": {
        "id": "Data: {filename} · versi {version} · diunggah {uploaded}",
        "en": "Data: {filename} · version {version} · uploaded {uploaded}",
    },
    "data.caption_sample": {
        "id": "Data: {filename} (contoh bawaan aplikasi)",
        "en": "Data: {filename} (bundled sample)",
    },
    "data.version_none": {"id": "-", "en": "-"},
    # --- filter panel -------------------------------------------------------------------------
    "filter.header": {"id": "Filter", "en": "Filters"},
    "filter.lang": {"id": "Bahasa", "en": "Language"},
    "filter.tahun": {"id": "Tahun", "en": "Year"},
    "filter.opd": {"id": "OPD", "en": "Agency (OPD)"},
    "filter.kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "filter.tahapan": {"id": "Tahapan 5D", "en": "5D stage"},
    "filter.tahapan_iid": {"id": "Tahapan IID", "en": "IID stage"},
    "filter.tahapan_any": {"id": "Tahapan (5D/IID)", "en": "Stage (5D/IID)"},
    "filter.urusan": {"id": "Urusan", "en": "Government affair"},
    "filter.no_year": {"id": "Hanya inovasi tanpa tahun", "en": "Only innovations without a year"},
    "filter.jenis": {"id": "Jenis inovasi", "en": "Type"},
    "filter.bentuk": {"id": "Bentuk inovasi", "en": "Form"},
    "filter.all": {"id": "Semua", "en": "All"},
    "filter.kabupaten_wide": {
        "id": "Sertakan inovasi se-{kind}",
        "en": "Include {kind}-wide innovations",
    },
    "filter.own_only": {"id": "(tanpa inovasi se-{kind})", "en": "(without {kind}-wide innovations)"},
    "filter.kabupaten_wide_help": {
        "id": "Inovasi yang berlaku di semua kecamatan ikut dihitung untuk kecamatan yang dipilih.",
        "en": "Innovations that apply in every district count for the chosen districts too.",
    },
    "filter.reset": {"id": "Hapus semua filter", "en": "Clear all filters"},
    "filter.active": {"id": "Filter aktif: {items}", "en": "Active filters: {items}"},
    "filter.none": {"id": "Tanpa filter: semua inovasi ditampilkan.", "en": "No filter: every innovation is shown."},
    "filter.count": {
        "id": "{n} dari {count:,} inovasi",
        "en": {"one": "{n} of {count:,} innovation", "other": "{n} of {count:,} innovations"},
    },
    "filter.share_hint": {
        "id": "Alamat halaman ini menyimpan filter: salin untuk dibagikan.",
        "en": "This page's address keeps the filters: copy it to share.",
    },
    "label.semua_kecamatan": {"id": "Semua Kecamatan (se-{kind})", "en": "All districts ({kind}-wide)"},
    "label.tidak_disebut": {"id": "Tidak disebut", "en": "Not stated"},
    "label.lang.id": {"id": "Indonesia", "en": "Indonesian"},
    "label.lang.en": {"id": "English", "en": "English"},
    # --- KPI ------------------------------------------------------------------------------------
    "kpi.inovasi": {"id": "Inovasi", "en": "Innovations"},
    "kpi.inovasi_help": {
        "id": "Jumlah inovasi yang sesuai filter.",
        "en": "Number of innovations that match the filters.",
    },
    "kpi.opd": {"id": "OPD berinovasi", "en": "Agencies innovating"},
    "kpi.opd_help": {
        "id": "OPD dengan sedikitnya satu inovasi, dari seluruh OPD di daftar referensi.",
        "en": "Agencies with at least one innovation, of all agencies in the reference list.",
    },
    "kpi.kecamatan": {"id": "Kecamatan terjangkau", "en": "Districts reached"},
    "kpi.kecamatan_help": {
        "id": "Kecamatan yang disebut oleh sedikitnya satu inovasi, dari seluruh kecamatan {region}. "
        "Inovasi se-{kind} dihitung terpisah.",
        "en": "Districts named by at least one innovation, of all the districts of {region}. "
        "Innovations for the whole {kind} are counted apart.",
    },
    "kpi.delivery": {"id": "Sampai Delivery/Display", "en": "Reached Delivery/Display"},
    "kpi.delivery_help": {
        "id": "Bagian inovasi yang sudah diterapkan (Delivery) atau dipamerkan (Display).",
        "en": "Share of innovations already implemented (Delivery) or shown (Display).",
    },
    "kpi.delivery_iid": {"id": "Sampai Penerapan", "en": "Reached Penerapan"},
    "kpi.delivery_iid_help": {
        "id": "Bagian inovasi yang sudah sampai tahap Penerapan (IID).",
        "en": "Share of innovations already in IID's Penerapan (implementation) stage.",
    },
    "kpi.delivery_both": {"id": "Sudah diterapkan", "en": "Implemented"},
    "kpi.delivery_both_help": {
        "id": "Bagian inovasi yang sudah diterapkan: Delivery atau Display (5D), atau Penerapan (IID).",
        "en": "Share of innovations already implemented: Delivery or Display (5D), or Penerapan (IID).",
    },
    "kpi.of": {"id": "{n} dari {total}", "en": "{n} of {total}"},
    # --- pages ----------------------------------------------------------------------------------
    "ringkasan.title": {"id": "Ringkasan inovasi daerah", "en": "Regional innovation at a glance"},
    "ringkasan.no_opd": {"id": "OPD belum berinovasi ({n})", "en": "Agencies with no innovation yet ({n})"},
    "ringkasan.no_kec": {
        "id": "Kecamatan belum disebut inovasi mana pun ({n})",
        "en": "Districts with no innovation yet ({n})",
    },
    "ringkasan.all_opd": {"id": "Semua OPD sudah berinovasi.", "en": "Every agency has innovated."},
    "ringkasan.all_kec": {
        "id": "Semua kecamatan sudah disebut oleh sedikitnya satu inovasi.",
        "en": "Every district is named by at least one innovation.",
    },
    "ringkasan.leading": {"id": "OPD terdepan", "en": "Leading agencies"},
    "ringkasan.completeness": {"id": "Kelengkapan data", "en": "Completeness of the data"},
    "ringkasan.completeness_help": {
        "id": "Inovasi yang belum mengisi OPD, tahap (5D maupun IID), kecamatan atau tahun tetap dihitung. "
        "Klik tautan untuk melihat daftarnya.",
        "en": "Innovations with no agency, stage (5D or IID), district or year are still counted. "
        "Follow a link to list them.",
    },
    "ringkasan.gap.opd": {"id": "Tanpa OPD", "en": "No agency"},
    "ringkasan.gap.tahapan": {"id": "Tanpa tahap", "en": "No stage"},
    "ringkasan.gap.kecamatan": {"id": "Tanpa kecamatan", "en": "No district"},
    "ringkasan.gap.tahun": {"id": "Tanpa tahun", "en": "No year"},
    "ringkasan.gap.text": {"id": "{n} dari {total} ({pct})", "en": "{n} of {total} ({pct})"},
    "ringkasan.gap.link": {
        "id": "Lihat {count:,} inovasi",
        "en": {"one": "Show {count:,} innovation", "other": "Show {count:,} innovations"},
    },
    "ringkasan.gap.none": {"id": "Lengkap", "en": "Complete"},
    "opd.title": {"id": "Inovasi per OPD", "en": "Innovations per agency (OPD)"},
    "opd.sort": {"id": "Urutkan", "en": "Sort"},
    "opd.sort.jumlah": {"id": "Terbanyak dulu", "en": "Most first"},
    "opd.sort.nama": {"id": "Nama (A-Z)", "en": "Name (A-Z)"},
    "opd.by_kind": {"id": "Kelompokkan per jenis OPD", "en": "Group by kind of agency"},
    "opd.zeros": {"id": "Tampilkan OPD tanpa inovasi", "en": "Show agencies with no innovation"},
    "opd.heatmap": {"id": "Peta panas OPD x tahapan", "en": "Agency x stage heat map"},
    "opd.profile": {"id": "Profil satu OPD", "en": "One agency's profile"},
    "opd.pick": {"id": "Pilih OPD", "en": "Choose an agency"},
    "opd.profile_kind": {"id": "Jenis: {kind}", "en": "Kind: {kind}"},
    "opd.profile_none": {
        "id": "OPD ini belum memiliki inovasi (dengan filter saat ini).",
        "en": "This agency has no innovation yet (with the current filters).",
    },
    "opd.profile_list": {"id": "Inovasi OPD ini", "en": "This agency's innovations"},
    "tahapan.title": {"id": "Tahapan 5D Laboratorium Inovasi", "en": "The 5D stages of the Innovation Lab"},
    "tahapan.title_iid": {
        "id": "Tahapan inovasi IID (Inisiatif, Uji Coba, Penerapan)",
        "en": "The IID stages of innovation (Inisiatif, Uji Coba, Penerapan)",
    },
    "tahapan.title_both": {"id": "Tahapan inovasi: 5D dan IID", "en": "Innovation stages: 5D and IID"},
    "tahapan.gap_meaning": {
        "id": "Inovasi tanpa tahap 5D maupun tahap IID.",
        "en": "Innovations with neither a 5D nor an IID stage.",
    },
    "tahapan.meaning": {"id": "Arti tiap tahapan", "en": "What each stage means"},
    "tahapan.pick": {"id": "Tampilkan inovasi pada tahap", "en": "Show the innovations in stage"},
    "tahapan.list": {"id": "Inovasi pada tahap {stage} ({n})", "en": "Innovations in stage {stage} ({n})"},
    "kecamatan.title": {"id": "Inovasi per kecamatan", "en": "Innovations per district"},
    "kecamatan.wide": {"id": "Se-{kind}", "en": "{kind}-wide"},
    "kecamatan.wide_help": {
        "id": "Inovasi yang berlaku di semua kecamatan (tidak ditambahkan ke tiap kecamatan).",
        "en": "Innovations that apply in every district (not added to each district).",
    },
    "kecamatan.unstated": {"id": "Tanpa kecamatan", "en": "No district stated"},
    "kecamatan.unstated_help": {
        "id": "Inovasi yang tidak menyebut kecamatan.",
        "en": "Innovations that name no district.",
    },
    "kecamatan.unknown": {
        "id": "Nama kecamatan di luar daftar referensi: {names}",
        "en": "District names not in the reference list: {names}",
    },
    "kecamatan.table": {"id": "Kecamatan x tahapan", "en": "District x stage"},
    "daftar.title": {"id": "Daftar inovasi", "en": "Innovation list"},
    "daftar.search": {"id": "Cari (nama, OPD, inovator, uraian...)", "en": "Search (name, agency, innovator...)"},
    "daftar.search_placeholder": {"id": "mis. kesehatan Maja", "en": "e.g. health Maja"},
    "daftar.count": {
        "id": "{count:,} inovasi ditampilkan",
        "en": {"one": "{count:,} innovation shown", "other": "{count:,} innovations shown"},
    },
    "daftar.pick_hint": {
        "id": "Pilih satu baris (kotak di kiri) untuk melihat rinciannya.",
        "en": "Select a row (box on the left) to see its details.",
    },
    "daftar.detail": {"id": "Rincian inovasi", "en": "Innovation details"},
    "daftar.download_xlsx": {"id": "Unduh Excel (.xlsx)", "en": "Download Excel (.xlsx)"},
    "daftar.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "daftar.field": {"id": "Kolom", "en": "Field"},
    "daftar.value": {"id": "Isi", "en": "Value"},
    "table.kind": {"id": "Jenis OPD", "en": "Kind"},
    "table.kode_kecamatan": {"id": "Kode", "en": "Code"},
    "table.jumlah": {"id": "Jumlah", "en": "Total"},
    "table.kelengkapan": {"id": "Belum diisi", "en": "Missing"},
    "table.kosong": {"id": "Inovasi", "en": "Innovations"},
    "table.keterangan": {"id": "Bagian", "en": "Share"},
    "table.persen": {"id": "Persen", "en": "Share"},
    "table.rentang": {"id": "Rentang skor", "en": "Score band"},
    "chart.data": {"id": "Lihat data", "en": "Show data"},
    # Issue 15: the data a chart shows, as the last line of its subtitle (the PNG carries it too).
    "chart.source": {"id": "Data: {filename}, diunggah {date}", "en": "Data: {filename}, uploaded {date}"},
    "chart.source_sample": {"id": "Data contoh (sintetis)", "en": "Sample data (synthetic)"},
    "share.button": {"id": "Bagikan", "en": "Share"},
    "share.help": {
        "id": "Alamat halaman ini dengan filternya: salin dan kirim (misalnya ke grup WhatsApp). "
        "Gambar tiap grafik: tombol kamera di pojok grafik (PNG 1200 piksel).",
        "en": "This page's address with its filters: copy it and send it (to a WhatsApp group, say). "
        "A picture of each chart: the camera button in the chart's corner (PNG, 1200 pixels).",
    },
    "share.select": {
        "id": "Tombol salin hanya bekerja di alamat https; di sini pilih alamatnya lalu salin.",
        "en": "The copy button only works on an https address; here, select the address and copy it.",
    },
    "nav.menu_hint": {
        "id": "☰ Menu halaman ada di balik tombol » di kiri atas.",
        "en": "☰ The pages menu is behind the » button at the top left.",
    },
    "cross.hint": {
        "id": "Klik batang atau titik pada grafik untuk menyaring grafik lain; "
        'tombol di bawah grafik atau "Hapus semua filter" mengembalikannya.',
        "en": "Click a bar or point to filter the other charts; "
        'the button under the chart or "Clear all filters" undoes it.',
    },
    "cross.clear": {"id": "✕ Hapus pilihan {what}", "en": "✕ Clear {what} selection"},
    # --- charts ---------------------------------------------------------------------------------
    "stagename.Drum-up": {"id": "Drum-up", "en": "Drum-up"},
    "stagename.Diagnose": {"id": "Diagnose", "en": "Diagnose"},
    "stagename.Design": {"id": "Design", "en": "Design"},
    "stagename.Delivery": {"id": "Delivery", "en": "Delivery"},
    "stagename.Display": {"id": "Display", "en": "Display"},
    "axis.jumlah": {"id": "Jumlah inovasi", "en": "Number of innovations"},
    "axis.tahapan.5d": {"id": "Tahapan 5D", "en": "5D stage"},
    "axis.tahapan.iid": {"id": "Tahapan IID", "en": "IID stage"},
    "axis.kematangan": {"id": "Skor kematangan", "en": "Maturity score"},
    "axis.tahun": {"id": "Tahun", "en": "Year"},
    "chart.empty": {"id": "Tidak ada data untuk filter ini", "en": "No data for these filters"},
    "chart.click_hint": {
        "id": "Klik batang untuk menyaring grafik lain",
        "en": "Click a bar to filter the other charts",
    },
    "chart.funnel.5d.title": {
        "id": "{pct} inovasi ({n} dari {total}) sudah sampai Delivery atau Display",
        "en": "{pct} of innovations ({n} of {total}) reached Delivery or Display",
    },
    "chart.funnel.5d.empty_title": {"id": "Tahapan 5D", "en": "5D stages"},
    "chart.funnel.5d.subtitle": {
        "id": "Jumlah inovasi pada tiap tahap saat ini, urut 5D · klik untuk menyaring",
        "en": "Innovations now in each stage, in 5D order · click to filter",
    },
    "chart.funnel.5d.subtitle_static": {
        "id": "Jumlah inovasi pada tiap tahap saat ini, urut 5D dari atas",
        "en": "Innovations now in each stage, in 5D order from the top",
    },
    "chart.stages.title": {
        "id": "Tahap terbanyak: {stage} ({n} inovasi)",
        "en": "Most innovations are in {stage} ({n})",
    },
    "chart.stages.empty_title": {"id": "Inovasi per tahapan", "en": "Innovations per stage"},
    "chart.years.title": {
        "id": "Inovasi terbanyak pada tahun {year} ({n} inovasi)",
        "en": "Most innovations in {year} ({n})",
    },
    "chart.years.empty_title": {"id": "Inovasi per tahun", "en": "Innovations per year"},
    "chart.years.without_year": {"id": "{n} inovasi tanpa tahun tidak digambar", "en": "{n} without a year not drawn"},
    "chart.opd.title": {
        "id": "{n} dari {count:,} OPD sudah berinovasi",
        "en": {"one": "{n} of {count:,} agency has innovated", "other": "{n} of {count:,} agencies have innovated"},
    },
    "chart.opd.empty_title": {"id": "Inovasi per OPD", "en": "Innovations per agency"},
    "chart.opd.none": {"id": "belum ada", "en": "none yet"},
    "chart.leading.title": {
        "id": "OPD terdepan: {name} ({count:,} inovasi)",
        "en": {
            "one": "Leading agency: {name} ({count:,} innovation)",
            "other": "Leading agency: {name} ({count:,} innovations)",
        },
    },
    "chart.heatmap.title": {
        "id": "{n} dari {count:,} OPD sudah memamerkan inovasi (Display)",
        "en": {
            "one": "{n} of {count:,} agency has shown an innovation (Display)",
            "other": "{n} of {count:,} agencies have shown an innovation (Display)",
        },
    },
    "chart.heatmap.empty_title": {"id": "OPD x tahapan", "en": "Agency x stage"},
    "chart.heatmap.subtitle": {
        "id": "Angka = jumlah inovasi OPD pada tahap itu; sel kosong = belum ada",
        "en": "Number = the agency's innovations in that stage; blank = none",
    },
    "chart.kec.title": {
        "id": "{n} dari {count:,} kecamatan sudah memiliki inovasi",
        "en": {
            "one": "{n} of {count:,} district has an innovation",
            "other": "{n} of {count:,} districts have an innovation",
        },
    },
    "chart.kec.empty_title": {"id": "Inovasi per kecamatan", "en": "Innovations per district"},
    "chart.kec.subtitle": {
        "id": "Ditambah {wide} inovasi se-{kind} dan {unstated} tanpa kecamatan (dihitung terpisah)",
        "en": "Plus {wide} {kind}-wide and {unstated} with no district (counted apart)",
    },
    "chart.map.title": {
        "id": "{n} dari {count:,} kecamatan terjangkau; terbanyak {top} ({top_n})",
        "en": {
            "one": "{n} of {count:,} district reached; most in {top} ({top_n})",
            "other": "{n} of {count:,} districts reached; most in {top} ({top_n})",
        },
    },
    "chart.map.title_none": {
        "id": "Belum ada kecamatan yang disebut inovasi",
        "en": "No district is named by an innovation yet",
    },
    "chart.map.empty_title": {"id": "Peta kecamatan", "en": "District map"},
    "chart.map.subtitle": {
        "id": "Lingkaran di titik tengah kecamatan, makin besar makin banyak · {wide} inovasi se-{kind} "
        "tidak digambar · klik untuk menyaring",
        "en": "Circles at district centres, bigger means more · {wide} {kind}-wide innovations not drawn"
        " · click to filter",
    },
    # --- two stage models, gaps, urusan, maturity (issue 11) -----------------------------------
    "stagename.Inisiatif": {"id": "Inisiatif", "en": "Inisiatif"},
    "stagename.Uji Coba": {"id": "Uji Coba", "en": "Uji Coba"},
    "stagename.Penerapan": {"id": "Penerapan", "en": "Penerapan"},
    "label.no_opd": {"id": "OPD belum diisi", "en": "No agency given"},
    "label.no_stage": {"id": "Tahap belum diisi", "en": "No stage given"},
    "label.no_year": {"id": "Tahun belum diisi", "en": "No year given"},
    "label.derived": {"id": "{stage} (turunan dari IID)", "en": "{stage} (derived from IID)"},
    "chart.derived_part": {"id": "{n} turunan dari IID", "en": "{n} derived from IID"},
    "chart.funnel.iid.title": {
        "id": "{pct} inovasi ({n} dari {total}) sudah sampai Penerapan",
        "en": "{pct} of innovations ({n} of {total}) reached Penerapan (implementation)",
    },
    "chart.funnel.iid.empty_title": {"id": "Tahapan IID", "en": "IID stages"},
    "chart.funnel.iid.subtitle": {
        "id": "Jumlah inovasi pada tiap tahap IID saat ini · klik untuk menyaring",
        "en": "Innovations now in each IID stage · click to filter",
    },
    "chart.funnel.iid.subtitle_static": {
        "id": "Jumlah inovasi pada tiap tahap IID saat ini, urut dari atas",
        "en": "Innovations now in each IID stage, in order from the top",
    },
    "chart.heatmap.title_iid": {
        "id": "{n} dari {count:,} OPD sudah sampai Penerapan",
        "en": {
            "one": "{n} of {count:,} agency has an innovation in Penerapan",
            "other": "{n} of {count:,} agencies have an innovation in Penerapan",
        },
    },
    "chart.urusan.title": {
        "id": "Urusan terbanyak: {name} ({count:,} inovasi)",
        "en": {
            "one": "Most innovations in {name} ({count:,} innovation)",
            "other": "Most innovations in {name} ({count:,} innovations)",
        },
    },
    "chart.urusan.empty_title": {"id": "Inovasi per urusan", "en": "Innovations per government affair"},
    "chart.urusan.without": {
        "id": "{count:,} inovasi tanpa urusan tidak digambar",
        "en": {"one": "{count:,} without an affair not drawn", "other": "{count:,} without an affair not drawn"},
    },
    "chart.maturity.title": {
        "id": "Skor kematangan: median {median} ({n} inovasi dinilai)",
        "en": {
            "one": "Maturity score: median {median} ({n} innovation scored)",
            "other": "Maturity score: median {median} ({n} innovations scored)",
        },
    },
    "chart.maturity.empty_title": {"id": "Skor kematangan", "en": "Maturity score"},
    "chart.maturity.subtitle": {
        "id": "Skor kematangan IID, per rentang 10 poin",
        "en": "IID maturity score, in bands of 10 points",
    },
    "chart.maturity.without": {
        "id": "{count:,} inovasi tanpa skor tidak digambar",
        "en": {"one": "{count:,} without a score not drawn", "other": "{count:,} without a score not drawn"},
    },
}
