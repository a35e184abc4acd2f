"""The parser's time and memory on bulletin-shaped text of growing size, and the refusal above
what it can afford.

Each size is parsed in a fresh child process (its peak RSS is its own): the sample (printer
spreads), every text input of the test corpus, then synthetic in-order bulletins of new seeds,
concatenated up to the size. The 50 MB input goes through the same entry point as the admin and
the commands (parse_bulletin) and must be refused before parsing starts.

    .venv/bin/python bench/parser_bounds.py [--sizes 1 5 10] [--refuse 50]

The last line is one JSON object: {"sizes": {"1": {"seconds", "peak_rss_mb", ...}}, "refused": {...}}.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"
CORPUS = ROOT / "tests" / "corpus" / "inputs"
MB = 1024 * 1024


def bulletin_shaped(target_bytes: int, seed: int = 1) -> bytes:
    """Bulletin text of about target_bytes (UTF-8): real extractions first, then synthetic
    bulletins, each with its own masthead, contents, titles, headings, tables of the corpus."""
    from tests.synthetic_bulletin import Layout, random_bulletin, render

    parts = [SAMPLE.read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("b*.txt"))]
    size = sum(len(p.encode()) for p in parts)
    rng = random.Random(seed)
    in_order = Layout(booklet=False, shuffle_columns=False, duplicate=False, sheet_space=False, column_space=0.0)
    while size < target_bytes:
        text = render(random_bulletin(rng, articles=20, sections=4), in_order, rng)
        parts.append(text)
        size += len(text.encode())
    data = "\n".join(parts).encode()
    return data[:target_bytes].rsplit(b"\n", 1)[0] + b"\n"


def child(path: str) -> None:
    """Parse one file; print one JSON line with the figures (run in its own process)."""
    from bulletin.ingest import IngestError, parse_bulletin

    data = Path(path).read_bytes()
    start = time.perf_counter()
    try:
        parsed = parse_bulletin(data, Path(path).name)
        outcome = {"articles": len(parsed.articles), "lines": parsed.ledger.lines, "warnings": len(parsed.warnings)}
    except IngestError as exc:
        outcome = {"refused": str(exc)}
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(json.dumps({"bytes": len(data), "seconds": round(seconds, 2), "peak_rss_mb": round(peak), **outcome},
                     ensure_ascii=False))


def measure(size_mb: float, directory: Path) -> dict:
    path = directory / f"bulletin-{size_mb:g}mb.txt"
    size = int(size_mb * MB)
    if size > 10 * MB:  # the refusal's input: 10 MB of bulletin text repeated (it is never parsed)
        part = bulletin_shaped(10 * MB)
        path.write_bytes((part * (size // len(part) + 1))[:size])
    else:
        path.write_bytes(bulletin_shaped(size))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run([sys.executable, __file__, "--child", str(path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=False)
    path.unlink()
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1], "returncode": out.returncode}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 5, 10], help="text sizes in MB (none: the refusal only)")
    parser.add_argument("--refuse", type=float, default=50, help="a size (MB) that must be refused")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    results, refused = {}, {}
    with tempfile.TemporaryDirectory(prefix="parser-bounds-") as tmp:
        for size in args.sizes:
            results[f"{size:g}"] = figures = measure(size, Path(tmp))
            print(f"{size:>5g} MB  {figures.get('seconds', '-'):>7} s  peak RSS {figures.get('peak_rss_mb', '-'):>6} MB  "
                  f"{figures.get('refused') or figures.get('error') or str(figures.get('articles')) + ' articles'}")
        if args.refuse:
            refused = measure(args.refuse, Path(tmp))
            print(f"{args.refuse:>5g} MB  {refused.get('seconds', '-'):>7} s  peak RSS {refused.get('peak_rss_mb', '-'):>6} MB  "
                  f"{refused.get('refused') or 'NOT REFUSED'}")
    print(json.dumps({"sizes": results, "refused": {f"{args.refuse:g}": refused}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
