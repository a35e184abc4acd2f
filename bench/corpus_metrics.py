"""How close one parse comes to its expectation: pure functions, no Django, no I/O.

    score(expected, parsed, layout=None) -> dict

`expected` is a `b<NN>.expected.json` dict, `parsed` the importer's `to_json_dict()` (None when the
importer raised: every recall then counts zero). Every text is compared after removing all white
space and nothing else: no character is rewritten (a radical U+2F00 never equals 一 U+4E00).

The result holds each metric's value (ratios in 0..1, 1.0 when there is nothing to measure; counts
as ints), `fractions` {metric: [numerator, denominator]} so callers can micro-average, and
`details` (missing sentences, wrong paragraphs, heading mismatches…) for debugging.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict

# Metrics that are shares (micro-averaged over inputs by summing numerators and denominators).
RATIOS = (
    "articles",
    "sentence_recall",
    "order",
    "para_recall",
    "para_precision",
    "kind_accuracy",
    "headings",
    "heading_precision",
    "tables",
    "metadata",
    "categories",
    "bulletin_metadata",
    "start_pages",
)
# Metrics that are counts (summed over inputs); `sentences` is the size of the expectation.
COUNTS = ("crash", "sentences", "extra_articles", "duplicates", "radicals", "furniture")

ARTICLE_FIELDS = ("doc_number", "subtitle", "speaker", "addressee", "issuer", "signed_on")
BULLETIN_FIELDS = ("gazette", "year", "issue", "total_issue", "published")
# Block kinds that are not "paragraph-like" for the block-boundary metrics.
NOT_PARAGRAPH = ("heading", "table")

_WHITE = re.compile(r"\s+")
# A sentence ends at 。！？；(one or more) and keeps the closing quotes/brackets printed right after.
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]+[”’」』）)】〕》〉]*|[^。！？；]+")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－―─~～]*\d+[-—–－―─~～]*|第\d+页)$")
_SEP = "\x00"


def norm(value) -> str:
    """A value as white-space-free text; None is ""."""
    if value is None:
        return ""
    return _WHITE.sub("", str(value))


def is_radical(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF


def split_sentences(text: str) -> list[str]:
    """Sentences of one text (white space kept; caller normalizes): cut after 。！？；."""
    return [piece for piece in _SENTENCE.findall(text or "") if piece.strip()]


def table_text(block: dict) -> str:
    """A table block's text; rebuilt from its rows (cells by spaces, rows by line breaks) if absent."""
    if block.get("text"):
        return block["text"]
    return "\n".join(" ".join(str(cell) for cell in row) for row in block.get("rows") or [])


def block_text(block: dict) -> str:
    return table_text(block) if block.get("kind") == "table" else (block.get("text") or "")


def block_sentences(block: dict) -> list[str]:
    """White-space-free sentences of one block; a table's text is also cut at its line breaks."""
    text = block_text(block)
    pieces = text.split("\n") if block.get("kind") == "table" else [text]
    result = []
    for piece in pieces:
        for sentence in split_sentences(piece):
            sentence = norm(sentence)
            if sentence:
                result.append(sentence)
    return result


def table_rows(block: dict) -> tuple:
    return tuple(tuple(norm(cell) for cell in row) for row in block.get("rows") or [])


def is_furniture_block(text: str, furniture: list[str]) -> bool:
    """A block that is only a running head or only a page number (— 3 —, - 3 -, 第3页, 3)."""
    text = norm(text)
    return bool(text) and (bool(_PAGE_NUMBER.match(text)) or text in furniture)


def _furniture_inside(blocks: list[dict], furniture: list[str]) -> Counter:
    """Occurrences of each furniture string inside blocks that are more than furniture."""
    counts: Counter = Counter()
    for block in blocks:
        text = norm(block_text(block))
        if is_furniture_block(text, furniture):
            continue
        for item in furniture:  # longest first
            found = text.count(item)
            if found:
                counts[item] += found
                text = text.replace(item, _SEP)
    return counts


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _blocks(doc: dict) -> list[dict]:
    return [block for article in doc.get("articles") or [] for block in article.get("blocks") or []]


def _occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of non-overlapping occurrences."""
    found = []
    start = haystack.find(needle)
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + len(needle))
    return found


def _match_articles(expected: list[dict], parsed: list[dict]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (expected index, parsed index) by white-space-free title, in order; then the unmatched."""
    free: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(parsed):
        free[norm(article.get("title"))].append(index)
    pairs, missing = [], []
    for index, article in enumerate(expected):
        candidates = free.get(norm(article.get("title")))
        if candidates:
            pairs.append((index, candidates.pop(0)))
        else:
            missing.append(index)
    used = {p for _, p in pairs}
    extra = [index for index in range(len(parsed)) if index not in used]
    return pairs, missing, extra


