"""Drop repeated columns. The extraction may print a page column twice (here: the whole body);
a column whose text is the same as, or contained in, one already kept is a duplicate. Similar
sentences in different columns are not: only the whole column's text counts."""
from __future__ import annotations

from .lines import Line

# A column this short (in lines) is too little text to call a copy by containment alone.
MIN_CONTAINED_LINES = 3


def column_key(column: list[Line]) -> str:
    return "".join(line.key for line in column)


def drop_duplicate_columns(columns: list[list[Line]]) -> tuple[list[list[Line]], list[Line]]:
    """Keep each column's first copy, in input order; return (kept columns, duplicate lines)."""
    keys = [column_key(c) for c in columns]
    # Longest first, so a fragment of a column is recognised inside the full copy.
    order = sorted(range(len(columns)), key=lambda i: (-len(keys[i]), i))
    kept_ids: list[int] = []
    duplicates: list[Line] = []
    for i in order:
        key = keys[i]
        contained = len(columns[i]) >= MIN_CONTAINED_LINES
        if any(key == keys[j] or (contained and key in keys[j]) for j in kept_ids):
            duplicates.extend(columns[i])
        else:
            kept_ids.append(i)
    return [columns[i] for i in sorted(kept_ids)], duplicates
