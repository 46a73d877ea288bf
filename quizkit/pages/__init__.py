"""Pages the plugin generates: one module per kind of page, the shared pieces in ``common``."""
