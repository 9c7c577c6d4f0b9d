"""The xlsx template, generated from the contract (:mod:`lebak_dash.records.schema`) and the reference lists.

Three sheets:

* ``Data Inovasi``: the template headers in row 1 (:data:`~lebak_dash.records.schema.TEMPLATE_COLUMNS`:
  every column of the contract but the two-column coordinates, which ``Koordinat`` stands for), and
  dropdown lists (data validation) for the
  fixed vocabularies. The long lists (OPD, kecamatan) live on a hidden sheet so the dropdowns
  stay short formulas. Kecamatan allows free text (several names separated by commas), so its
  validation shows a hint and never an error.
* ``Petunjuk``: instructions in Indonesian and one example row, written downwards (column, required,
  accepted values, example). It is written downwards on purpose: the importer reads every sheet,
  and a horizontal example under real headers would be imported as an innovation.
* ``Pilihan`` (hidden): the lists behind the dropdowns.

None of the extra sheets has a header row the importer recognises, so a filled template
imports with no warning (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from lebak_dash.i18n import t
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import COLUMN_BY_KEY, KABUPATEN_WIDE, TEMPLATE_COLUMNS

#: Rows of the data sheet that carry the dropdowns.
VALIDATED_ROWS = 5000
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_REQUIRED_FILL = PatternFill("solid", fgColor="C00000")
_WIDTHS = {"nama": 40, "opd": 38, "kecamatan": 30, "bentuk": 34, "deskripsi": 50, "urusan": 24, "inovator": 24}
_WIDTHS |= {"koordinat": 24, "urusan_lain": 24, "pemda": 20}
_DATE_KEYS = ("tanggal_mulai", "tanggal_input", "tanggal_pengembangan")
# Lists on the hidden sheet, in this column order; headers chosen so no importer alias matches.
_LIST_KEYS = ("tahapan", "opd", "kecamatan", "tahapan_iid", "jenis", "bentuk", "inisiator")
# Values the importer only warns about keep Excel's "continue?" prompt; an unknown stage is an error.
_STRICT_KEYS = frozenset({"tahapan"})


def _choices(key: str, reference: Reference) -> list[str]:
    if key == "opd":
        return list(reference.opd_names)
    if key == "kecamatan":
        return [*reference.kecamatan_names, KABUPATEN_WIDE]
    return list(COLUMN_BY_KEY[key].values)


def example_row(reference: Reference) -> dict[str, object]:
    """Return the example innovation shown on the instructions sheet (column key to value).

    Its OPD and kecamatan come from `reference`, so it imports without a warning.
    """
    opd = "Dinas Kesehatan" if "Dinas Kesehatan" in reference.opd_names else reference.opd_names[0]
    kecamatan = ", ".join(reference.kecamatan_names[:2])
    first = reference.kecamatan.iloc[0] if reference.has_centroids else None
    point = "" if first is None else f"{first['lat']:.4f}, {first['lon']:.4f}"
    return {
        "kode": "INV-2024-001",
        "nama": "SI CANTIK (Sistem Informasi Cakupan Imunisasi Anak)",
        "opd": opd,
        "tahapan": "Delivery",
        "kecamatan": kecamatan,
        "tahapan_iid": "Penerapan",
        "koordinat": point,
        "pemda": reference.region.full_name,
        "tahun": 2024,
        "tanggal_mulai": dt.date(2024, 3, 1),
        "tanggal_input": dt.date(2024, 1, 15),
        "tanggal_pengembangan": dt.date(2024, 9, 1),
        "jenis": "Digital",
        "bentuk": "Inovasi Pelayanan Publik",
        "inisiator": "OPD",
        "inovator": "dr. Siti Rahmawati",
        "urusan": "Kesehatan",
        "urusan_lain": "Pendidikan",
        "kematangan": 85,
        "anggaran": 15_000_000,
        "deskripsi": "Pemantauan cakupan imunisasi anak per desa agar petugas puskesmas cepat menindaklanjuti.",
        "tautan": "https://indeks.inovasi.kemendagri.go.id",
    }


def _accepted(key: str, lang: str, reference: Reference) -> str:
    special = {
        "kode": "template.kode_help",
        "opd": "template.opd_help",
        "kecamatan": "template.kecamatan_help",
        "tahun": "template.tahun_help",
        "tanggal_mulai": "template.tanggal_help",
        "tanggal_input": "template.tanggal_help",
        "tanggal_pengembangan": "template.tanggal_help",
        "anggaran": "template.anggaran_help",
        "tautan": "template.tautan_help",
        "tahapan": "template.tahapan_help",
        "koordinat": "template.koordinat_help",
        "pemda": "template.pemda_help",
        "kematangan": "template.kematangan_help",
    }
    if key == "kecamatan":
        return t("template.kecamatan_help", lang, total=len(reference.kecamatan_names))
    if key == "pemda":
        return t("template.pemda_help", lang, region=reference.region.full_name)
    if key in special:
        return t(special[key], lang)
    values = COLUMN_BY_KEY[key].values
    return ", ".join(values) if values else t("template.free_text", lang)


def _text_cell(ws: Worksheet, row: int, column: int, value: object) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with


def _data_sheet(ws: Worksheet, lists: dict[str, str], lang: str) -> None:
    for index, column in enumerate(TEMPLATE_COLUMNS, start=1):
        _text_cell(ws, 1, index, column.header)
        cell = ws.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = _WIDTHS.get(column.key, 18)
        if column.key == "kode":
            ws.column_dimensions[letter].number_format = "@"
        elif column.key in _DATE_KEYS:
            ws.column_dimensions[letter].number_format = "DD/MM/YYYY"
        elif column.key == "anggaran":
            ws.column_dimensions[letter].number_format = "#,##0"
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
    letters = {c.key: get_column_letter(i) for i, c in enumerate(TEMPLATE_COLUMNS, start=1)}
    last = VALIDATED_ROWS + 1
    for key, formula in lists.items():
        if key == "kecamatan":
            # Several kecamatan are typed as "Maja, Cibadak": a hint, never an error.
            validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
            validation.promptTitle = COLUMN_BY_KEY[key].header
            validation.prompt = t("template.kecamatan_prompt", lang)
            validation.showInputMessage = True
        else:
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if key in _STRICT_KEYS else "warning",
            )
            validation.errorTitle = COLUMN_BY_KEY[key].header
            validation.error = t("template.list_error", lang)
        validation.add(f"{letters[key]}2:{letters[key]}{last}")
        ws.add_data_validation(validation)
    year = DataValidation(
        type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True, errorStyle="warning"
    )
    year.error = t("template.year_error", lang)
    year.add(f"{letters['tahun']}2:{letters['tahun']}{last}")
    money = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True, errorStyle="warning"
    )
    money.error = t("template.number_error", lang)
    money.add(f"{letters['anggaran']}2:{letters['anggaran']}{last}")
    ws.add_data_validation(year)
    ws.add_data_validation(money)


def _lists_sheet(ws: Worksheet, reference: Reference, lang: str) -> dict[str, str]:
    formulas = {}
    for index, key in enumerate(_LIST_KEYS, start=1):
        values = _choices(key, reference)
        _text_cell(ws, 1, index, f"Daftar {COLUMN_BY_KEY[key].header}")
        ws.cell(row=1, column=index).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            _text_cell(ws, row, index, value)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = 40 if key in ("opd", "bentuk") else 22
        formulas[key] = f"'{ws.title}'!${letter}$2:${letter}${len(values) + 1}"
    _text_cell(ws, len(reference.opd_names) + 4, 1, t("template.lists_note", lang))
    return formulas


def _help_sheet(ws: Worksheet, reference: Reference, lang: str) -> None:
    _text_cell(ws, 1, 1, t("template.title", lang, title=reference.region.full_name.upper()))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    row = 3
    examples = ", ".join(reference.kecamatan_names[:2])
    for line in t("template.steps", lang, examples=examples, kind=reference.region.kind.lower()).split("\n"):
        _text_cell(ws, row, 1, line)
        row += 1
    row += 1
    _text_cell(ws, row, 1, t("template.columns_title", lang))
    ws.cell(row=row, column=1).font = Font(bold=True, size=12)
    row += 1
    for index, key in enumerate(("template.col_column", "template.col_required", "template.col_accepted"), 1):
        _text_cell(ws, row, index, t(key, lang))
    _text_cell(ws, row, 4, t("template.col_example", lang))
    for position in range(1, 5):
        ws.cell(row=row, column=position).font = _HEADER_FONT
        ws.cell(row=row, column=position).fill = _HEADER_FILL
    example = example_row(reference)
    for column in TEMPLATE_COLUMNS:
        row += 1
        _text_cell(ws, row, 1, column.header)
        _text_cell(ws, row, 2, t("template.yes" if column.required else "template.no", lang))
        _text_cell(ws, row, 3, _accepted(column.key, lang, reference))
        value = example[column.key]
        _text_cell(ws, row, 4, value)
        if isinstance(value, dt.date):
            ws.cell(row=row, column=4).number_format = "DD/MM/YYYY"
        elif column.key == "anggaran":
            ws.cell(row=row, column=4).number_format = "#,##0"
        ws.cell(row=row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (24, 9, 60, 55), strict=True):
        ws.column_dimensions[letter].width = width


def template_xlsx(reference: Reference, lang: str = "id") -> bytes:
    """Return the xlsx template: data sheet with dropdowns, instructions and the hidden lists.

    Parameters
    ----------
    reference : Reference
        The OPD and kecamatan lists offered in the dropdowns (the store's active ones).
    lang : {"id", "en"}
        Language of the instructions (the sheet names and headers are the contract's).

    Returns
    -------
    bytes

    Examples
    --------
    >>> from lebak_dash.records.reference import load_reference
    >>> template_xlsx(load_reference())[:2]
    b'PK'
    """
    wb = Workbook()
    data = wb.active
    data.title = t("template.sheet_data", lang)
    help_sheet = wb.create_sheet(t("template.sheet_help", lang))
    lists_sheet = wb.create_sheet(t("template.sheet_lists", lang))
    formulas = _lists_sheet(lists_sheet, reference, lang)
    lists_sheet.sheet_state = "hidden"
    _data_sheet(data, formulas, lang)
    _help_sheet(help_sheet, reference, lang)
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
