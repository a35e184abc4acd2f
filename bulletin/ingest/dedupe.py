"""Drop repeated columns. The extraction may print a page column twice (here: the whole body);
a column whose text is the same as, or contained in, one already kept is a duplicate. Similar
sentences in different columns are not: only the whole column's text counts. A column of a
few characters ("人。" left at the top of a column) can equal another by chance, so it is a copy
only where its neighbours in the input match the other's too."""
from __future__ import annotations

from .lines import Line

# A column this short (in lines) is too little text to call a copy by containment alone.
MIN_CONTAINED_LINES = 3
# A column with fewer characters than this needs matching neighbours to be called a copy.
MIN_SELF_EVIDENT = 12


def column_key(column: list[Line]) -> str:
    return "".join(line.key for line in column)


def drop_duplicate_columns(columns: list[list[Line]], titles: set[str] = frozenset()) -> tuple[list[list[Line]], list[Line]]:
    """Keep each column's first copy, in input order; return (kept columns, duplicate lines).
    titles: keys of the TOC titles; an article title printed twice is a copy however short."""
    keys = [column_key(c) for c in columns]

    def neighbours(i):
        before = columns[i - 1][-1].key if i > 0 else None
        after = columns[i + 1][0].key if i + 1 < len(columns) else None
        return before, after

    def same(i, j):
        if keys[i] != keys[j]:
            return False
        if len(keys[i]) >= MIN_SELF_EVIDENT or keys[i] in titles or abs(i - j) == 1:
            return True  # long enough to be no accident, a title, or printed twice in a row
        (b1, a1), (b2, a2) = neighbours(i), neighbours(j)
        return (b1 is not None and b1 == b2) or (a1 is not None and a1 == a2)

    # Longest first, so a fragment of a column is recognised inside the full copy.
    order = sorted(range(len(columns)), key=lambda i: (-len(keys[i]), i))
    kept_ids: list[int] = []
    duplicates: list[Line] = []
    for i in order:
        contained = len(columns[i]) >= MIN_CONTAINED_LINES
        if any(same(i, j) or (contained and keys[i] in keys[j]) for j in kept_ids):
            duplicates.extend(columns[i])
        else:
            kept_ids.append(i)
    return [columns[i] for i in sorted(kept_ids)], duplicates


def drop_repeated_runs(lines: list[Line], seen: set[tuple[str, ...]], duplicates: list[Line], run: int = 4) -> list[Line]:
    """Second net, on lines in reading order: a run of `run` lines that already stood earlier
    (in this or a previous article) is a copy whose columns were cut differently from the
    original's, so that neither column equals the other. Its lines go to `duplicates`."""
    kept: list[Line] = []
    keys: list[str] = []
    for line in lines:
        keys.append(line.key)
        kept.append(line)
        if len(keys) >= run:
            window = tuple(keys[-run:])
            if window in seen and len(window[0]) > 2:
                # the whole window repeats: drop it, and keep dropping while the copy goes on
                for _ in range(run):
                    duplicates.append(kept.pop())
                    keys.pop()
                continue
            seen.add(window)
    return kept
