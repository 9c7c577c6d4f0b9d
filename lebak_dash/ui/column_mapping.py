"""Unggah Data's column-mapping screen: say which column is which, then check the file again with it.

Shown when a file has no sheet the importer recognises (open), or on request (an expander). For
the chosen sheet, every column appears with its header and three sample values
(:attr:`ImportResult.previews`, made in the import worker and sent back with the result); a
choice per column assigns it to a field of the contract or ignores it. "Periksa ulang" makes a
column mapping of the choices that differ from how the column was read (starting from the mapping
already given for this file, when it applied to the sheet) and checks the same file again with it;
applying the upload then saves the mapping in the store, which applies it to later files.

The mapping for the file in the uploader is kept in the session under :data:`MAPPING_KEY`, with
the uploader's file id, and forgotten when another file is uploaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.records.mapping import ColumnMapping, MappingError, mapping_from_dict
from lebak_dash.records.model import ImportResult, SheetPreview
from lebak_dash.records.schema import SOURCE_KEYS
from lebak_dash.ui.datapage import say_later, table
from lebak_dash.ui.text import escape_markdown
from lebak_dash.views import data_tables

#: Session key of the mapping given for the file in the uploader: ``(file id, mapping JSON)``.
MAPPING_KEY = "_lebak_upload_mapping"
#: Choices that are not a contract key: kept aside as an extra column, or ignored.
EXTRA, IGNORE = "", "__ignore__"
SHEET_WIDGET = "map_sheet"


def mapping_for(file_id: str) -> ColumnMapping | None:
    """Return the mapping given for the uploaded file `file_id` (None: none, or one for another file)."""
    kept = st.session_state.get(MAPPING_KEY)
    if not kept or kept[0] != file_id:
        return None
    return mapping_from_dict(kept[1], explicit=True)


def forget_other_files(file_id: str | None) -> None:
    """Forget a mapping given for another file than `file_id` (None: the uploader is empty)."""
    kept = st.session_state.get(MAPPING_KEY)
    if kept and kept[0] != file_id:
        del st.session_state[MAPPING_KEY]


def _widget_prefix(file_id: str, mapping: ColumnMapping | None) -> str:
    """Return the prefix of the choice widgets: new for each file and mapping, so each check starts fresh."""
    digest = hashlib.sha256(f"{file_id}:{mapping.sha256 if mapping else ''}".encode()).hexdigest()[:8]
    return f"map_{digest}"


def _label(key: str, lang: str) -> str:
    if key == IGNORE:
        return t("map.ignore", lang)
    return data_tables.field_label(key or None, lang)


def _choices(file_id: str, mapping: ColumnMapping | None, index: int, preview: SheetPreview) -> dict[str, str]:
    """Return header -> chosen key of the sheet's columns (as the widgets hold them)."""
    prefix = _widget_prefix(file_id, mapping)
    return {
        c.header: str(st.session_state.get(f"{prefix}_{index}_{c.letter}", c.key or EXTRA))
        for c in preview.columns
        if c.header
    }


@dataclass(frozen=True)
class FlowKeys:
    """The upload flow's session keys the screen acts on: the pending check (dropped to check again), the message."""

    pending: str
    outcome: str


def _on_recheck(
    keys: FlowKeys, file_id: str, mapping: ColumnMapping | None, index: int, preview: SheetPreview, lang: str
) -> None:
    """Make the mapping of the choices and keep it for the file (the page checks the file again)."""
    current = {c.header: c.key or EXTRA for c in preview.columns if c.header}
    columns: dict[str, str | None] = {}
    if mapping is not None and all(h in current for h, _k in mapping.columns):
        columns = dict(mapping.columns)  # the mapping given before, applied to this sheet: build on it
    for header, chosen in _choices(file_id, mapping, index, preview).items():
        if chosen != current[header]:
            columns[header] = None if chosen in (EXTRA, IGNORE) else chosen
    if not columns:
        say_later(keys.outcome, "info", t("map.nothing", lang))
        return
    try:
        mapping_from_dict({"columns": columns})
    except MappingError as exc:  # its message quotes the file's headers: user text, escaped
        say_later(keys.outcome, "error", escape_markdown(exc.message(lang)))
        return
    st.session_state[MAPPING_KEY] = (file_id, {"columns": columns})
    st.session_state.pop(keys.pending, None)  # check the file again, with the mapping


def _on_clear(keys: FlowKeys, lang: str) -> None:
    st.session_state.pop(MAPPING_KEY, None)
    st.session_state.pop(keys.pending, None)
    say_later(keys.outcome, "info", t("map.cleared", lang))


def _sheet_choice(result: ImportResult, lang: str) -> tuple[int, SheetPreview] | None:
    previews = result.previews
    if not previews:
        return None
    first = next((i for i, p in enumerate(previews) if not p.read), 0) if not result.ok else 0
    names = [p.name for p in previews]
    if st.session_state.get(SHEET_WIDGET) not in names:
        st.session_state[SHEET_WIDGET] = names[first]
    name = st.selectbox(t("map.sheet", lang), names, key=SHEET_WIDGET)
    index = names.index(name)
    return index, previews[index]


def mapping_section(result: ImportResult, file_id: str, keys: FlowKeys, lang: str) -> None:
    """Draw the column-mapping screen for the checked file `file_id` (its result carries the previews)."""
    mapping = mapping_for(file_id)
    uses = data_tables.mappings_used(result, lang)
    if len(uses):
        st.caption(t("map.used", lang))
        table(uses, key="map_used")
    chosen = _sheet_choice(result, lang)
    if chosen is None:
        st.caption(t("map.no_preview", lang))
        return
    index, preview = chosen
    st.caption(t("map.help_read" if preview.read else "map.help_unread", lang, row=preview.header_row))
    table(data_tables.preview_table(preview, lang), key="map_preview")
    options = [EXTRA, IGNORE, *SOURCE_KEYS]
    prefix = _widget_prefix(file_id, mapping)
    columns = st.columns(3)
    for n, column in enumerate(c for c in preview.columns if c.header):
        with columns[n % 3]:
            st.selectbox(
                f"{column.letter} · {escape_markdown(column.header)}",  # a header is user text
                options,
                index=options.index(column.key or EXTRA),
                format_func=lambda key: _label(key, lang),
                key=f"{prefix}_{index}_{column.letter}",
            )
    left, right = st.columns([3, 1])
    with left:
        st.button(
            t("map.recheck", lang),
            key="map_recheck",
            type="primary",
            on_click=_on_recheck,
            args=(keys, file_id, mapping, index, preview, lang),
            width="stretch",
        )
    with right:
        if mapping is not None:
            st.button(t("map.clear", lang), key="map_clear", on_click=_on_clear, args=(keys, lang), width="stretch")
