"""Drop repeated columns. The extraction may print a page column twice (here: the whole body);
a column whose text is the same as, or contained in, one already kept is a duplicate. Similar
sentences in different columns are not: only the whole column's text counts. A column of a
few characters ("人。" left at the top of a column) can equal another by chance, so it is a copy
only where its neighbours in the input match the other's too, where both copies follow the same
page furniture (「- 7 -」 and the running head: the same printed page) found nowhere else, or where
the whole body is printed twice and it is found exactly twice."""
from __future__ import annotations

from collections import Counter

from .lines import Line
from .profile import PROFILE

# A column this short (in lines) is too little text to call a copy by containment alone.
MIN_CONTAINED_LINES = 3
# A column with fewer characters than this needs matching neighbours to be called a copy.
MIN_SELF_EVIDENT = 12


def column_key(column: list[Line]) -> str:
    return "".join(line.key for line in column)


def page_contexts(columns: list[list[Line]], furniture: dict[int, str]) -> list[tuple[str, ...]]:
    """For each column (in input order), the furniture lines printed between the column before
    it and itself (page number, running head), by key; empty where it follows a column directly."""
    marks = sorted(furniture.items())
    contexts, previous_end = [], -1
    for column in columns:
        start = column[0].index
        contexts.append(tuple(key for index, key in marks if previous_end < index < start))
        previous_end = max(line.last_index for line in column)
    return contexts


def drop_duplicate_columns(columns: list[list[Line]], titles: Counter | None = None,
                           contexts: list[tuple[str, ...]] | None = None) -> tuple[list[list[Line]], list[Line]]:
    """Keep each column's first copy, in input order; return (kept columns, duplicate lines).
    titles: how many times the TOC lists each title (by key). A title listed once and printed
    twice is a copy however short; one listed twice (two documents of one name) is a copy only
    with the evidence a short column needs, however long.
    contexts: page_contexts() of the columns; a page context printed exactly twice in the input
    is one page and its copy."""
    keys = [column_key(c) for c in columns]
    titles = titles or Counter()
    contexts = contexts or [()] * len(columns)
    context_count = Counter(contexts)

    def same_page(i, j):
        return bool(contexts[i]) and contexts[i] == contexts[j] and context_count[contexts[i]] == 2

    def neighbours(i):
        before = columns[i - 1][-1].key if i > 0 else None
        after = columns[i + 1][0].key if i + 1 < len(columns) else None
        return before, after

    printed = Counter(keys)
    long_chars = [0, 0]  # characters of the self-evident columns seen, and of those found copies

    def body_doubled() -> bool:
        return long_chars[0] > 0 and long_chars[1] >= PROFILE.doubled_body_share * long_chars[0]

    def same(i, j):
        if keys[i] != keys[j]:
            return False
        listed = titles[keys[i]]
        if abs(i - j) == 1 or listed == 1 or (len(keys[i]) >= MIN_SELF_EVIDENT and listed == 0):
            return True  # printed twice in a row, a title listed once, or long enough to be no accident
        (b1, a1), (b2, a2) = neighbours(i), neighbours(j)
        if (b1 is not None and b1 == b2) or (a1 is not None and a1 == a2) or same_page(i, j):
            return True
        # The whole body printed twice: a short column found exactly twice is a page and its copy.
        return not listed and printed[keys[i]] == 2 and body_doubled()

    # Longest first, so a fragment of a column is recognised inside the full copy (and the long
    # columns have shown whether the body is printed twice before the short ones are weighed).
    order = sorted(range(len(columns)), key=lambda i: (-len(keys[i]), i))
    kept_ids: list[int] = []
    duplicates: list[Line] = []
    for i in order:
        contained = len(columns[i]) >= MIN_CONTAINED_LINES
        copy = any(same(i, j) or (contained and keys[i] in keys[j]) for j in kept_ids)
        if len(keys[i]) >= MIN_SELF_EVIDENT:
            long_chars[0] += len(keys[i])
            long_chars[1] += len(keys[i]) * copy
        if copy:
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
