"""Placeholder replaced below by the real pipeline."""
def parse_bulletin(data, name="<input>"):
    raise NotImplementedError


def parse_text(text, name="<input>"):
    raise NotImplementedError
