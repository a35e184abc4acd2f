class IngestError(ValueError):
    """Input that cannot be a bulletin. The message says what was wrong and where, in one line."""