def _order(sequence: list[list[int]]) -> tuple[int, int]:
    """Consecutive pairs whose chosen output positions increase, choosing for each sentence the
    occurrence that keeps the most pairs in order (a small dynamic programme); and the pair count."""
    if len(sequence) < 2:
        return 0, 0
    positions = sequence[0]
    best = [0] * len(positions)
    for current in sequence[1:]:
        prefix, running = [], -1
        for value in best:
            running = max(running, value)
            prefix.append(running)
        overall = prefix[-1]
        new_best = []
        for position in current:
            cut = bisect.bisect_left(positions, position)  # previous occurrences strictly before
            new_best.append(max(overall, prefix[cut - 1] + 1) if cut else overall)
        positions, best = current, new_best
    return max(best), len(sequence) - 1


def _pair_by_kind(expected_kinds: list[str], parsed_kinds: list[str]) -> list[tuple[str, str]]:
    """Match equal-text blocks one to one, same kinds first."""
    left, right = Counter(expected_kinds), Counter(parsed_kinds)
    pairs = []
    for kind in list(left):
        same = min(left[kind], right[kind])
        pairs += [(kind, kind)] * same
        left[kind] -= same
        right[kind] -= same
    rest_left = list(left.elements())
    rest_right = list(right.elements())
    pairs += list(zip(rest_left, rest_right))
    return pairs


EMPTY_PARSE = {"gazette": None, "year": None, "issue": None, "total_issue": None, "published": None, "articles": []}


def layout_base(layout: str | None) -> str:
    """'a4-notoc.layout.txt' -> 'a4-notoc' (the key of expected["start_pages"])."""
    return (layout or "").split(".", 1)[0]


