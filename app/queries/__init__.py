"""The query layer: the only code that reads the archive. Routes call it; it knows no HTML."""
