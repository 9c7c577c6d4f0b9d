"""Dasbor Inovasi Daerah Kabupaten Lebak: the importable package.

The public entry point for reading a workbook is :func:`import_workbook`; it returns an
:class:`ImportResult` with the records, the issues (sheet, Excel row, column, severity, message
in Indonesian) and the sheets skipped.
"""

import pyarrow as _pa

from lebak_dash.importer import import_workbook
from lebak_dash.model import ImportResult, Issue, SheetInfo

# Arrow's default allocator (mimalloc) keeps freed pages: a 100k-row import then peaks ~50 MB
# higher than with the system allocator, at no measurable cost in speed (docs/performance.md).
_pa.set_memory_pool(_pa.system_memory_pool())

__all__ = ["ImportResult", "Issue", "SheetInfo", "import_workbook"]
__version__ = "0.1.0"
