"""Gazettes (publications) and their stable slugs: the first part of every permanent address.

A gazette is created the first time one of its bulletins is stored; its slug is the pinyin of
its place (吉林市人民政府公报 → jilin) and can be edited in the admin afterwards.
"""
from __future__ import annotations

import re

from .models import RESERVED_SLUGS, Gazette

# What follows the place in a gazette's name.
NAME_SUFFIX_RE = re.compile(r"(人民政府办公厅公报|人民政府公报|政府公报|公报|政报)$")
# Administrative units a place name ends in; dropped from the slug unless needed to tell two apart.
UNIT_RE = re.compile(r"(特别行政区|自治州|自治县|自治区|地区|新区|盟|市|县|区|省|州|旗)$")
PROVINCE_RE = re.compile(r"^(.{2,7}?(?:省|自治区))(?=.)")
SLUG_MAX = 40


def place_of(name: str) -> tuple[str, str]:
    """(province, city) as the gazette's name prints them; either may be empty."""
    place = NAME_SUFFIX_RE.sub("", name.strip())
    province = ""
    match = PROVINCE_RE.match(place)
    if match and UNIT_RE.search(place[match.end():]):
        province, place = match.group(1), place[match.end():]
    return province, place


def _ascii(text: str) -> str:
    # pypinyin's phrase dictionary takes 0.2 s to load: only when a new gazette needs a slug.
    from pypinyin import lazy_pinyin

    letters = "".join(lazy_pinyin(text, errors="ignore"))
    return re.sub(r"[^a-z0-9]+", "", letters.lower())


def slug_candidates(name: str) -> list[str]:
    """Slugs to try, shortest first: the place without its unit, then with it, then numbered."""
    _, place = place_of(name)
    bare = UNIT_RE.sub("", place) or place
    base = _ascii(bare)
    if not base or not base[0].isalpha():
        base = f"gazette{base}"
    full = _ascii(place)
    candidates = [base[:SLUG_MAX]]
    if full and full != base and full[0].isalpha():
        candidates.append(full[:SLUG_MAX])
    candidates += [f"{base[:SLUG_MAX - 4]}-{n}" for n in range(2, 100)]
    return [c for c in candidates if c not in RESERVED_SLUGS]


def gazette_named(name: str) -> Gazette:
    """The gazette of this name, created with a free slug if the archive has none yet."""
    gazette = Gazette.objects.filter(name=name).first()
    if gazette is not None:
        return gazette
    taken = set(Gazette.objects.values_list("slug", flat=True))
    slug = next(c for c in slug_candidates(name) if c not in taken)
    province, city = place_of(name)
    return Gazette.objects.create(name=name, slug=slug, city=city, province=province)
