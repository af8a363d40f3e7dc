"""The administrative-procedure catalogue: versions, publication, forms and the open API."""
