"""Importer speed and robustness:

- the sample's parse time (wall, including start-up, through the command) and in-process;
- text throughput of the recogniser on every text input of the test corpus, each parsed cold;
- a 100-page PDF (a synthetic two-column bulletin) parsed end to end;
- the property tests on fresh random seeds: in-order synthetic bulletins that do not come back
  exactly, and scrambled ones (printer spreads) whose text is lost or repeated, as failure rates;
- how many realistic scrambled bulletins come back in exactly the right reading order.

    .venv/bin/python bench/ingest.py [--runs 5] [--random 300] [--pages 100]

The last line is one JSON object with the figures.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from bulletin.ingest import parse_bulletin, parse_text  # noqa: E402
from tests import pdf_factory  # noqa: E402
from tests.synthetic_bulletin import Layout, random_bulletin, render  # noqa: E402
from tests.test_ingest_properties import expected_articles, parsed_articles  # noqa: E402

SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"
CORPUS = ROOT / "tests" / "corpus" / "inputs"


def clear_caches():
    """Each input measured cold: no line-level cache hits from the ones before."""
    from bulletin.ingest.continuity import _word_across
    from bulletin.ingest.lines import visual_width
    from bulletin.ingest.numbering import find_marker

    for cached in (visual_width, find_marker, _word_across):
        cached.cache_clear()


def command_wall_times(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "parse_bulletin", str(SAMPLE), "--json"], cwd=ROOT,
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def corpus_text_throughput() -> tuple[int, float, int]:
    files = sorted(CORPUS.glob("b*.txt"))
    chars = elapsed = 0.0
    for path in files:
        data = path.read_bytes()
        clear_caches()
        start = time.perf_counter()
        parse_bulletin(data, path.name)
        elapsed += time.perf_counter() - start
        chars += len(data.decode("utf-8"))
    return int(chars), elapsed, len(files)


def pdf_of_pages(pages: int) -> tuple[bytes, int]:
    """A synthetic two-column bulletin of about `pages` pages, printed page by page."""
    articles = 2
    while True:
        doc = pdf_factory.sample_document(seed=5, articles=articles, sections=4, paragraphs_per_section=4)
        laid = pdf_factory.layout(doc)
        if len(laid) >= pages:
            return pdf_factory.render_pdf(laid), len(laid)
        articles = max(articles + 1, int(articles * pages / max(len(laid), 1)))


def random_layout(pick: random.Random, scrambled: bool) -> Layout:
    if scrambled:
        return Layout(width=pick.randint(16, 22), lines=pick.randint(22, 34), columns=pick.choice([1, 2]),
                      booklet=pick.random() < .5, shuffle_columns=pick.random() < .5, duplicate=pick.random() < .5,
                      furniture=pick.random() < .5, pdf_spaces=pick.random() < .5, column_space=1.0, blank_lines=False)
    return Layout(width=pick.randint(12, 28), lines=pick.randint(16, 44), columns=pick.choice([1, 2, 3]),
                  booklet=False, shuffle_columns=False, duplicate=False, furniture=pick.random() < .5,
                  pdf_spaces=pick.random() < .5, column_space=pick.choice([0.0, 0.5, 1.0]), blank_lines=pick.random() < .5)


def property_failures(count: int, scrambled: bool, seed: int) -> tuple[int, int, list[int]]:
    """Fresh random seeds (unlike CI's derandomised set). In order: the exact articles back.
    Scrambled: every character once (sorted characters equal)."""
    pick = random.Random(seed)
    failures, failing_seeds = 0, []
    for _ in range(count):
        layout = random_layout(pick, scrambled)
        doc_seed = pick.randint(0, 10**6)
        rng = random.Random(doc_seed)
        doc = random_bulletin(rng, articles=pick.randint(1, 3), sections=4 if scrambled else 3)
        parsed = parse_text(render(doc, layout, rng), "synthetic")
        if scrambled:
            got = "".join(t + "".join(x for _, _, x in blocks) for t, _, blocks in parsed_articles(parsed))
            want = "".join(t + "".join(x for _, _, x in blocks) for t, _, blocks in expected_articles(doc))
            bad = sorted(got) != sorted(want)
        else:
            bad = parsed_articles(parsed) != expected_articles(doc)
        failures += bad
        if bad and len(failing_seeds) < 5:
            failing_seeds.append(doc_seed)
    return failures, count, failing_seeds


def exact_scrambled_order(per_layout: int) -> dict[str, tuple[int, int]]:
    layouts = {
        "booklet, shuffled, doubled, every column start marked":
            Layout(width=18, lines=28, columns=2, booklet=True, shuffle_columns=True, duplicate=True, column_space=1.0),
        "booklet, shuffled, doubled, a fifth of column starts unmarked":
            Layout(width=18, lines=28, columns=2, booklet=True, shuffle_columns=True, duplicate=True, column_space=0.8),
        "in order, two columns":
            Layout(width=20, lines=30, columns=2, booklet=False, shuffle_columns=False, duplicate=False),
    }
    out = {}
    for name, layout in layouts.items():
        ok = 0
        for i in range(per_layout):
            rng = random.Random(i)
            doc = random_bulletin(rng, articles=1 + i % 3, sections=4)
            ok += parsed_articles(parse_text(render(doc, layout, rng), "synthetic")) == expected_articles(doc)
        out[name] = (ok, per_layout)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="command runs on the sample")
    parser.add_argument("--random", type=int, default=300, help="fresh random synthetic bulletins per property")
    parser.add_argument("--pages", type=int, default=100, help="pages of the synthetic PDF")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="seed of the random properties")
    args = parser.parse_args()

    walls = command_wall_times(args.runs)
    text = SAMPLE.read_text(encoding="utf-8")
    parse_text(text)  # warm: jieba's dictionary loads once per process
    start = time.perf_counter()
    parse_text(text)
    sample_parse = time.perf_counter() - start
    print(f"sample parse_bulletin --json, wall incl. start-up: median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}, {args.runs} runs)")
    print(f"sample parse in-process (warm): {sample_parse * 1000:.0f} ms for {len(text):,} characters")

    chars, elapsed, files = corpus_text_throughput()
    print(f"corpus text inputs: {files} files, {chars:,} characters in {elapsed:.2f} s = {chars / elapsed:,.0f} characters/s (each cold)")

    pdf, pages = pdf_of_pages(args.pages)
    start = time.perf_counter()
    parsed = parse_bulletin(pdf, "bench.pdf")
    pdf_seconds = time.perf_counter() - start
    print(f"synthetic PDF: {pages} pages, {len(pdf) / 1e6:.1f} MB, {len(parsed.articles)} articles in {pdf_seconds:.2f} s")

    in_order = property_failures(args.random, scrambled=False, seed=args.seed)
    scrambled = property_failures(args.random, scrambled=True, seed=args.seed + 1)
    print(f"property, in order (seed {args.seed}): {in_order[0]}/{in_order[1]} not exactly back; failing seeds {in_order[2]}")
    print(f"property, scrambled (seed {args.seed + 1}): {scrambled[0]}/{scrambled[1]} lost or repeated text; failing seeds {scrambled[2]}")
    exact = exact_scrambled_order(12)
    for name, (ok, total) in exact.items():
        print(f"exact reading order, {name}: {ok}/{total}")

    print(json.dumps({
        "sample_wall_s": round(statistics.median(walls), 3), "sample_parse_ms": round(sample_parse * 1000),
        "text_chars_per_s": round(chars / elapsed), "pdf_pages": pages, "pdf_s": round(pdf_seconds, 2),
        "in_order_failure_rate": round(in_order[0] / in_order[1], 4),
        "scrambled_loss_rate": round(scrambled[0] / scrambled[1], 4),
        "exact_order": {name: f"{ok}/{total}" for name, (ok, total) in exact.items()},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
