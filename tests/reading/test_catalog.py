"""The committed zh_Hans catalog: every entry translated, every translation Chinese, and the
compiled .mo the one the .po says (Django answers each msgid with its msgstr)."""
import re

from django.conf import settings
from django.utils import translation

PO = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def entries():
    for block in PO.read_text(encoding="utf-8").split("\n\n")[1:]:
        msgid = "".join(re.findall(r'"(.*)"', re.search(r'^msgid ((?:".*"\n?)+)', block, re.M).group(1)))
        plural = re.search(r'^msgid_plural "(.*)"', block, re.M)
        msgstr = "".join(re.findall(r'"(.*)"', re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M).group(1)))
        yield msgid, plural.group(1) if plural else None, msgstr, "fuzzy" in block


def test_catalog_is_complete_chinese_and_compiled():
    seen = list(entries())
    assert len(seen) > 100
    assert settings.LOCALE_PATHS == [settings.BASE_DIR / "locale"]
    with translation.override("zh-hans"):
        for msgid, plural, msgstr, fuzzy in seen:
            unescaped = msgstr.replace('\\"', '"')
            assert msgstr and not fuzzy and CJK.search(msgstr), msgid
            if plural:
                assert translation.ngettext(msgid, plural, 2) == unescaped, msgid
            else:
                assert translation.gettext(msgid.replace('\\"', '"')) == unescaped, msgid
