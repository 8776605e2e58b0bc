"""One module per kind of wizard page."""
