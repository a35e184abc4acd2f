"""Fuzz the importer: damaged PDFs (truncated, bytes flipped, xref/trailer dropped, offsets wrong,
streams cut or garbled, deep nesting, spliced, page tree broken) and damaged texts (random
encodings, mixed lines, control characters, late NUL, binary spliced in, cut mid-character,
lying BOMs, odd Unicode, a huge line), tests/fuzz_inputs.py. Every input must either parse or be
refused with the one-line error (IngestError naming the file); anything else is a traceback.

    .venv/bin/python bench/fuzz_inputs.py [--pdfs 500] [--texts 500] [--seed 1] [--timeout 60]

The last line is one JSON object: counts per outcome, the tracebacks' kinds, the slowest input.
"""
import argparse
import collections
import json
import os
import random
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from bulletin.ingest import IngestError, parse_bulletin  # noqa: E402
from tests.fuzz_inputs import clean_pdfs, damaged_pdf, damaged_text  # noqa: E402

CLEAN_TEXTS = sorted((ROOT / "tests" / "corpus" / "inputs").glob("b0[1-5]-*.txt"))


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def outcome_of(data: bytes, name: str, timeout: int) -> tuple[str, str]:
    """('parsed' | 'refused' | 'traceback' | 'bad_message' | 'timeout', detail)."""
    signal.alarm(timeout)
    try:
        parse_bulletin(data, name)
        return "parsed", ""
    except IngestError as exc:
        message = str(exc)
        if "\n" in message or not message.startswith(f"{name}: ") or "Traceback" in message:
            return "bad_message", message[:200]
        return "refused", message
    except Timeout:
        return "timeout", ""
    except BaseException as exc:  # noqa: BLE001 -- counting exactly these is the point
        if isinstance(exc, KeyboardInterrupt):
            raise
        return "traceback", f"{type(exc).__name__}: {str(exc)[:120]} @ {traceback.extract_tb(exc.__traceback__)[-1].name}"
    finally:
        signal.alarm(0)


def run(kind: str, count: int, seed: int, timeout: int, make) -> dict:
    rng = random.Random(seed)
    outcomes = collections.Counter()
    tracebacks = collections.Counter()
    slowest = (0.0, "")
    for i in range(count):
        damage, data = make(rng)
        name = f"{kind}-{i}.{'pdf' if kind == 'pdf' else 'txt'}"
        start = time.perf_counter()
        result, detail = outcome_of(data, name, timeout)
        elapsed = time.perf_counter() - start
        slowest = max(slowest, (elapsed, f"{name} ({damage})"))
        outcomes[result] += 1
        if result in ("traceback", "bad_message", "timeout"):
            tracebacks[f"{result}: {detail}"] += 1
            print(f"  {name} [{damage}] {result}: {detail}", file=sys.stderr)
    return {"count": count, "outcomes": dict(outcomes), "failures": dict(tracebacks.most_common(20)),
            "slowest_seconds": round(slowest[0], 2), "slowest": slowest[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=500)
    parser.add_argument("--texts", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=60, help="seconds one input may take")
    args = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    pdfs = clean_pdfs()
    texts = [p.read_text(encoding="utf-8") for p in CLEAN_TEXTS]
    start = time.perf_counter()
    report = {
        "pdf": run("pdf", args.pdfs, args.seed, args.timeout, lambda rng: damaged_pdf(rng, pdfs)),
        "text": run("text", args.texts, args.seed, args.timeout, lambda rng: damaged_text(rng, texts)),
    }
    report["tracebacks"] = sum(report[k]["outcomes"].get(o, 0) for k in ("pdf", "text")
                               for o in ("traceback", "bad_message", "timeout"))
    report["seconds"] = round(time.perf_counter() - start, 1)
    for kind in ("pdf", "text"):
        print(f"{kind:5} {report[kind]['count']:4} inputs: {report[kind]['outcomes']}  slowest {report[kind]['slowest_seconds']} s")
    print(f"tracebacks: {report['tracebacks']}")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
