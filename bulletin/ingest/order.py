"""Put page columns back in reading order.

Columns arrive in printer order (booklet spreads, columns of a spread in any order). Each column
is joined to the one that continues it best, chains first by the strongest evidence, then chain to
chain: an unfinished sentence must go on in a column that does not start a new paragraph and whose
first characters join its last ones as they join elsewhere in the text; numbering goes on
(（七） 一是 → 二是, never 四是 → 二是); an article title begins a chain and nothing runs into it."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .assignment import best_assignment
from .continuity import ContinuityModel
from .lines import Line, continues_something, ends_open, ends_sentence, is_short
from .paragraphs import RUN_IN_LEAD_RE
from .structure import is_title_block_line
from .numbering import Marker, find_marker, numbered_starts, walk_numbering

OPEN_TO_NUMBERED = -5.0  # an unfinished sentence never goes on into a numbered start
NUMBER_FOLLOWS, NUMBER_BREAKS = 1.0, -4.0
INPUT_NEIGHBOURS = 1.0
INPUT_NEXT = 1.0
# A text join this bad is a contradiction: the order as given cannot be the reading order.
CONTRADICTION = -1.5
SAME_SHEET = 0.2
SAME_SPREAD = 4
# Joins at least this good are made first, by a best assignment over all columns.
SURE_JOIN = 1.0
# The summed tie-breaks of an assignment stay below this, far under the smallest evidence step (0.2).
TIE_BREAK = 1e-6
# Local search: runs of up to MAX_RUN columns are moved; at most MAX_PASSES sweeps.
MAX_RUN, MAX_PASSES = 8, 6
# An article does not end in the middle of a sentence.
ENDS_UNFINISHED = -3.0
# The local search's budget, in columns visited by the scorer: the search is cubic in the number
# of columns, so a large input stops improving here (deterministically) and keeps the best
# arrangement found. The sample uses about 0.1 M, a 32-article synthetic booklet 0.6 M; 3 M take about 2 s.
WORK_BUDGET = 3_000_000


@dataclass
class Chain:
    columns: list[int]
    title: int | None = None  # the article (TOC position) whose title opens this chain
    markers: list[Marker] = field(default_factory=list)
    breaks: int = 0
    end: tuple = ()  # (state, kinds seen) after the chain's markers
    weak_joins: list[tuple[int, int]] = field(default_factory=list)  # joins the text did not support

    def refresh(self) -> None:
        self.breaks, _, state, seen = walk_numbering(self.markers)
        self.end = (state, seen)


def restore_reading_order(
    columns: list[list[Line]], titles: dict[int, int], model: ContinuityModel, width: float
) -> list[Chain]:
    """Order columns into one chain per article title (titles: column id -> TOC position).
    Columns are numbered in input order; a column that opens an article starts with its title.
    Returns the chains, each with the scores of the joins made, weakest evidence last."""
    count = len(columns)
    markers = [numbered_starts(column) for column in columns]
    open_ends = {i for i, column in enumerate(columns) if ends_open(column[-1].text, width)}
    texts = [[_text_join(columns[a], columns[b], a in titles, model, width) for b in range(count)] for a in range(count)]
    as_given = _input_order(count, titles)
    if _reads_through(as_given, texts, markers, titles, open_ends):
        # Nothing in the order as extracted contradicts itself: keep it (an extraction in order).
        return [Chain(cols, titles.get(cols[0]), [m for c in cols for m in markers[c]]) for cols in as_given]
    joins = [row[:] for row in texts]
    for a in range(count):
        for b in range(count):
            # The two columns of a page come out next to each other (in either order), the pages
            # of one sheet close together.
            distance = abs(a - b)
            if b == a + 1:
                joins[a][b] += INPUT_NEXT  # most extractions keep most columns in order
            elif distance == 1:
                joins[a][b] += INPUT_NEIGHBOURS
            elif distance <= SAME_SPREAD:
                joins[a][b] += SAME_SHEET
    singles = [Chain([i], titles.get(i), list(markers[i])) for i in range(count)]
    for chain in singles:
        chain.refresh()
    scores = np.array(
        [[joins[a][b] + _numbering_join(singles[a], singles[b]) for b in range(count)] for a in range(count)]
    )
    chains = _sure_chains(scores, singles)
    target = max(1, sum(1 for c in chains if c.title is not None))
    cache: dict[tuple, float] = {}
    while len(chains) > target:
        best = None
        for first in chains:
            for second in chains:
                if first is second or second.title is not None:
                    continue
                key = (tuple(first.columns), tuple(second.columns))
                if key not in cache:
                    cache[key] = joins[first.columns[-1]][second.columns[0]] + _numbering_join(first, second)
                if best is None or cache[key] > best[0]:
                    best = (cache[key], first, second)
        if best is None:
            break
        _, first, second = best
        merged = Chain(first.columns + second.columns, first.title, first.markers + second.markers)
        merged.refresh()
        chains = [c for c in chains if c is not first and c is not second] + [merged]
    chains.sort(key=lambda c: (c.title is None, c.title if c.title is not None else 0))
    # Two starting points, improved alike; the better arrangement wins: the joins made above,
    # and the input order itself (an extraction that was in order all along).
    starts = [[list(c.columns) for c in chains], _input_order(count, titles)]
    scorer = _Scorer(joins, markers, titles, open_ends)
    arrangement = max(
        (_improve(start, joins, markers, titles, open_ends) for start in starts),
        key=lambda arrangement: sum(scorer.value(a) for a in arrangement),
    )
    result = []
    for i, cols in enumerate(arrangement):
        chain = Chain(cols, chains[i].title, [m for c in cols for m in markers[c]])
        chain.weak_joins = [(a, b) for a, b in zip(cols, cols[1:]) if texts[a][b] < 0]
        result.append(chain)
    return result


def _reads_through(arrangement, texts, markers, titles, open_ends) -> bool:
    """Does an arrangement read without a contradiction: no join the text rules out (an
    unfinished sentence into a numbered start or an indented line, a finished one into "…”，"),
    no numbering out of sequence, no article ending mid-sentence, every column placed?"""
    scorer = _Scorer(texts, markers, titles, open_ends)
    placed = sum(len(a) for a in arrangement)
    if placed != len(texts):
        return False
    for article in arrangement:
        if any(texts[a][b] <= CONTRADICTION for a, b in zip(article, article[1:])):
            return False
        if scorer.breaks(article) or (article and article[-1] in open_ends):
            return False
    return True


def _input_order(count: int, titles: dict[int, int]) -> list[list[int]]:
    """Columns as they came, cut where an article title begins, in TOC order (columns before the
    first title go to the first article, after its title)."""
    heads = sorted(titles, key=lambda column: titles[column])
    if not heads:
        return [list(range(count))]
    pieces: dict[int, list[int]] = {head: [head] for head in heads}
    current = heads[0]
    for column in range(count):
        if column in pieces:
            current = column
        else:
            pieces[current].append(column)
    return [pieces[head] for head in heads]


class _Scorer:
    """The value of an arrangement: joins, numbering breaks, unfinished endings. Numbering costs
    a walk over the whole article, so a move is only walked when its joins could pay for it."""

    def __init__(self, joins, markers, titles, open_ends):
        self.joins, self.markers, self.titles, self.open_ends = joins, markers, titles, open_ends
        self._breaks: dict[tuple, int] = {}
        self.work = 0  # columns visited, against WORK_BUDGET

    @property
    def exhausted(self) -> bool:
        return self.work > WORK_BUDGET

    def links(self, article: list[int]) -> float:
        joins = self.joins
        self.work += len(article)
        value = sum(joins[a][b] for a, b in zip(article, article[1:]))
        return value + (ENDS_UNFINISHED if article and article[-1] in self.open_ends else 0.0)

    def breaks(self, article: list[int]) -> int:
        key = tuple(article)
        if key not in self._breaks:
            self.work += len(article)
            # An article read from its title knows every number from the first: (五) cannot open it.
            whole = bool(article) and article[0] in self.titles
            self._breaks[key] = walk_numbering([m for c in article for m in self.markers[c]], strict=whole)[0]
        return self._breaks[key]

    def value(self, article: list[int]) -> float:
        return self.links(article) + NUMBER_BREAKS * self.breaks(article)


def _improve(articles: list[list[int]], joins, markers, titles: dict[int, int], open_ends: set[int]) -> list[list[int]]:
    """Local search over the whole arrangement: move runs of columns to wherever the joins plus
    the numbering of every article read best (the greedy joins cannot see an article's whole
    numbering). Stops when no move helps, or after MAX_PASSES."""
    scorer = _Scorer(joins, markers, titles, open_ends)
    for _ in range(MAX_PASSES):
        improved = False
        for source in range(len(articles)):
            start = 0
            while start < len(articles[source]) and not scorer.exhausted:
                if _move_best_run(articles, source, start, scorer):
                    improved = True
                else:
                    start += 1
        improved |= _move_tails(articles, scorer)
        if not improved or scorer.exhausted:
            break
    return articles


def _move_best_run(articles, source: int, start: int, scorer: _Scorer) -> bool:
    """Move the run of columns starting at `start` in article `source` to its best place, if
    that is better than where it is. Joins are weighed by what a move changes (three joins and
    the article ends); the numbering only when the joins leave it a chance to pay."""
    values: dict[int, float] = {}

    def value(index):
        if index not in values:
            values[index] = scorer.value(articles[index])
        return values[index]

    for length in range(1, MAX_RUN + 1):
        if scorer.exhausted:
            return False
        run = articles[source][start : start + length]
        if len(run) < length or any(c in scorer.titles for c in run):
            return False
        rest = articles[source][:start] + articles[source][start + length :]
        taken_out = scorer.links(rest) - scorer.links(articles[source])
        old_breaks = scorer.breaks(articles[source])
        rest_value = None
        best = None
        for target in range(len(articles)):
            if scorer.exhausted:
                break
            base = rest if target == source else articles[target]
            base_links = scorer.links(base)
            can_save = old_breaks + (0 if target == source else scorer.breaks(base))
            first = 1 if base and base[0] in scorer.titles else 0
            for at in range(first, len(base) + 1):
                if scorer.exhausted:
                    break
                gain_links = _insertion_links(base, base_links, at, run, scorer) - base_links + taken_out
                if gain_links - NUMBER_BREAKS * can_save <= 1e-9:
                    continue  # even mending every numbering break would not pay
                candidate = base[:at] + run + base[at:]
                if target == source:
                    gain = scorer.value(candidate) - value(source)
                else:
                    if rest_value is None:
                        rest_value = scorer.value(rest)
                    gain = rest_value + scorer.value(candidate) - value(source) - value(target)
                if gain > 1e-9 and (best is None or gain > best[0]):
                    best = (gain, target, candidate)
        if best is not None:
            _, target, candidate = best
            if target != source:
                articles[source] = rest
            articles[target] = candidate
            return True
    return False


def _insertion_links(base: list[int], links: float, at: int, run: list[int], scorer: _Scorer) -> float:
    """links(base[:at] + run + base[at:]) from links(base), changing only the joins touched."""
    joins = scorer.joins
    inner = sum(joins[a][b] for a, b in zip(run, run[1:]))
    before = base[at - 1] if at > 0 else None
    after = base[at] if at < len(base) else None
    if before is not None and after is not None:
        links -= joins[before][after]
    if before is not None:
        links += joins[before][run[0]]
    if after is not None:
        links += joins[run[-1]][after]
    else:
        # the run becomes the article's end
        if before is not None and before in scorer.open_ends:
            links -= ENDS_UNFINISHED
        if run[-1] in scorer.open_ends:
            links += ENDS_UNFINISHED
    return links + inner


def _move_tails(articles, scorer: _Scorer) -> bool:
    """Move an article's tail, however long, to the end of another article (a long run that
    greedy joining attached to the wrong article)."""
    moved = False
    for source in range(len(articles)):
        for start in range(1, len(articles[source])):
            if scorer.exhausted:
                return moved
            tail = articles[source][start:]
            if any(c in scorer.titles for c in tail):
                continue
            head = articles[source][:start]
            for target in range(len(articles)):
                if target == source:
                    continue
                candidate = articles[target] + tail
                before = scorer.value(articles[source]) + scorer.value(articles[target])
                if scorer.value(head) + scorer.value(candidate) > before + 1e-9:
                    articles[source], articles[target] = head, candidate
                    moved = True
                    break
    return moved

def _sure_chains(scores: np.ndarray, singles: list[Chain]) -> list[Chain]:
    """First the joins that the best assignment of one successor to every column makes with good
    evidence: a column's best continuation may be claimed by another column that fits it better."""
    count = len(singles)
    gain = scores - SURE_JOIN
    for b, chain in enumerate(singles):
        if chain.title is not None:
            gain[:, b] = 0.0  # nothing runs into an article title
    np.fill_diagonal(gain, 0.0)
    gain[gain < 0] = 0.0
    # Among assignments of equal gain the extraction's own order decides: each positive join is
    # worth a hair more the sooner its column follows in the input (next first), never enough
    # to outweigh any real difference of evidence.
    forward = (np.arange(count)[None, :] - np.arange(count)[:, None]) % count
    hair = np.where(gain > 0, TIE_BREAK / (count * np.maximum(forward, 1)), 0.0)
    rows, cols = best_assignment(gain + hair)
    successor = {a: b for a, b in zip(rows, cols) if gain[a, b] > 0}
    # Break any cycle at its weakest join.
    for start in list(successor):
        seen, node = [], start
        while node in successor and node not in seen:
            seen.append(node)
            node = successor[node]
        if node == start and node in successor:
            weakest = min(seen, key=lambda a: scores[a, successor[a]])
            del successor[weakest]
    predecessors = set(successor.values())
    chains = []
    for head in range(count):
        if head in predecessors:
            continue
        chain = Chain([head], singles[head].title, list(singles[head].markers))
        node = head
        while node in successor:
            node = successor[node]
            chain.columns.append(node)
            chain.markers += singles[node].markers
        chain.refresh()
        chains.append(chain)
    return chains


