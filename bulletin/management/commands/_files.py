"""Reading bulletin files for the management commands: one clear line per problem."""
from pathlib import Path

from django.core.management.base import CommandError

from bulletin.ingest import IngestError, parse_bulletin
from bulletin.ingest.limits import human_size
from bulletin.upload import max_upload_bytes


def read_and_parse(path_text: str, *, accept_flaws: bool = False):
    """Return (bytes, ParsedBulletin) for a path, or raise CommandError naming the file. The size
    limit is the admin upload's (ARCHIVE_MAX_UPLOAD_BYTES), checked before the file is read."""
    path = Path(path_text)
    if not path.exists():
        raise CommandError(f"{path}：没有这个文件")
    if not path.is_file():
        raise CommandError(f"{path}：不是普通文件")
    size, limit = path.stat().st_size, max_upload_bytes()
    if size > limit:
        raise CommandError(f"{path}：文件有 {human_size(size)}，超过 {human_size(limit)} 的上限（ARCHIVE_MAX_UPLOAD_BYTES）")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}：无法读取（{exc.strerror}）") from None
    try:
        return data, parse_bulletin(data, str(path), accept_flaws=accept_flaws)
    except IngestError as exc:
        raise CommandError(str(exc)) from None
