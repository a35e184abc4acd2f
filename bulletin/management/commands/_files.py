"""Reading bulletin files for the management commands: one clear line per problem."""
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from bulletin.ingest import IngestError, parse_bulletin

MAX_BYTES = 200 * 1024 * 1024


def read_and_parse(path_text: str):
    """Return (bytes, ParsedBulletin) for a path, or raise CommandError naming the file."""
    path = Path(path_text)
    if not path.exists():
        raise CommandError(_("%(path)s：没有这个文件") % {"path": path})
    if not path.is_file():
        raise CommandError(_("%(path)s：不是普通文件") % {"path": path})
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise CommandError(_("%(path)s：%(size)d 字节，超过 %(limit)d 字节的上限") % {"path": path, "size": size, "limit": MAX_BYTES})
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(_("%(path)s：无法读取（%(reason)s）") % {"path": path, "reason": exc.strerror}) from None
    try:
        return data, parse_bulletin(data, str(path))
    except IngestError as exc:
        raise CommandError(str(exc)) from None
