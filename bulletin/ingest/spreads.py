"""The reading-order repair for extractions of printer spreads (the sample's kind): the body cut
into page columns, copies dropped, the columns put back in reading order from the text itself
(columns, dedupe, continuity, order), then the articles built. It runs only where the text shows
such an extraction (pipeline.parse_text); it loads jieba's dictionary, which nothing else needs."""
from __future__ import annotations

from collections import Counter

from .columns import full_width, mark_column_widths, merge_orphans, split_columns
from .continuity import ContinuityModel
from .dedupe import drop_duplicate_columns, drop_repeated_runs, page_contexts
from .document import Ledger, ParsedBulletin, TocEntry
from .errors import IngestError
from .frontmatter import read_front_matter
from .furniture import find_furniture
from .limits import MAX_SPREAD_COLUMNS
from .lines import Line, match_key, read_lines
from .numbering import count_numbering_breaks, numbered_starts
from .order import restore_reading_order
from .structure import build_article, title_length


class SpreadsTooLarge(Exception):
    """More columns than the reading-order repair can weigh in bounded time (limits.py)."""


def parse_printer_spreads(text: str, name: str = "<input>") -> ParsedBulletin:
    """The reading-order repair for printer spreads (booklet imposition, doubled columns): columns
    cut, copies dropped, the order restored from the text (see order.py)."""
    lines = read_lines(text)
    if not lines:
        raise IngestError(f"{name}: 文件中没有文字")
    front = read_front_matter(lines, name)
    furniture = find_furniture(lines, front.gazette, exclude=front.line_indices)
    body = [line for line in lines if line.index not in front.line_indices and line.index not in furniture]
    if not body:
        raise IngestError(f"{name}: 找到了刊头，但其后没有正文")
    width = full_width(body)
    body = merge_orphans(body, width)
    model = ContinuityModel(line.text for line in body)

    columns = _split_at_titles(split_columns(body, model, width), front.toc)
    mark_column_widths(columns, width)
    contexts = page_contexts(columns, {index: match_key(lines[index].text) for index in furniture})
    listed = Counter(match_key(entry.title) for entry in front.toc)
    unique, duplicate_lines = drop_duplicate_columns(columns, listed, contexts)
    if len(unique) > MAX_SPREAD_COLUMNS:
        raise SpreadsTooLarge(f"正文分成 {len(unique)} 栏，超过印刷拼版顺序修复能处理的 {MAX_SPREAD_COLUMNS} 栏")
    titles = _title_columns(unique, front.toc)
    chains = restore_reading_order(unique, titles, model, width)

    warnings: list[str] = []
    articles = []
    seen_runs: set[tuple[str, ...]] = set()
    kept: list[Line] = []
    for chain in chains:
        chain_lines = drop_repeated_runs([line for column in chain.columns for line in unique[column]], seen_runs, duplicate_lines)
        kept += chain_lines
        entry = front.toc[chain.title] if chain.title is not None else None
        article = build_article(chain_lines, entry, width)
        for before, after in chain.weak_joins:
            warnings.append(
                f"《{article.title}》：以「{unique[after][0].text[:14]}」开头的一栏仅凭版面和编号接在"
                f"「…{unique[before][-1].text[-14:]}」之后（两处之间没有词语相连），请核对此处的阅读顺序"
            )
        breaks = count_numbering_breaks(numbered_starts(chain_lines))
        if breaks:
            warnings.append(f"《{article.title}》：有 {breaks} 处编号不连续（标题或一是、二是缺漏或错位）")
        articles.append(article)
    found = {chain.title for chain in chains}
    for position, entry in enumerate(front.toc):
        if position not in found:
            warnings.append(f"目录条目《{entry.title}》（第{entry.page}页）在正文中没有找到")

    ledger = _ledger(lines, front.line_indices, furniture, duplicate_lines, kept, name)
    return ParsedBulletin(
        gazette=front.gazette,
        year=front.year,
        issue=front.issue,
        total_issue=front.total_issue,
        published=front.published,
        articles=articles,
        toc=front.toc,
        ledger=ledger,
        warnings=warnings,
    )


def _split_at_titles(columns: list[list[Line]], toc: list[TocEntry]) -> list[list[Line]]:
    """An article title inside a column starts a column of its own (it opens an article)."""
    result = []
    for column in columns:
        start = 0
        for pos in range(1, len(column)):
            if any(title_length(column, pos, entry.title) for entry in toc):
                result.append(column[start:pos])
                start = pos
        result.append(column[start:])
    return result


def _title_columns(columns: list[list[Line]], toc: list[TocEntry]) -> dict[int, int]:
    titles: dict[int, int] = {}
    for position, entry in enumerate(toc):
        for column_id, column in enumerate(columns):
            if column_id not in titles and title_length(column, 0, entry.title):
                titles[column_id] = position
                break
    return titles


def _ledger(lines: list[Line], front: set[int], furniture: set[int], duplicates: list[Line], kept: list[Line], name: str) -> Ledger:
    """Each count from the lines its set holds (an orphan line merged into another counts with
    it); the sets must be disjoint and cover every input line."""
    sets = [set(front), set(furniture), {i for line in duplicates for i in (line.index, *line.absorbed)},
            {i for line in kept for i in (line.index, *line.absorbed)}]
    union = set().union(*sets)
    if sum(len(s) for s in sets) != len(union) or union != {line.index for line in lines} | {
            i for line in lines for i in line.absorbed}:
        raise IngestError(f"{name}: 内部错误：行账不平（{[len(s) for s in sets]}，共 {len(lines)} 行）")
    return Ledger(lines=len(union), front_matter=len(sets[0]), furniture=len(sets[1]), duplicate=len(sets[2]), kept=len(sets[3]))
