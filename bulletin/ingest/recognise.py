"""The one recogniser: the attributed line model of any input (PDF, text, -layout text) into a
parsed bulletin. Masthead and contents, furniture that text input leaves, title blocks that open
articles and embedded documents, then each document's typed blocks. Every input line is
accounted for (front matter, furniture, duplicate, kept), and every kept character is checked to
reach the output exactly once."""
from __future__ import annotations

from bisect import bisect_left

from .anatomy import TOC_HEAD_RE, doc_type_of, has_sentence_end, parse_date, squash
from .blocks import assign_levels, classify, group_lines
from .document import Article, Block, Ledger, ParsedBulletin, TocEntry
from .errors import IngestError
from .layout import Layout, PageLine
from .masthead import TOC_LINE_RE, TRAILING_LEADER_RE, is_masthead_line, read_contents, read_masthead
from .profile import PROFILE
from .text_furniture import mark_text_furniture
from .titles import TitleSpan, find_titles


def recognise(layout: Layout, name: str = "<input>") -> ParsedBulletin:
    lines = layout.lines
    if not lines:
        raise IngestError(f"{name}: 文件中没有文字")
    limit = min(len(lines), PROFILE.front_matter_max_lines)
    masthead = read_masthead(lines, name, limit)
    toc, front = _front_matter(lines, limit, masthead.gazette)
    # Text needs its furniture found; a PDF's was measured, but a section name heading a page
    # once is not repeated often enough for the geometry to call it a running head.
    mark_text_furniture(layout, masthead.gazette, front, {squash(entry.category) for entry in toc if entry.category})
    body = [i for i, line in enumerate(lines) if i not in front and not line.furniture]
    if not toc:
        body, cover = _split_cover(lines, body, masthead.gazette)
        front |= cover
    if not body:
        raise IngestError(f"{name}: 找到了刊头，但其后没有正文")
    spans = find_titles(layout, body, [entry.title for entry in toc])
    articles, kept = _articles(layout, body, spans, toc)
    warnings = list(layout.warnings) + _toc_warnings(toc, articles)
    ledger = _ledger(layout, front, kept, name)
    _check_characters(lines, kept, articles, name)
    return ParsedBulletin(
        gazette=masthead.gazette, year=masthead.year, issue=masthead.issue, total_issue=masthead.total_issue,
        published=masthead.published, articles=articles, toc=toc, ledger=ledger, warnings=warnings,
    )


def _front_matter(lines: list[PageLine], limit: int, gazette: str | None) -> tuple[list[TocEntry], set[int]]:
    """The cover and contents pages: everything up to the contents' last entry."""
    for i in range(limit):
        text = lines[i].text.strip()
        if lines[i].furniture:
            continue
        m = TOC_LINE_RE.match(text)
        leader = m and len(m.group("leader").strip()) >= 2 or TRAILING_LEADER_RE.search(text)
        if TOC_HEAD_RE.match(text) or leader and not has_sentence_end(text):
            # (the first entry may come before the 目录 head in reading order: a head set apart)
            start = i + 1 if TOC_HEAD_RE.match(text) else _category_before(lines, _title_start(lines, i))
            entries, _, end = read_contents(lines, start, limit, gazette)
            if entries:
                return entries, {k for k in range(end) if not lines[k].furniture}
            break
    return [], set()


def _title_start(lines: list[PageLine], i: int) -> int:
    """An entry's title may wrap: its first line is the line before a leader line that has no
    page number of its own and no sentence."""
    if i > 0 and not TOC_LINE_RE.match(lines[i].text.strip()) and not has_sentence_end(lines[i - 1].text) \
            and len(squash(lines[i - 1].text)) > PROFILE.category_max_chars:
        return i - 1
    return i


def _category_before(lines: list[PageLine], i: int) -> int:
    """A contents page may open with a category line before its first entry."""
    return i - 1 if i > 0 and len(squash(lines[i - 1].text)) <= PROFILE.category_max_chars and not has_sentence_end(lines[i - 1].text) else i


def _split_cover(lines: list[PageLine], body: list[int], gazette: str | None) -> tuple[list[int], set[int]]:
    """Without a contents page, the masthead (and short cover lines with it) opens the body."""
    cover: set[int] = set()
    for position, i in enumerate(body):
        text = lines[i].text
        if is_masthead_line(text, gazette):
            cover.add(i)
            continue
        if position < 6 and len(squash(text)) <= 20 and not has_sentence_end(text) and _masthead_follows(lines, body[position + 1:position + 4], gazette):
            cover.add(i)  # a slogan or motto printed among the masthead lines
            continue
        break
    return [i for i in body if i not in cover], cover


