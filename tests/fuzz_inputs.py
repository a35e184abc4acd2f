"""Damaged inputs for the importer's fuzzing (tests/ingest/test_fuzz.py, bench/fuzz_inputs.py):
PDFs truncated, with bytes flipped, the xref or trailer dropped, objects or streams cut; texts in
random encodings, with control characters, NUL, binary spliced in, or cut mid-character.
Each damage is a function (rng, bytes) -> bytes; every call is reproducible from its seed."""
from __future__ import annotations

import random
import re
import zlib

from tests import pdf_factory as pf


def clean_pdfs(count: int = 3) -> list[bytes]:
    """A few small valid bulletin PDFs to damage (synthetic, two columns, in booklet order or not)."""
    pdfs = []
    for seed in range(count):
        doc = pf.sample_document(seed=seed, articles=1, sections=2, paragraphs_per_section=2)
        pdfs.append(pf.render_pdf(pf.layout(doc), spreads=seed % 2 == 1))
    return pdfs


def _truncate(rng, data):
    return data[: rng.randrange(1, len(data))]


def _truncate_keep_eof(rng, data):
    return data[: rng.randrange(len(data) // 4, len(data))] + b"\n%%EOF\n"


def _flip_bytes(rng, data):
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _drop_xref(rng, data):
    at = data.rfind(b"xref")
    return data[:at] + data[at + rng.randint(4, 200):] if at >= 0 else data


def _drop_trailer(rng, data):
    return re.sub(rb"trailer\s*<<.*?>>", b"", data, flags=re.S)


def _wrong_offsets(rng, data):
    return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % rng.randrange(len(data)), data)


def _cut_stream(rng, data):
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not starts:
        return _flip_bytes(rng, data)
    at = rng.choice(starts)
    return data[:at] + data[at + rng.randint(1, 300):]


def _garble_stream(rng, data):
    """A content stream replaced by valid zlib of random operators (parses, draws nonsense)."""
    junk = b" ".join(rng.choice([b"BT", b"ET", b"Tj", b"TJ", b"(x)", b"[", b"]", b"1", b"-1e309", b"/F1", b"Tf", b"cm", b"q", b"Q", b"<<", b">>"])
                     for _ in range(rng.randint(5, 200)))
    packed = zlib.compress(junk)
    match = re.search(rb"stream\r?\n(.*?)endstream", data, flags=re.S)
    if not match:
        return data
    return data[:match.start(1)] + packed + b"\n" + data[match.end(1):]


def _deep_nesting(rng, data):
    """An object nested far beyond any recursion limit."""
    depth = rng.randint(500, 5000)
    return data.replace(b"/Type /Catalog", b"/Type /Catalog /X " + b"[" * depth + b"]" * depth, 1)


def _splice_objects(rng, data):
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    return data[:a] + data[b:] + data[a:b]


def _zero_page_tree(rng, data):
    return re.sub(rb"/Count \d+", b"/Count " + str(rng.choice([0, -1, 10**9])).encode(), data)


PDF_DAMAGES = [_truncate, _truncate_keep_eof, _flip_bytes, _drop_xref, _drop_trailer, _wrong_offsets, _cut_stream,
               _garble_stream, _deep_nesting, _splice_objects, _zero_page_tree]


def damaged_pdf(rng: random.Random, clean: list[bytes]) -> tuple[str, bytes]:
    damages = rng.sample(PDF_DAMAGES, rng.randint(1, 3))
    data = rng.choice(clean)
    for damage in damages:
        data = damage(rng, data)
    return "+".join(d.__name__.strip("_") for d in damages), data


# ---------------------------------------------------------------- texts

ENCODINGS = ["utf-8", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "big5", "latin-1", "cp1252",
             "shift_jis", "euc-kr", "utf-8-sig"]


def _reencode(rng, text):
    encoding = rng.choice(ENCODINGS)
    return text.encode(encoding, errors=rng.choice(["replace", "ignore", "xmlcharrefreplace"]))


def _mixed_lines(rng, text):
    lines = text.split("\n")
    out = []
    for line in lines:
        out.append(line.encode(rng.choice(["gb18030", "utf-8"]) if rng.random() < 0.1 else "gb18030", errors="replace"))
    return b"\n".join(out)


def _controls(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 30)):
        chars.insert(rng.randrange(len(chars) + 1), chr(rng.choice([*range(0, 9), 11, *range(14, 32), *range(127, 160)])))
    return "".join(chars).encode("utf-8")


def _nul_late(rng, text):
    data = text.encode("utf-8")
    at = rng.randrange(min(4097, len(data)), len(data) + 1)
    return data[:at] + b"\x00" * rng.randint(1, 8) + data[at:]


def _binary_splice(rng, text):
    data = text.encode("utf-8")
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 5000)) + data[at:]


def _cut_mid_char(rng, text):
    data = text.encode(rng.choice(["utf-8", "gb18030", "utf-16"]))
    return data[: rng.randrange(1, len(data))]


def _random_bytes(rng, text):
    return rng.randbytes(rng.randint(1, 20000))


def _bom_lies(rng, text):
    bom = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])
    return bom + text.encode(rng.choice(["gb18030", "utf-8"]))


def _shuffled_lines(rng, text):
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines[: rng.randint(1, len(lines))]).encode("utf-8")


def _odd_unicode(rng, text):
    odd = ["\u202e", "\u200b", "\ufeff", "\ufffe", "\U0010ffff", "\ue000", "²", "٣", "\u0301" * 50, "𝟘", "\u2028"]
    chars = list(text)
    for _ in range(rng.randint(1, 50)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(odd))
    return "".join(chars).encode("utf-8", errors="surrogatepass")


def _huge_line(rng, text):
    return (text[:2000] + "经济" * rng.randint(10000, 100000) + text[2000:]).encode("utf-8")


TEXT_DAMAGES = [_reencode, _mixed_lines, _controls, _nul_late, _binary_splice, _cut_mid_char, _random_bytes, _bom_lies,
                _shuffled_lines, _odd_unicode, _huge_line]


def damaged_text(rng: random.Random, clean: list[str]) -> tuple[str, bytes]:
    damage = rng.choice(TEXT_DAMAGES)
    text = rng.choice(clean)
    return damage.__name__.strip("_"), damage(rng, text)
