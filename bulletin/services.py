"""Store what the importer returns, in one transaction; tell the index after commit."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction

from .ingest.document import ParsedBulletin
from .models import Article, Bulletin, Paragraph, Section
from .signals import bulletins_changed

# Title-block lines the article row holds as fields; every other block is stored as a paragraph
# (its text searchable and citable) until the body keeps every block kind.
ARTICLE_FIELD_KINDS = ("doc_number", "subtitle", "speaker")


class IssueConflict(Exception):
    """A different file already holds this gazette/year/issue."""

    def __init__(self, existing: Bulletin):
        self.existing = existing
        super().__init__(
            f"{existing} is already in the archive from a different file "
            f"({existing.source_name or existing.source_sha256[:12]}); use replace to swap it"
        )


@dataclass
class ImportOutcome:
    status: str  # "created" | "replaced" | "unchanged"
    bulletin: Bulletin

    @property
    def message(self) -> str:
        return {
            "created": f"Imported {self.bulletin}",
            "replaced": f"Replaced {self.bulletin}",
            "unchanged": f"Unchanged: {self.bulletin} is already in the archive from this same file",
        }[self.status]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_same_file(data: bytes) -> Bulletin | None:
    return Bulletin.objects.filter(source_sha256=sha256_hex(data)).first()


def find_clash(parsed: ParsedBulletin) -> Bulletin | None:
    return Bulletin.objects.filter(gazette=parsed.gazette, year=parsed.year, issue=parsed.issue).first()


def store_bulletin(parsed: ParsedBulletin, *, source_bytes: bytes, source_name: str, replace: bool = False) -> ImportOutcome:
    """Store a parsed bulletin atomically. Same file again: nothing changes. A different file for
    the same gazette/year/issue raises IssueConflict unless replace=True, which swaps old for new
    in the same transaction."""
    digest = sha256_hex(source_bytes)
    same = Bulletin.objects.filter(source_sha256=digest).first()
    if same is not None:
        return ImportOutcome("unchanged", same)

    saved_paths: list[str] = []
    try:
        with transaction.atomic():
            clash = Bulletin.objects.filter(gazette=parsed.gazette, year=parsed.year, issue=parsed.issue).first()
            removed_ids: list[int] = []
            if clash is not None:
                if not replace:
                    raise IssueConflict(clash)
                removed_ids.append(clash.pk)
                old_file = clash.source_file.name if clash.source_file else ""
                clash.delete()
                if old_file:
                    storage = Bulletin._meta.get_field("source_file").storage
                    transaction.on_commit(lambda: storage.delete(old_file))
            bulletin = _create_rows(parsed, digest, source_name)
            # Never trust the uploaded name as a path: the stored name is derived from the digest,
            # the extension from the content.
            suffix = ".pdf" if source_bytes[:1024].lstrip().startswith(b"%PDF-") else ".txt"
            stored_name = f"{digest[:24]}{suffix}"
            bulletin.source_file.save(stored_name, ContentFile(source_bytes), save=True)
            saved_paths.append(bulletin.source_file.name)
            added = [bulletin.pk]
            transaction.on_commit(
                lambda: bulletins_changed.send(sender=Bulletin, added=added, removed=removed_ids)
            )
    except BaseException:
        storage = Bulletin._meta.get_field("source_file").storage
        for name in saved_paths:
            storage.delete(name)
        raise
    return ImportOutcome("replaced" if removed_ids else "created", bulletin)


def delete_bulletin(bulletin: Bulletin) -> None:
    """Delete a bulletin; its documents leave the index after commit."""
    pk = bulletin.pk
    file_name = bulletin.source_file.name if bulletin.source_file else ""
    storage = Bulletin._meta.get_field("source_file").storage
    with transaction.atomic():
        bulletin.delete()
        transaction.on_commit(lambda: bulletins_changed.send(sender=Bulletin, added=[], removed=[pk]))
        if file_name:
            transaction.on_commit(lambda: storage.delete(file_name))


def _create_rows(parsed: ParsedBulletin, digest: str, source_name: str) -> Bulletin:
    bulletin = Bulletin.objects.create(
        gazette=parsed.gazette,
        year=parsed.year,
        issue=parsed.issue,
        total_issue=parsed.total_issue,
        published=parsed.published,
        source_name=PurePath(source_name).name[:255],
        source_sha256=digest,
        ledger=parsed.to_json_dict()["ledger"],
        warnings=list(parsed.warnings),
    )
    for position, parsed_article in enumerate(parsed.articles, start=1):
        article = Article.objects.create(
            bulletin=bulletin,
            position=position,
            title=parsed_article.title,
            category=parsed_article.category,
            start_page=parsed_article.start_page,
            subtitle=parsed_article.subtitle,
            speaker=parsed_article.speaker,
            doc_number=parsed_article.doc_number,
        )
        _create_body(article, parsed_article.blocks)
    return bulletin


def _create_body(article: Article, blocks) -> None:
    # Sections are created one by one (a child needs its parent's id); paragraphs in one batch.
    stack: list[Section] = []
    paragraphs: list[Paragraph] = []
    section_position = 0
    for block in blocks:
        if block.kind == "heading":
            while stack and stack[-1].level >= block.level:
                stack.pop()
            section_position += 1
            section = Section.objects.create(
                article=article,
                parent=stack[-1] if stack else None,
                position=section_position,
                level=block.level,
                number=block.number,
                title=block.text.removeprefix(block.number).strip() or block.text,
            )
            stack.append(section)
        elif block.kind in ARTICLE_FIELD_KINDS:
            continue  # stored on the article itself (文号, subtitle, speaker)
        else:
            paragraphs.append(
                Paragraph(article=article, section=stack[-1] if stack else None, number=len(paragraphs) + 1, text=block.text)
            )
    Paragraph.objects.bulk_create(paragraphs, batch_size=500)
