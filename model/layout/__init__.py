"""Where each entity stands: the layered layout of a view's structure."""
