"""Dasbor Inovasi Daerah Kabupaten Lebak: the importable package.

The folders are the layers (see ``docs/architecture.md``): ``records`` (what an innovation is),
``ingest`` (file to records), ``store`` (versions kept), ``analysis`` (filters and counts),
``charts`` (figures), ``views`` (what each page shows), ``exports`` (files given out), ``cli``,
``i18n`` and ``ui`` (the only Streamlit code). Reading a workbook starts at
:func:`lebak_dash.ingest.importer.import_workbook`.

Importing the package loads nothing heavy (a command that only waits for the import worker stays
small, see :mod:`lebak_dash.cli.launch`).
"""

import os as _os
import sys as _sys

# Arrow's default allocator (mimalloc) keeps freed pages: a 100k-row import then peaks ~50 MB
# higher than with the system allocator, at no measurable cost in speed (docs/performance.md).
# Arrow reads the variable when it is first imported; if it was imported before this package,
# its pool is switched here instead.
_os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
if "pyarrow" in _sys.modules:
    _pa = _sys.modules["pyarrow"]
    _pa.set_memory_pool(_pa.system_memory_pool())

__version__ = "0.1.0"