def score(expected: dict, parsed: dict | None, layout: str | None = None) -> dict:
    """All metrics of one parse against its expectation (see the module docstring)."""
    crashed = parsed is None
    parsed = EMPTY_PARSE if parsed is None else parsed
    fractions: dict[str, list[int]] = {}
    details: dict[str, list] = {}

    exp_articles = expected.get("articles") or []
    got_articles = parsed.get("articles") or []
    exp_blocks = _blocks(expected)
    got_blocks = _blocks(parsed)

    # Articles, by exact (white-space-free) title.
    pairs, missing_articles, extra_articles = _match_articles(exp_articles, got_articles)
    fractions["articles"] = [len(pairs), len(exp_articles)]
    details["missing_articles"] = [exp_articles[i].get("title", "") for i in missing_articles]
    details["extra_articles"] = [got_articles[i].get("title", "") for i in extra_articles]

    # Sentences: found whole inside one parsed block, counted, ordered.
    got_joined = _SEP.join(norm(block_text(block)) for block in got_blocks)
    exp_joined = _SEP.join(norm(block_text(block)) for block in exp_blocks)
    sentences = [sentence for block in exp_blocks for sentence in block_sentences(block)]
    cache: dict[str, list[int]] = {}
    found_positions, missing_sentences = [], []
    for sentence in sentences:
        if sentence not in cache:
            cache[sentence] = _occurrences(got_joined, sentence)
        if cache[sentence]:
            found_positions.append(cache[sentence])
        else:
            missing_sentences.append(sentence)
    fractions["sentence_recall"] = [len(sentences) - len(missing_sentences), len(sentences)]
    duplicates, duplicate_sentences = 0, []
    for sentence, positions in cache.items():
        extra = len(positions) - len(_occurrences(exp_joined, sentence))
        if extra > 0:
            duplicates += extra
            duplicate_sentences.append(sentence)
    fractions["order"] = list(_order(found_positions))
    details["missing_sentences"] = missing_sentences
    details["duplicate_sentences"] = duplicate_sentences

    # Block boundaries: one-to-one matching of equal texts (tables apart).
    exp_by_text: dict[str, list[str]] = defaultdict(list)
    got_by_text: dict[str, list[str]] = defaultdict(list)
    for block in exp_blocks:
        if block.get("kind") != "table":
            exp_by_text[norm(block.get("text"))].append(block.get("kind") or "paragraph")
    for block in got_blocks:
        if block.get("kind") != "table":
            got_by_text[norm(block.get("text"))].append(block.get("kind") or "paragraph")
    matched_exp = matched_got = same_kind = 0
    unmatched_exp: Counter = Counter()
    unmatched_got: Counter = Counter()
    kind_errors = []
    for text in set(exp_by_text) | set(got_by_text):
        exp_kinds, got_kinds = exp_by_text.get(text, []), got_by_text.get(text, [])
        pairs_here = _pair_by_kind(exp_kinds, got_kinds)
        for exp_kind, got_kind in pairs_here:
            if exp_kind not in NOT_PARAGRAPH:
                matched_exp += 1
                if exp_kind == got_kind:
                    same_kind += 1
                else:
                    kind_errors.append({"text": text, "expected": exp_kind, "parsed": got_kind})
            if got_kind not in NOT_PARAGRAPH:
                matched_got += 1
        left = Counter(k for k in exp_kinds if k not in NOT_PARAGRAPH)
        right = Counter(k for k in got_kinds if k not in NOT_PARAGRAPH)
        surplus_exp = sum(left.values()) - sum(1 for e, _ in pairs_here if e not in NOT_PARAGRAPH)
        surplus_got = sum(right.values()) - sum(1 for _, g in pairs_here if g not in NOT_PARAGRAPH)
        if surplus_exp > 0:
            unmatched_exp[text] += surplus_exp
        if surplus_got > 0:
            unmatched_got[text] += surplus_got
    exp_paragraphs = [b for b in exp_blocks if (b.get("kind") or "paragraph") not in NOT_PARAGRAPH]
    got_paragraphs = [b for b in got_blocks if (b.get("kind") or "paragraph") not in NOT_PARAGRAPH]
    fractions["para_recall"] = [matched_exp, len(exp_paragraphs)]
    fractions["para_precision"] = [matched_got, len(got_paragraphs)]
    fractions["kind_accuracy"] = [same_kind, matched_exp]
    details["missing_paragraphs"] = _in_order(exp_paragraphs, unmatched_exp)
    details["extra_paragraphs"] = _in_order(got_paragraphs, unmatched_got)
    details["kind_errors"] = kind_errors

    # Headings: text and level.
    exp_headings = Counter((norm(b.get("text")), b.get("level")) for b in exp_blocks if b.get("kind") == "heading")
    got_headings = Counter((norm(b.get("text")), b.get("level")) for b in got_blocks if b.get("kind") == "heading")
    heading_hits = sum((exp_headings & got_headings).values())
    fractions["headings"] = [heading_hits, sum(exp_headings.values())]
    fractions["heading_precision"] = [heading_hits, sum(got_headings.values())]
    details["missing_headings"] = sorted((exp_headings - got_headings).elements(), key=str)
    details["extra_headings"] = sorted((got_headings - exp_headings).elements(), key=str)

    # Tables: rows equal cell by cell (white-space-free).
    exp_tables = Counter(table_rows(b) for b in exp_blocks if b.get("kind") == "table")
    got_tables = Counter(table_rows(b) for b in got_blocks if b.get("kind") == "table")
    fractions["tables"] = [sum((exp_tables & got_tables).values()), sum(exp_tables.values())]
    details["missing_tables"] = [list(map(list, rows)) for rows in (exp_tables - got_tables).elements()]

    # Metadata: per matched article, and the bulletin's own fields.
    right = total = 0
    metadata_errors = []
    for exp_index, got_index in pairs:
        exp_article, got_article = exp_articles[exp_index], got_articles[got_index]
        for name in ARTICLE_FIELDS:
            total += 1
            want, got = norm(exp_article.get(name)), norm(got_article.get(name))
            if want == got:
                right += 1
            else:
                metadata_errors.append({"title": exp_article.get("title", ""), "field": name, "expected": want, "parsed": got})
    fractions["metadata"] = [right, total]
    bulletin_right = 0
    for name in BULLETIN_FIELDS:
        want, got = norm(expected.get(name)), norm(parsed.get(name))
        if want == got and not crashed:
            bulletin_right += 1
        else:
            metadata_errors.append({"title": "(bulletin)", "field": name, "expected": want, "parsed": got})
    fractions["bulletin_metadata"] = [bulletin_right, len(BULLETIN_FIELDS)]
    details["metadata_errors"] = metadata_errors

    # Categories of matched articles, as the contents page (and a4's running heads) print them; a
    # bulletin without a contents page (a4-notoc) prints none, so there the right category is none.
    printed = layout_base(layout) != "a4-notoc"
    wrong = [(exp_articles[e].get("title", ""), got_articles[g].get("category")) for e, g in pairs
             if (norm(exp_articles[e].get("category")) if printed else "") != norm(got_articles[g].get("category"))]
    fractions["categories"] = [len(pairs) - len(wrong), len(pairs)]
    details["wrong_categories"] = wrong

    # Start pages of matched articles, for this layout when the expectation lists them.
    pages = (expected.get("start_pages") or {}).get(layout_base(layout))
    page_right = page_total = 0
    if pages:
        for exp_index, got_index in pairs:
            if exp_index < len(pages):
                page_total += 1
                page_right += pages[exp_index] == got_articles[got_index].get("start_page")
    fractions["start_pages"] = [page_right, page_total]

    # Radicals (and compatibility ideographs) in the output, beyond those the expectation prints.
    got_radicals = Counter(ch for ch in _all_text(parsed) if is_radical(ch))
    exp_radicals = Counter(ch for ch in _all_text(expected) if is_radical(ch))
    radicals = got_radicals - exp_radicals
    details["radicals"] = sorted(radicals)

    # Furniture: blocks that are a running head or a bare page number, and running heads glued into
    # other blocks (occurrences beyond those the expectation prints: "人事任免" may be both a running
    # head and words of a paragraph).
    furniture_strings = sorted({norm(item) for item in expected.get("furniture") or []} - {""}, key=len, reverse=True)
    whole_got = Counter(t for t in (norm(block_text(b)) for b in got_blocks) if is_furniture_block(t, furniture_strings))
    whole_exp = Counter(t for t in (norm(block_text(b)) for b in exp_blocks) if is_furniture_block(t, furniture_strings))
    whole = whole_got - whole_exp
    exp_texts = {norm(block_text(b)) for b in exp_blocks}
    inside_got = _furniture_inside(got_blocks, furniture_strings)
    inside_exp = _furniture_inside(exp_blocks, furniture_strings)
    inside = inside_got - inside_exp
    suspects = [  # blocks printed differently from the expectation that hold an excess running head
        text for text in (norm(block_text(b)) for b in got_blocks)
        if text not in exp_texts and not is_furniture_block(text, furniture_strings) and any(item in text for item in inside)
    ]
    details["furniture_blocks"] = list(whole.elements()) + suspects
    furniture_count = sum(whole.values()) + sum(inside.values())

    result: dict = {name: _ratio(*fractions[name]) for name in RATIOS}
    result.update(
        crash=int(crashed),
        sentences=len(sentences),
        extra_articles=len(extra_articles),
        duplicates=duplicates,
        radicals=sum(radicals.values()),
        furniture=furniture_count,
        fractions=fractions,
        details=details,
    )
    return result


