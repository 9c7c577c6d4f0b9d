"""Unggah Data (editors only): upload a workbook, read the report and the changes, apply or cancel."""

from lebak_dash.ui.access import require_editor
from lebak_dash.ui.datapage import active_caption, data_setup
from lebak_dash.ui.upload import upload_section

ctx = data_setup("unggah")
require_editor(ctx.lang)  # stops here for viewers (login form, or how to create the first editor)
active_caption(ctx.store, ctx.lang)
upload_section(ctx)
