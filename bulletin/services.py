"""Store what the importer returns, in one transaction; tell the index after commit.

A bulletin keeps its row and its address (gazette/year/issue) for ever: replacing it by another
file, or parsing its stored file again with a newer importer, refills it in place, so the
permanent addresses /<gazette>/<year>/<issue>/<n>/ of its articles survive.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citations.store import record_bulletin as record_citations

from search.outbox import record_change

from .body import enclosing_positions
from .changes import BulletinChanges, compare
from .gazettes import gazette_named
from .ingest.document import Article as ParsedArticle
from .ingest.document import ParsedBulletin
from .ingest.version import importer_version
from .models import Article, Block, Bulletin
from .signals import bulletins_changed
from .faults import fault_point
from .sources import files_guard

ARTICLE_FIELDS = ("title", "category", "start_page", "subtitle", "speaker", "doc_number", "addressee",
                  "issuer", "signed_on", "doc_type")


class IssueConflict(Exception):
    """A different file already holds this gazette/year/issue."""

    def __init__(self, existing: Bulletin):
        self.existing = existing
        super().__init__(
            _("%(bulletin)s 已由另一文件（%(file)s）导入；要以新文件替换，请选择替换")
            % {"bulletin": existing, "file": existing.source_name or existing.source_sha256[:12]}
        )


@dataclass
class ImportOutcome:
    status: str  # "created" | "replaced" | "reparsed" | "unchanged"
    bulletin: Bulletin
    changes: BulletinChanges | None = field(default=None)

    @property
    def message(self) -> str:
        text = {
            "created": _("已导入 %(bulletin)s"),
            "replaced": _("已替换 %(bulletin)s（地址不变）"),
            "reparsed": _("已重新解析 %(bulletin)s（地址不变）"),
            "unchanged": _("未改动：%(bulletin)s 已由同一文件导入"),
        }[self.status]
        return text % {"bulletin": self.bulletin}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_same_file(data: bytes, digest: str | None = None) -> Bulletin | None:
    return Bulletin.objects.select_related("gazette").filter(source_sha256=digest or sha256_hex(data)).first()


def find_clash(parsed: ParsedBulletin) -> Bulletin | None:
    return (Bulletin.objects.select_related("gazette")
            .filter(gazette__name=parsed.gazette, year=parsed.year, issue=parsed.issue).first())


def store_bulletin(parsed: ParsedBulletin, *, source_bytes: bytes, source_name: str, replace: bool = False) -> ImportOutcome:
    """Store a parsed bulletin atomically.

    The same file again: nothing changes, unless replace=True, which parses it again in place. A
    different file for a stored gazette/year/issue raises IssueConflict unless replace=True, which
    refills that bulletin (same row, same addresses) from the new file in the same transaction.
    """
    digest = sha256_hex(source_bytes)
    same = find_same_file(source_bytes, digest)
    if same is not None:
        if not replace:
            return ImportOutcome("unchanged", same)
        with transaction.atomic():
            changes = _refill(same, parsed)
        return ImportOutcome("reparsed", same, changes)

    storage = Bulletin._meta.get_field("source_file").storage
    saved: list[str] = []
    try:
        with files_guard(), transaction.atomic():
            clash = Bulletin.objects.select_for_update().filter(
                gazette__name=parsed.gazette, year=parsed.year, issue=parsed.issue).first()
            if clash is not None and not replace:
                raise IssueConflict(clash)
            if clash is None:
                bulletin = Bulletin(gazette=gazette_named(parsed.gazette), year=parsed.year, issue=parsed.issue)
            else:
                bulletin = clash
                old_file = clash.source_file.name if clash.source_file else ""
                if old_file:
                    transaction.on_commit(lambda: storage.delete(old_file))
            bulletin.source_sha256 = digest
            bulletin.source_name = PurePath(source_name).name[:255]
            # Never trust the uploaded name as a path: the stored name is derived from the digest,
            # the extension from the content.
            suffix = ".pdf" if source_bytes[:1024].lstrip().startswith(b"%PDF-") else ".txt"
            bulletin.source_file.save(f"{digest[:24]}{suffix}", ContentFile(source_bytes), save=False)
            saved.append(bulletin.source_file.name)
            changes = _refill(bulletin, parsed)
            fault_point("store:before-commit")  # the file is saved, the rows are not committed
    except BaseException:
        for name in saved:
            storage.delete(name)
        raise
    return ImportOutcome("replaced" if clash is not None else "created", bulletin, changes)


def reparse_bulletin(bulletin: Bulletin, *, dry_run: bool = False, parse=None) -> BulletinChanges:
    """Parse the stored source file again with the current importer. dry_run: only report what
    would change. Otherwise swap old content for new in one transaction; the index follows."""
    if parse is None:
        from .ingest.pipeline import parse_bulletin as parse
    with bulletin.source_file.open("rb") as handle:
        data = handle.read()
    parsed = parse(data, bulletin.source_name or bulletin.source_file.name)
    if dry_run:
        return compare(bulletin, parsed)
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().select_related("gazette").get(pk=bulletin.pk)
        return _refill(locked, parsed)


def delete_bulletin(bulletin: Bulletin) -> None:
    """Delete a bulletin; its documents leave the index after commit."""
    pk = bulletin.pk
    file_name = bulletin.source_file.name if bulletin.source_file else ""
    storage = Bulletin._meta.get_field("source_file").storage
    with transaction.atomic():
        bulletin.delete()
        record_change(pk)  # the outbox: the index drops its documents even if we die after commit
        transaction.on_commit(lambda: bulletins_changed.send(sender=Bulletin, added=[], removed=[pk]))
        if file_name:
            transaction.on_commit(lambda: storage.delete(file_name))


def _refill(bulletin: Bulletin, parsed: ParsedBulletin) -> BulletinChanges:
    """Give a bulletin (new or stored) the content of a parse, keeping its row, its identity
    (gazette/year/issue: its address) and the rows of the articles whose positions remain.
    Must run inside a transaction."""
    is_new = bulletin.pk is None
    changes = compare(bulletin, parsed) if not is_new else None
    bulletin.total_issue = parsed.total_issue
    bulletin.published = parsed.published
    bulletin.ledger = parsed.to_json_dict()["ledger"]
    bulletin.warnings = list(parsed.warnings)
    if changes is not None and changes.identity_note:
        bulletin.warnings.append(changes.identity_note)
    bulletin.importer_version = importer_version()
    bulletin.parsed_at = timezone.now()
    bulletin.save()
    existing = {a.position: a for a in Article.objects.filter(bulletin=bulletin)} if not is_new else {}
    Block.objects.filter(article__bulletin=bulletin).delete()
    Article.objects.filter(bulletin=bulletin, position__gt=len(parsed.articles)).delete()
    for position, parsed_article in enumerate(parsed.articles, start=1):
        article = existing.get(position) or Article(bulletin=bulletin, position=position)
        for name, value in article_values(parsed_article).items():
            setattr(article, name, value)
        article.save()
        Block.objects.bulk_create(block_rows(article, parsed_article), batch_size=500)
    record_citations(bulletin.pk)  # the 文号 its texts mention, in the same transaction
    pk = bulletin.pk
    record_change(pk)  # the outbox, in this transaction: the index catches up even after a crash
    transaction.on_commit(lambda: bulletins_changed.send(sender=Bulletin, added=[pk], removed=[] if is_new else [pk]))
    return changes if changes is not None else compare(None, parsed)


def article_values(parsed: ParsedArticle) -> dict:
    values = {name: getattr(parsed, name) for name in ARTICLE_FIELDS}
    for name, value in values.items():
        limit = getattr(Article._meta.get_field(name), "max_length", None)
        if limit and isinstance(value, str):
            values[name] = value[:limit]
    return values


def block_rows(article: Article, parsed: ParsedArticle) -> list[Block]:
    parents = enclosing_positions([(b.kind, b.level) for b in parsed.blocks])
    return [
        Block(article=article, position=position, kind=b.kind, text=b.text, level=b.level,
              number=(b.number or "")[:20], rows=b.rows if b.kind == "table" else None, parent=parent)
        for position, (b, parent) in enumerate(zip(parsed.blocks, parents), start=1)
    ]
