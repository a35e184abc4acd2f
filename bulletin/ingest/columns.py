"""Cut the body into page columns.

The extraction prints a page column's lines in order, but columns follow each other in printer
order, so the body must first be cut where a column ends. Cuts come from what the text gives:
removed furniture and front matter between two lines, a leading space (the extraction's column
mark), the places where a duplicated run of lines stops matching its copy, and the regular column
length (most columns have the same number of lines), placed where the text breaks worst."""
from __future__ import annotations

from collections import Counter, defaultdict

from .continuity import ContinuityModel
from .lines import HANGING_PUNCT, Line, continues_something, ends_open, ends_sentence, is_short, visual_width
from .structure import is_title_block_line
from .numbering import HEADING_KINDS, count_numbering_breaks, find_marker, numbered_starts

MIN_COLUMN, MAX_COLUMN = 8, 80
# Break evidence this strong cuts a column wherever it stands, whatever the regular length.
STRONG_BREAK = 2.0
# Lines repeated in a run this long are a copied column, not a repeated sentence.
MIN_COPY_RUN = 4
# A divisor of the column length is the true length when the text breaks at its extra
# multiples this much more than between any two lines.
DIVISOR_MARGIN = 0.6


def full_width(lines: list[Line], minimum: int = 1) -> float:
    """The column width in em: the most common width of the lines that run from margin to
    margin: lines inside a paragraph (the line before goes on mid-sentence, this one does too),
    never headings, first lines (indented), spanning title lines or lines with a hanging mark.
    0 when fewer than `minimum` lines tell it."""
    widths = Counter(
        round(visual_width(line.text))
        for before, line in zip(lines, lines[1:])
        if not ends_sentence(before.text)
        and not ends_sentence(line.text)
        and not find_marker(before.text)
        and not find_marker(line.text)
        and line.text[-1] not in HANGING_PUNCT  # a closing mark may hang past the margin
    )
    if sum(widths.values()) < max(1, minimum):
        return 0.0
    return float(widths.most_common(1)[0][0])


def _numbered_heading(text: str) -> bool:
    marker = find_marker(text)
    return marker is not None and marker.kind in HEADING_KINDS


def mark_column_widths(columns: list[list[Line]], default: float) -> None:
    """Columns may differ in width (a foreword set wider than the report): each line learns its
    own column's width, or the bulletin's when its column is too short to tell. A column that
    measures narrower than the bulletin is taken at the bulletin's width: numbers pushed to the
    next line leave full lines short, and a few such lines can outvote the rest."""
    for column in columns:
        width = max(full_width(column, minimum=6), default)
        for line in column:
            line.column_width = width


def merge_orphans(body: list[Line], width: float) -> list[Line]:
    """A character or two left alone on a line after a full line that ends mid-sentence (the PDF
    put it on its own baseline) belongs to the line before it."""
    merged: list[Line] = []
    for line in body:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and len(line.text) <= 2
            and not line.indented
            and line.index == prev.last_index + 1
            and not any(c in "。，；：、！？“”（）" for c in line.text)
            and not ends_sentence(prev.text)
            and visual_width(prev.text) >= width - 2
            and not _numbered_heading(prev.text)  # a heading's tail ("务") is a line of its own
        ):
            merged[-1] = Line(prev.index, prev.raw + line.text, prev.text + line.text, prev.indented, prev.absorbed + (line.index,))
            continue
        merged.append(line)
    return merged


def duplicate_partners(body: list[Line]) -> list[set[int]]:
    """For each body position, the other positions holding the same line inside a repeated run
    of at least MIN_COPY_RUN lines: a copied column. A sentence or two that a bulletin repeats
    (a slogan, a formula) is text, not a copy."""
    keys = [line.key for line in body]
    positions: dict[str, list[int]] = defaultdict(list)
    for pos, key in enumerate(keys):
        positions[key].append(pos)
    partners: list[set[int]] = [set() for _ in body]
    seen_runs = set()
    for pos, key in enumerate(keys):
        for other in positions[key]:
            if other == pos or (pos, other) in seen_runs:
                continue
            # follow the run of equal lines that (pos, other) starts or lies in, both ways
            start_a, start_b = pos, other
            while start_a > 0 and start_b > 0 and keys[start_a - 1] == keys[start_b - 1] and start_a - 1 != start_b:
                start_a, start_b = start_a - 1, start_b - 1
            length = 0
            while start_a + length < len(keys) and start_b + length < len(keys) and keys[start_a + length] == keys[start_b + length]:
                seen_runs.add((start_a + length, start_b + length))
                length += 1
            if length >= MIN_COPY_RUN:
                for k in range(length):
                    partners[start_a + k].add(start_b + k)
    return partners


def initial_fragments(body: list[Line]) -> list[list[Line]]:
    partners = duplicate_partners(body)
    fragments: list[list[Line]] = []
    for pos, line in enumerate(body):
        cut = (
            pos == 0
            or line.indented
            or line.index != body[pos - 1].last_index + 1
            or {p + 1 for p in partners[pos - 1]} != partners[pos]
        )
        if cut:
            fragments.append([])
        fragments[-1].append(line)
    return [f for f in fragments if f]


