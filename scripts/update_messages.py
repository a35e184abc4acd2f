"""Refresh the zh_Hans message catalog: extract (makemessages), translate every msgid written in
Chinese as itself, keep the translations of msgids written in English, compile (msgfmt --check).

Fails, naming them, when an English msgid has no translation yet or only a guessed ("fuzzy") one:
add its msgstr to locale/zh_Hans/LC_MESSAGES/django.po and run this again.

    ARCHIVE_DATA_DIR=/tmp/x .venv/bin/python scripts/update_messages.py
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
IGNORE = [".venv", "tests", "bench", "data", "samples", "scripts"]


def fill(text: str) -> tuple[str, list[str]]:
    head, _, body = text.partition("\n\n")
    out, missing = [], []
    for entry in body.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if not match:
            out.append(entry)
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        fuzzy = re.search(r"^#,.*\bfuzzy\b", entry, re.M) is not None
        entry = re.sub(r"^#\| .*\n", "", entry, flags=re.M).replace("#, fuzzy, ", "#, ").replace("#, fuzzy\n", "")
        if CJK.search(msgid):
            # Written in Chinese: the translation is the text itself (overwrites a fuzzy guess);
            # Chinese has one plural form (nplurals=1).
            entry = re.sub(r'^msgstr(\[0\])? ".*"(\n(msgstr\[\d+\] )?".*")*$',
                           lambda m: f'msgstr{m.group(1) or ""} "{msgid}"', entry, flags=re.M | re.S)
        elif fuzzy or re.search(r'^msgstr(\[0\])? ""$', entry, re.M) and not re.search(r'^msgstr(\[0\])? ""\n"', entry, re.M):
            missing.append(msgid)
        out.append(entry)
    return head + "\n\n" + "\n\n".join(out), missing


def main() -> int:
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    python = str(ROOT / ".venv" / "bin" / "python")
    ignore = [f"--ignore={name}" for name in IGNORE]
    subprocess.run([python, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", *ignore],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    text, missing = fill(PO.read_text(encoding="utf-8"))
    PO.write_text(text, encoding="utf-8")
    if missing:
        print("untranslated (or guessed) English messages in", PO, *missing, sep="\n  ", file=sys.stderr)
        return 1
    subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
