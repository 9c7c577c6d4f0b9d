"""Referensi: the OPD and kecamatan lists and the stage map; editors upload a corrected OPD list, activate an
earlier one, or set the IID-to-5D stage map."""

from lebak_dash.ui.datapage import data_setup
from lebak_dash.ui.reflists import reference_section

ctx = data_setup("referensi")
reference_section(ctx)