def _numbering_join(first: Chain, second: Chain) -> float:
    """Numbering across the join: every number the second chain breaks when read after the
    first costs much; the first number following on is a small plus."""
    state, seen = first.end
    breaks, follows, _, _ = walk_numbering(second.markers, state, seen)
    return NUMBER_BREAKS * (breaks - second.breaks) + (NUMBER_FOLLOWS if follows else 0.0)


def starts_paragraph(line: Line, width: float) -> bool:
    """Does this line look like a paragraph's first line (numbered, a dash lead, or short by the
    indent the extraction lost)?"""
    text = line.text
    if find_marker(text) or text.startswith(("——", "—")):
        return True
    width = line.column_width or width
    return not ends_sentence(text) and is_short(text, width)


def _text_join(a: list[Line], b: list[Line], a_is_title_only: bool, model: ContinuityModel, width: float) -> float:
    last, first = a[-1], b[0]
    if a_is_title_only and len(a) == 1:
        if is_title_block_line(first.text):
            return 2.0  # the subtitle, speaker or 文号 line right under the title
        return 1.0 if starts_paragraph(first, width) else 0.0
    if not ends_open(last.text, width):
        if continues_something(first.text):
            return OPEN_TO_NUMBERED  # "…奋斗！" cannot go on with "立”，…"
        if not starts_paragraph(first, width):
            return 0.0
        # A numbered start or a run-in lead sentence (项目建设提速提质。) is a surer paragraph start.
        return 1.0 if find_marker(first.text) or RUN_IN_LEAD_RE.match(first.text) else 0.5
    if find_marker(first.text):
        return OPEN_TO_NUMBERED
    evidence = model.join_score(last.text, first.text)
    if starts_paragraph(first, width):
        evidence -= 2.0  # an unfinished sentence goes on at full width, not on an indented line
    return evidence
