"""Reading bulletin files for the management commands: one clear line per problem."""
from pathlib import Path

from django.core.management.base import CommandError

from bulletin.ingest import IngestError, parse_bulletin

MAX_BYTES = 200 * 1024 * 1024


def read_and_parse(path_text: str):
    """Return (bytes, ParsedBulletin) for a path, or raise CommandError naming the file."""
    data = read_file(path_text)
    return data, parse_data(path_text, data)


def read_file(path_text: str) -> bytes:
    path = Path(path_text)
    if not path.exists():
        raise CommandError(f"{path}：没有这个文件")
    if not path.is_file():
        raise CommandError(f"{path}：不是普通文件")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise CommandError(f"{path}：{size} 字节，超过 {MAX_BYTES} 字节的上限")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}：无法读取（{exc.strerror}）") from None


def parse_data(path_text: str, data: bytes):
    try:
        return parse_bulletin(data, path_text)
    except IngestError as exc:
        raise CommandError(str(exc)) from None