def _in_order(blocks: list[dict], wanted: Counter) -> list[str]:
    """Texts of `blocks` counted in `wanted`, in reading order."""
    wanted = Counter(wanted)
    result = []
    for block in blocks:
        text = norm(block.get("text"))
        if wanted[text] > 0:
            wanted[text] -= 1
            result.append(text)
    return result


def _all_text(doc: dict):
    """Every text character the parse prints: bulletin name, article fields, block texts/cells."""
    yield from norm(doc.get("gazette"))
    for article in doc.get("articles") or []:
        for name in ("title", "category", *ARTICLE_FIELDS):
            yield from norm(article.get(name))
        for block in article.get("blocks") or []:
            yield from norm(block_text(block))


def empty_totals() -> dict:
    return {"inputs": 0, "seconds": 0.0, "fractions": {name: [0, 0] for name in RATIOS}, **{name: 0 for name in COUNTS}}


def add(totals: dict, result: dict, seconds: float = 0.0) -> dict:
    """Accumulate one input's result into running totals (micro-averages)."""
    totals["inputs"] += 1
    totals["seconds"] += seconds
    for name in RATIOS:
        num, den = result["fractions"][name]
        totals["fractions"][name][0] += num
        totals["fractions"][name][1] += den
    for name in COUNTS:
        totals[name] += result[name]
    return totals


def finish(totals: dict) -> dict:
    """Running totals -> values like score()'s (ratios from summed fractions)."""
    done = {name: _ratio(*totals["fractions"][name]) for name in RATIOS}
    done.update({name: totals[name] for name in COUNTS})
    done.update(inputs=totals["inputs"], seconds=round(totals["seconds"], 3), fractions=totals["fractions"])
    return done
