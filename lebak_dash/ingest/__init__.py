"""From an uploaded file to records and issues: reading, the importer, and the isolated worker."""