def _masthead_follows(lines: list[PageLine], indices: list[int], gazette: str | None) -> bool:
    return any(is_masthead_line(lines[i].text, gazette) for i in indices)


def _articles(layout: Layout, body: list[int], spans: list[TitleSpan], toc: list[TocEntry]) -> tuple[list[Article], list[int]]:
    lines = layout.lines
    articles: list[Article] = []
    kept: list[int] = []
    first = spans[0].start if spans else None
    if first is None or first > body[0]:
        # Text before the first title: an article whose title the page does not show.
        end = bisect_left(body, first) if first is not None else len(body)
        articles.append(Article(title="（无标题）"))
        _fill(articles[-1], layout, body[:end], kept)
    by_title = {squash(entry.title): entry for entry in toc}
    for n, span in enumerate(spans):
        title_at, body_at = bisect_left(body, span.start), bisect_left(body, span.end)
        stop = bisect_left(body, spans[n + 1].start) if n + 1 < len(spans) else len(body)
        kept += body[title_at:body_at]
        if span.article or not articles:
            entry = by_title.get(squash(span.text))
            articles.append(Article(title=span.text, category=entry.category if entry else "",
                                    start_page=entry.page if entry else lines[span.start].printed_page,
                                    doc_type=doc_type_of(span.text)))
        else:
            articles[-1].blocks.append(Block("doc_title", span.text))
        _fill(articles[-1], layout, body[body_at:stop], kept)
    for article in articles:
        assign_levels(article.blocks)
        _metadata(article)
    return articles, kept


def _fill(article: Article, layout: Layout, indices: list[int], kept: list[int]) -> None:
    if not indices:
        return
    lines = [layout.lines[i] for i in indices]
    article.blocks += classify(group_lines(lines, layout.kind), layout.kind)
    kept += indices


def _metadata(article: Article) -> None:
    for block in article.blocks:
        if block.kind == "doc_title":
            break  # the embedded document's own 文号 and dates are not the article's
        if block.kind in ("doc_number", "subtitle", "speaker", "addressee") and not getattr(article, block.kind):
            setattr(article, block.kind, block.text)
        elif block.kind == "signature" and not article.issuer:
            article.issuer = block.text
        elif block.kind == "date" and article.signed_on is None:
            article.signed_on = parse_date(block.text)


def _toc_warnings(toc: list[TocEntry], articles: list[Article]) -> list[str]:
    found = {squash(a.title) for a in articles}
    warnings = [f"目录条目《{entry.title}》（第{entry.page}页）在正文中没有找到" for entry in toc if squash(entry.title) not in found]
    for article in articles:
        if toc and article.title == "（无标题）":
            first = next((b.text[:20] for b in article.blocks), "")
            warnings.append(f"正文开头「{first}…」之前没有标题，也不在目录中：请核对")
    return warnings


def _ledger(layout: Layout, front: set[int], kept: list[int], name: str) -> Ledger:
    """Counted from the lines each set actually holds; the sets must be disjoint and cover the input."""
    sources = lambda indices: {s for i in indices for s in layout.lines[i].source}  # noqa: E731
    front_src = sources(front)
    furniture_src = sources(i for i, line in enumerate(layout.lines) if line.furniture)
    kept_src = sources(kept)
    duplicate_src = set(layout.duplicate_sources)
    sets = [front_src, furniture_src, kept_src, duplicate_src]
    total = sum(len(s) for s in sets)
    union = set().union(*sets)
    if total != len(union) or union != set(range(layout.input_lines)):
        missing = sorted(set(range(layout.input_lines)) - union)[:5]
        raise IngestError(f"{name}: 内部错误：行账不平（重复计数 {total - len(union)} 行，遗漏的行 {missing}）")
    return Ledger(lines=layout.input_lines, kept=len(kept_src), duplicate=len(duplicate_src),
                  furniture=len(furniture_src), front_matter=len(front_src))


def _check_characters(lines: list[PageLine], kept: list[int], articles: list[Article], name: str) -> None:
    """Every kept character reaches the output exactly once, in order."""
    source = squash("".join(lines[i].text for i in sorted(kept)))
    output = squash("".join(a.title * (a.title != "（无标题）") + "".join(b.text for b in a.blocks) for a in articles))
    if source != output:
        at = next((k for k, (x, y) in enumerate(zip(source, output)) if x != y), min(len(source), len(output)))
        raise IngestError(f"{name}: 内部错误：正文字符核对不符（第 {at} 字附近：「{source[at:at + 12]}」≠「{output[at:at + 12]}」）")
