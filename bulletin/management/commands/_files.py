"""Reading bulletin files for the management commands: one clear line per problem."""
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from bulletin.ingest import IngestError, parse_bulletin
from bulletin.upload import human_size, max_upload_bytes


def read_and_parse(path_text: str, *, accept_flaws: bool = False):
    """Return (bytes, ParsedBulletin) for a path, or raise CommandError naming the file. The size
    limit is the admin upload's (ARCHIVE_MAX_UPLOAD_BYTES), checked before the file is read."""
    data = read_file(path_text)
    return data, parse_data(path_text, data, accept_flaws=accept_flaws)


def read_file(path_text: str) -> bytes:
    path = Path(path_text)
    if not path.exists():
        raise CommandError(_("%(path)s：没有这个文件") % {"path": path})
    if not path.is_file():
        raise CommandError(_("%(path)s：不是普通文件") % {"path": path})
    size, limit = path.stat().st_size, max_upload_bytes()
    if size > limit:
        raise CommandError(_("%(path)s：文件有 %(size)s，超过 %(limit)s 的上限（ARCHIVE_MAX_UPLOAD_BYTES）")
                           % {"path": path, "size": human_size(size), "limit": human_size(limit)})
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(_("%(path)s：无法读取（%(reason)s）") % {"path": path, "reason": exc.strerror}) from None


def parse_data(path_text: str, data: bytes, *, accept_flaws: bool = False):
    try:
        return parse_bulletin(data, path_text, accept_flaws=accept_flaws)
    except IngestError as exc:
        raise CommandError(str(exc)) from None
