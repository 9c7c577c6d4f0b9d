"""What the pages show: the datasets they read and the tables of the data pages."""
