"""Referensi: the OPD and kecamatan lists; editors upload a corrected OPD list or activate an earlier one."""

from lebak_dash.ui.datapage import data_setup
from lebak_dash.ui.reflists import reference_section

ctx = data_setup("referensi")
reference_section(ctx)