def break_score(before: Line, after: Line, model: ContinuityModel, width: float) -> float:
    """How strongly the text says a column ends between these two lines (positive: a break)."""
    marker = find_marker(after.text)
    if not ends_open(before.text, width):
        if continues_something(after.text):
            return STRONG_BREAK  # a finished sentence cannot go on with "立”，…"
        if is_title_block_line(before.text) and not (marker or is_title_block_line(after.text) or is_short(after.text, width)):
            return STRONG_BREAK  # under a title block the text begins with a paragraph or heading
        # A heading after a finished sentence is where a column may well start.
        return 0.5 if marker is not None and marker.kind in HEADING_KINDS else 0.0
    if marker is not None:
        return STRONG_BREAK  # a sentence left unfinished before a numbered start
    # Characters that stand together elsewhere are a join; unseen pairs say little either way
    # (true joins often fall between two words).
    evidence = model.join_score(before.text, after.text)
    return 0.3 if evidence == 0 else -min(1.5, 0.5 * evidence)


def estimate_column_length(fragments: list[list[Line]], model: ContinuityModel, width: float) -> int | None:
    """The regular column length. A fragment made of whole columns is a multiple of it; a
    shortened page (title block, last page) is a fragment shorter than it but over half of it.
    The length these explain best wins, the longer one on a tie; a divisor of it is taken only
    when the text breaks at the divisor's extra multiples."""
    sizes = [len(f) for f in fragments]
    best = None
    for length in range(MAX_COLUMN, MIN_COLUMN - 1, -1):
        score = sum(1.0 if size % length == 0 else 0.5 if length / 2 <= size < length else 0.0 for size in sizes)
        if score and (best is None or score > best[1]):
            best = (length, score)
    if best is None or best[1] < 2:
        return _periodic_length(fragments, model, width)
    length = best[0]
    baseline = _breaks_at(fragments, 1, length, model, width)
    for divisor in range(length // 2, MIN_COLUMN - 1, -1):
        if length % divisor == 0 and _breaks_at(fragments, divisor, length, model, width) >= baseline + DIVISOR_MARGIN:
            length = divisor
            break
    return length


def _breaks_at(fragments, step: int, not_multiple_of: int, model, width) -> float:
    """Mean break evidence at multiples of step that are not multiples of the coarser length."""
    scores = []
    for fragment in fragments:
        for pos in range(step, len(fragment), step):
            if pos % not_multiple_of:
                scores.append(break_score(fragment[pos - 1], fragment[pos], model, width))
    informative = [s for s in scores if s != 0.0]
    return sum(informative) / len(informative) if len(informative) >= 4 else 0.0


def _periodic_length(fragments, model, width) -> int | None:
    """No cut told the length: take the period whose multiples break the text most."""
    best = None
    for step in range(MIN_COLUMN, MAX_COLUMN + 1):
        evidence = _breaks_at(fragments, step, 10**9, model, width)
        count = sum(len(f) // step for f in fragments)
        if count >= 2 and evidence >= 0.8 and (best is None or evidence > best[1] + 0.2):
            best = (step, evidence)
    return best[0] if best else None


def cut_fragment(fragment: list[Line], length: int | None, model: ContinuityModel, width: float) -> list[list[Line]]:
    """Cut one fragment into columns of the regular length; a remainder makes one short column,
    or two equal ones (a page shortened by a title block), wherever the text breaks worst."""
    n = len(fragment)
    scores = [0.0] + [break_score(fragment[i - 1], fragment[i], model, width) for i in range(1, n)]
    if not length or n <= length:
        return _cut_at_strong_breaks(fragment, scores)
    full, rest = divmod(n, length)
    layouts: list[list[int]] = []
    if rest == 0:
        layouts.append([length] * full)
    # A remainder is one short column, or two equal ones (a page shortened by a title block).
    for k in (full, full - 1) if rest else ():
        rest_k = n - k * length
        if k < 0 or rest_k <= 0:
            continue
        for at in range(k + 1):
            if rest_k < length:
                layouts.append([length] * at + [rest_k] + [length] * (k - at))
            if rest_k % 2 == 0 and rest_k // 2 < length:
                layouts.append([length] * at + [rest_k // 2] * 2 + [length] * (k - at))

    def value(layout):
        cuts, pos = [], 0
        for size in layout[:-1]:
            pos += size
            cuts.append(pos)
        # One short column or two equal ones (a shortened page) cost the same.
        shorts = len({size for size in layout if size != length})
        # A column never breaks its own numbering (四是 followed by 二是 with no heading between).
        broken, pos = 0, 0
        for size in layout:
            broken += count_numbering_breaks(numbered_starts(fragment[pos : pos + size]))
            pos += size
        return sum(scores[c] for c in cuts) - 0.5 * shorts - 1.0 * broken

    best = max(layouts, key=value)
    columns, pos = [], 0
    for size in best:
        columns.extend(_cut_at_strong_breaks(fragment[pos : pos + size], scores[pos : pos + size]))
        pos += size
    return columns


def _cut_at_strong_breaks(column: list[Line], scores: list[float]) -> list[list[Line]]:
    pieces, start = [], 0
    for pos in range(1, len(column)):
        if scores[pos] >= STRONG_BREAK:
            pieces.append(column[start:pos])
            start = pos
    pieces.append(column[start:])
    return pieces


def split_columns(body: list[Line], model: ContinuityModel, width: float) -> list[list[Line]]:
    fragments = initial_fragments(body)
    length = estimate_column_length(fragments, model, width)
    columns: list[list[Line]] = []
    for fragment in fragments:
        columns.extend(cut_fragment(fragment, length, model, width))
    return columns
