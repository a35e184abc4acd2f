"""What a new parse would change in a stored bulletin: the report `reparse` and the admin show
before anything is swapped."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .ingest.document import ParsedBulletin

# Block kinds as an editor reads them in a change report (the JSON contract's names are code).
KIND_NAMES = {
    "paragraph": gettext_lazy("段落"), "heading": gettext_lazy("标题"), "table": gettext_lazy("表格"),
    "subtitle": gettext_lazy("副标题"), "speaker": gettext_lazy("报告人"), "doc_number": gettext_lazy("文号"),
    "addressee": gettext_lazy("主送机关"), "attachment": gettext_lazy("附件"), "signature": gettext_lazy("落款"),
    "date": gettext_lazy("日期"), "doc_title": gettext_lazy("文件标题"),
}


@dataclass
class ArticleChange:
    position: int
    old_title: str | None  # None: the article is new
    new_title: str | None  # None: the article goes
    old_blocks: int = 0
    new_blocks: int = 0
    blocks_changed: int = 0  # blocks of the new body not found identically in the old one
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (old, new), where they differ

    @property
    def changed(self) -> bool:
        return self.old_title != self.new_title or self.blocks_changed > 0 or self.old_blocks != self.new_blocks

    def describe(self) -> str:
        if self.old_title is None:
            return _("第%(n)d篇 新增《%(title)s》（%(blocks)d 块）") % {
                "n": self.position, "title": self.new_title, "blocks": self.new_blocks}
        if self.new_title is None:
            return _("第%(n)d篇 删除《%(title)s》（%(blocks)d 块）") % {
                "n": self.position, "title": self.old_title, "blocks": self.old_blocks}
        title = (f"《{self.old_title}》→《{self.new_title}》" if self.old_title != self.new_title
                 else f"《{self.new_title}》")
        kinds = "，".join(f"{KIND_NAMES.get(kind, kind)} {old}→{new}" for kind, (old, new) in sorted(self.kinds.items()))
        text = _("第%(n)d篇 %(title)s：%(old)d→%(new)d 块，%(changed)d 块有变化") % {
            "n": self.position, "title": title, "old": self.old_blocks, "new": self.new_blocks,
            "changed": self.blocks_changed}
        return text + (f"（{kinds}）" if kinds else "")


@dataclass
class BulletinChanges:
    articles: list[ArticleChange]
    old_warnings: list[str]
    new_warnings: list[str]
    identity_note: str = ""

    @property
    def changed_articles(self) -> list[ArticleChange]:
        return [a for a in self.articles if a.changed]

    @property
    def changed(self) -> bool:
        return bool(self.changed_articles) or self.old_warnings != self.new_warnings

    def lines(self) -> list[str]:
        out = [a.describe() for a in self.changed_articles]
        gone = [w for w in self.old_warnings if w not in self.new_warnings]
        new = [w for w in self.new_warnings if w not in self.old_warnings]
        out += [_("提示消失：%(warning)s") % {"warning": w} for w in gone]
        out += [_("新提示：%(warning)s") % {"warning": w} for w in new]
        if self.identity_note:
            out.append(self.identity_note)
        return out or [_("没有变化")]


def _key(kind, text, level, number, rows) -> tuple:
    return (kind, text, level if kind == "heading" else None, number or "" if kind == "heading" else "",
            repr(rows) if kind == "table" else "")


def compare(bulletin, parsed: ParsedBulletin) -> BulletinChanges:
    """Stored bulletin (or None for a new one) against a parse of its file."""
    old_titles: dict[int, str] = {}
    old_blocks: dict[int, list[tuple]] = {}
    old_warnings: list[str] = []
    note = ""
    if bulletin is not None and bulletin.pk is not None:
        from .models import Block  # a Django model: imported only when there is a stored bulletin

        old_titles = dict(bulletin.articles.values_list("position", "title"))
        rows = (Block.objects.filter(article__bulletin=bulletin).order_by("article__position", "position")
                .values_list("article__position", "kind", "text", "level", "number", "rows"))
        for position, *values in rows:
            old_blocks.setdefault(position, []).append(_key(*values))
        old_warnings = [w for w in bulletin.warnings or [] if not w.startswith("重新解析读出的")]
        stored = (bulletin.gazette.name, bulletin.year, bulletin.issue)
        read = (parsed.gazette, parsed.year, parsed.issue)
        if stored != read:
            note = (f"重新解析读出的是《{read[0]}》{read[1]}年第{read[2]}期，档案中是《{stored[0]}》{stored[1]}年"
                    f"第{stored[2]}期：地址保持不变，请核对")
    changes = []
    for position in range(1, max(len(parsed.articles), max(old_titles, default=0)) + 1):
        new = parsed.articles[position - 1] if position <= len(parsed.articles) else None
        new_keys = [_key(b.kind, b.text, b.level, b.number, b.rows) for b in new.blocks] if new else []
        old_keys = old_blocks.get(position, [])
        remaining = Counter(old_keys)
        differing = 0
        for key in new_keys:
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                differing += 1
        old_kinds, new_kinds = Counter(k[0] for k in old_keys), Counter(k[0] for k in new_keys)
        kinds = {k: (old_kinds[k], new_kinds[k]) for k in old_kinds | new_kinds if old_kinds[k] != new_kinds[k]}
        changes.append(ArticleChange(position, old_titles.get(position), new.title if new else None,
                                     len(old_keys), len(new_keys), differing, kinds))
    return BulletinChanges(changes, old_warnings, list(parsed.warnings), note)
