"""What the pages show: one pure function per dashboard page returning a frozen dataclass
(``ringkasan``, ``opd``, ``tahapan``, ``kecamatan``, ``daftar``, ``perkembangan``), made from a
``selection`` (the dataset a page reads, ``dataset``, under the filters) for a ``screen``; the words
they share (``labels``); the presentation's state, slides and HTML; the data pages' tables."""
