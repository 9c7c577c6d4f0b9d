"""Referensi: the OPD and kecamatan lists, the stage map and the region; editors upload a corrected OPD list,
activate an earlier one, set the IID-to-5D stage map, set the region and upload its kecamatan list."""

from lebak_dash.ui.datapage import data_setup
from lebak_dash.ui.reflists import reference_section

ctx = data_setup("referensi")
reference_section(ctx)
