"""What an innovation record is: the workbook contract, value rules, reference lists, diffs."""
