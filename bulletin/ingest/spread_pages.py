"""Which printed page number each half of a printer's sheet carries, and the pages in printed
order (for text_spreads): a sheet's two numbers stand together at its foot, so the choice is made
where the whole booklet reads best across its page turns, then as the contents page says."""
from __future__ import annotations

import re
from collections import Counter

from .anatomy import squash
from .masthead import TOC_LINE_RE
from .profile import PROFILE


def page_number_value(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def is_contents_entry(text: str) -> bool:
    """A contents entry: title, a leader of two marks or more, page number."""
    m = TOC_LINE_RE.match(text.strip())
    return bool(m and len(m.group("leader").strip()) >= 2)


def printed_order(lines, split, numbers, reader):
    """The pages in printed order, each with its number. A sheet's page numbers stand together
    at its foot, so which page carries which is chosen where the whole bulletin reads best
    across page turns, and where it reads equally well either way, as the contents page says
    (the page each article starts on). Numbered pages go by their numbers; an unnumbered page where booklet
    imposition puts it (the two numbers of a sheet add up to the same sum on every sheet), else
    before the numbered ones in sheet order (cover, contents)."""
    sheets = sorted(split)
    opens = _contents_openings(reader, [half for sheet in sheets for half in split[sheet]])
    options = []
    for sheet in sheets:
        found = numbers[sheet]
        if len(found) == 2:
            options.append([(found[0], found[1]), (found[1], found[0])])
        elif len(found) == 1:
            options.append([(found[0], None), (None, found[0])])
        else:
            options.append([(None, None)])
    best = None
    for choice in _choices(options):
        pages = []
        for sheet, assigned in zip(sheets, choice):
            for half, indices in enumerate(split[sheet]):
                number = assigned[half]
                if indices or number is not None:
                    pages.append((sheet, half, indices, number, page_number_value(lines[number].text) if number is not None else None))
        ordered = _place(pages)
        # how the pages read on across their turns; where that is equal, what the contents say
        value = (sum(reader.turn(a[2], b[2]) for a, b in zip(ordered, ordered[1:])),
                 sum(opens.get((indices[0], printed), 0) for _, _, indices, _, printed in pages
                     if indices and printed is not None))
        if best is None or value > best[0]:
            best = (value, ordered)
    return [(indices + ([number] if number is not None else []), printed) for _, _, indices, number, printed in best[1]]


def _contents_openings(reader, pages: list[list[int]]) -> Counter:
    """(a page's first line, a printed number): how many contents entries say that the article
    whose title opens a line of that page starts on that page number. It decides which page gets
    which number where reading across the page turns does not (the turns read the halves as cut,
    so they speak first: a half that took a line of the other page still reads on from its own)."""
    entries = []
    for page in pages:
        for position, k in enumerate(page):
            m = TOC_LINE_RE.match(reader.texts[k].strip())
            if not (m and is_contents_entry(reader.texts[k])):
                continue
            first = position  # the title's wrapped lines above its leader (long lines, no entry)
            while first > 0 and reader.is_long[page[first - 1]] and not reader.is_entry[page[first - 1]]:
                first -= 1
            title = "".join(squash(reader.texts[j]) for j in page[first:position]) + squash(m.group("title"))
            if len(title) >= PROFILE.spread_title_opening_chars:
                entries.append((title[:PROFILE.spread_title_opening_chars], int(m.group("page"))))
    found: Counter = Counter()
    if not entries:
        return found
    for page in pages:
        if not page or any(reader.is_entry[k] for k in page):
            continue
        texts = [squash(reader.texts[k]) for k in page]
        for position in range(len(page)):
            joined = "".join(texts[position:position + 3])
            for opening, number in entries:
                if joined.startswith(opening):
                    found[(page[0], number)] += 1
    return found


def _choices(options):
    """Every combination of the sheets' options (the first of each past the cap)."""
    if len(options) > PROFILE.spread_max_assigned_sheets:
        yield [o[0] for o in options]
        return
    if not options:
        yield []
        return
    for first in options[0]:
        for rest in _choices(options[1:]):
            yield [first] + rest


def _place(pages):
    """Pages (sheet, half, lines, number line, printed number) in printed order."""
    by_half = {(sheet, half): printed for sheet, half, _, _, printed in pages}
    sums = Counter()
    for sheet in {p[0] for p in pages}:
        pair = [by_half.get((sheet, h)) for h in (0, 1)]
        if None not in pair:
            sums[sum(pair)] += 1
    total = None
    if sums:
        value, count = sums.most_common(1)[0]
        total = value if count * 2 > sum(sums.values()) else None

    def key(page):
        sheet, half, _, _, printed = page
        if printed is not None:
            return (printed, sheet, half)
        partner = by_half.get((sheet, 1 - half))
        if total is not None and partner is not None:
            return (total - partner, sheet, half)
        return (float("-inf"), sheet, half)

    return sorted(pages, key=key)
