"""What a person reads on a page, and the English words in it.

visible_text(): the text nodes of an HTML page plus the attributes a reader sees or hears (title,
placeholder, aria-label, alt, the value of buttons and read-only boxes), without <script>, <style>,
<code> and <pre> (code), and without hidden inputs.

english_words(): ASCII words left once what is legitimately Latin is taken out: URLs and paths,
file names, hex digests, query-syntax filters (year:2024), numbers with units, and the small
allow-list below. Every entry says why it is a name, not English prose.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED = {
    # File and encoding formats, named as the editor sees them on the file and in the importer's docs.
    "PDF", "UTF", "GB", "GBK", "BOM", "PNG", "JPEG", "GIF", "TIFF", "RIFF", "WebP", "WAV", "ZIP", "RTF",
    "OFD", "RAR", "Word", "Excel", "Windows", "gzip", "Zip",
    "SHA",  # the digest's algorithm, SHA-256
    "JSON",  # the data format the article and search pages also answer in
    "OpenAPI",  # the format of the API's machine-readable description, named on its reference page
    "KB", "MB",  # size units next to numbers
    "OR",  # the search syntax's alternative operator, shown in the search box's example
    "Atom", "RSS",  # feed formats, named on the feed links as feed readers name them
}
SKIP_TAGS = {"script", "style", "code", "pre", "template", "noscript"}
VISIBLE_ATTRS = {"title", "placeholder", "aria-label", "alt"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

STRIP = [
    re.compile(r"https?://\S+"),  # addresses (citations, permanent links)
    re.compile(r"(?<![\w/])/[\w./#?=&%-]*"),  # site paths /jilin/2024/1/
    re.compile(r"[\w.+-]+\.(?:txt|pdf|json|xml|html)\b", re.I),  # file names
    re.compile(r"(?<![\w.])\.[A-Za-z0-9]{1,5}\b"),  # a file name's ending (.txt, .pdf)
    re.compile(r"\b[0-9a-f]*\d[0-9a-f]*[a-f][0-9a-f]*\b|\b[0-9a-f]*[a-f][0-9a-f]*\d[0-9a-f]*\b"),  # digests, versions
    re.compile(r"\b[A-Za-z_]+:\S*"),  # query filters (year:2024, gazette:jilin)
]
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIP_TAGS and tag not in VOID:
            self.skip += 1
            self.stack.append(tag)
        elif tag not in VOID:
            self.stack.append(tag)
        if self.skip:
            return
        for name in VISIBLE_ATTRS:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            top = self.stack.pop()
            if top in SKIP_TAGS:
                self.skip -= 1
            if top == tag:
                break

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return "\n".join(p for p in collector.parts if p.strip())


def words_in(text: str) -> set[str]:
    """The ASCII words of a text (used for the bulletins' own printed text: content, not messages)."""
    return set(WORD.findall(text))


def english_words(text: str, names: set[str] = frozenset()) -> list[str]:
    """ASCII words in ``text`` that are neither allowed nor among ``names`` (gazette slugs, user
    names, words printed in the bulletins themselves)."""
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    words = []
    for word in WORD.findall(text):
        bare = word.strip("'’-")
        if len(bare) < 2 or bare in ALLOWED or bare in names:
            continue
        words.append(bare)
    return words
