"""Riwayat: every version; editors download originals, undo with a confirmation, read the audit log."""

from lebak_dash.ui.datapage import active_caption, data_setup
from lebak_dash.ui.history import history_section

ctx = data_setup("riwayat")
active_caption(ctx.store, ctx.lang)
history_section(ctx)
