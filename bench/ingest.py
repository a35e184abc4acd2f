"""Importer speed: the sample's parse time (wall, including start-up, through the command) and
throughput on a batch of rendered synthetic bulletins; also how many scrambled synthetic
bulletins come back in exactly the right reading order.

    .venv/bin/python bench/ingest.py [--batch 40]
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

from bulletin.ingest import parse_text  # noqa: E402
from tests.synthetic_bulletin import Layout, random_bulletin, render  # noqa: E402

SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"


def clear_caches():
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


def conservation(count: int) -> tuple[int, int]:
    """Random layouts like the property test's: does every character come out exactly once?"""
    pick = random.Random(99)
    failures = 0
    for _ in range(count):
        layout = Layout(width=pick.randint(16, 22), lines=pick.randint(22, 34), columns=pick.choice([1, 2]),
                        booklet=pick.random() < .5, shuffle_columns=pick.random() < .5, duplicate=pick.random() < .5,
                        furniture=pick.random() < .5, pdf_spaces=pick.random() < .5, column_space=1.0, blank_lines=False)
        rng = random.Random(pick.randint(0, 10**6))
        doc = random_bulletin(rng, articles=pick.randint(1, 3), sections=4)
        parsed = parse_text(render(doc, layout, rng))
        got = "".join(a.title + "".join(b.text for b in a.blocks) for a in parsed.articles)
        want = "".join(a.title + "".join(b.text for b in a.blocks) for a in doc.articles)
        failures += sorted(got) != sorted(want)
    return failures, count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=40, help="synthetic bulletins in the batch")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--conservation", type=int, default=300, help="random scrambled bulletins to check for lost/repeated text")
    args = parser.parse_args()

    walls = command_wall_times(args.runs)
    text = SAMPLE.read_text(encoding="utf-8")
    parse_text(text)  # warm: jieba's dictionary loads once per process
    start = time.perf_counter()
    parse_text(text)
    sample_parse = time.perf_counter() - start

    layouts = [
        Layout(width=18, lines=28, columns=2, booklet=True, shuffle_columns=True, duplicate=True, column_space=1.0),
        Layout(width=18, lines=28, columns=2, booklet=True, shuffle_columns=True, duplicate=True, column_space=0.8),
        Layout(width=20, lines=30, columns=2, booklet=False, shuffle_columns=False, duplicate=False),
    ]
    docs = []
    for i in range(args.batch):
        rng = random.Random(i)
        layout = layouts[i % len(layouts)]
        doc = random_bulletin(rng, articles=1 + i % 3, sections=4)
        docs.append((layout, doc, render(doc, layout, rng)))
    chars = sum(len(t) for _, _, t in docs)
    exact = {id(layout): [0, 0] for layout in layouts}
    start = time.perf_counter()
    results = []
    for _, _, t in docs:
        clear_caches()  # each bulletin measured cold: no line-level cache hits from the others
        results.append(parse_text(t, "synthetic"))
    elapsed = time.perf_counter() - start
    for (layout, doc, _), parsed in zip(docs, results):
        ok = [(a.title, [(b.kind, b.text) for b in a.blocks]) for a in parsed.articles] == [
            (a.title, [(b.kind, b.text) for b in a.blocks]) for a in doc.articles]
        exact[id(layout)][0] += ok
        exact[id(layout)][1] += 1

    print(f"sample parse_bulletin --json, wall incl. start-up: median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}, {args.runs} runs)")
    print(f"sample parse in-process (warm): {sample_parse * 1000:.0f} ms for {len(text):,} characters")
    print(f"batch: {len(docs)} rendered bulletins, {chars:,} characters in {elapsed:.2f} s = {chars / elapsed:,.0f} characters/s")
    for layout in layouts:
        ok, total = exact[id(layout)]
        print(f"  exact reading order: {ok}/{total}  (booklet={layout.booklet} shuffled={layout.shuffle_columns} "
              f"doubled={layout.duplicate} column marks={layout.column_space:.0%})")
    failures, checked = conservation(args.conservation)
    print(f"scrambled random bulletins where text was lost or repeated: {failures}/{checked}")
    print(json.dumps({"sample_wall_s": round(statistics.median(walls), 3), "sample_parse_ms": round(sample_parse * 1000),
                      "batch_chars_per_s": round(chars / elapsed)}))


if __name__ == "__main__":
    main()
