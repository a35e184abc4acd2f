"""The importer's version, recorded on every bulletin it parses, so stored bulletins parsed by an
older importer can be found and parsed again (`manage.py reparse`).

It is derived from the importer's own source: any change to a module of this package makes a new
version, so nobody has to remember to bump a number.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

RELEASE = "2"  # the JSON contract's generation; the digest tells versions of one generation apart


@lru_cache(maxsize=1)
def importer_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{RELEASE}+{digest.hexdigest()[:12]}"
