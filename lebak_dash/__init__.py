"""Dasbor Inovasi Daerah Kabupaten Lebak: the importable package.

The public entry point for reading a workbook is :func:`import_workbook`; it returns an
:class:`ImportResult` with the records, the issues (sheet, Excel row, column, severity, message
in Indonesian) and the sheets skipped.
"""

from lebak_dash.importer import import_workbook
from lebak_dash.model import ImportResult, Issue, SheetInfo

__all__ = ["ImportResult", "Issue", "SheetInfo", "import_workbook"]
__version__ = "0.1.0"
