"""The editor's upload, between "file received" and "confirmed": type sniffing, a bounded upload
handler, and the staging area under ARCHIVE_DATA_DIR/uploads/.

Nothing here trusts the client's file name as a path: staged files are named by a random token the
server chooses (32 hex digits: the import job's), never by the name the editor's browser sent, which
is kept as text (source_name), never joined to a directory.
"""
from __future__ import annotations

import re
import tempfile
import time
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from .ingest.document import ParsedBulletin

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
STALE_AFTER_SECONDS = 24 * 3600

# Files that are surely not a bulletin, whatever their name says.
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", gettext_lazy("PNG 图片")),
    (b"\xff\xd8\xff", gettext_lazy("JPEG 图片")),
    (b"GIF87a", gettext_lazy("GIF 图片")),
    (b"GIF89a", gettext_lazy("GIF 图片")),
    (b"II*\x00", gettext_lazy("TIFF 图片")),
    (b"MM\x00*", gettext_lazy("TIFF 图片")),
    (b"RIFF", gettext_lazy("RIFF 文件（WebP 图片或 WAV 音频）")),
    (b"PK\x03\x04", gettext_lazy("ZIP 压缩包（或 Word/Excel/OFD 文件）")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", gettext_lazy("旧版 Word/Excel 文档")),
    (b"{\\rtf", gettext_lazy("RTF 文档")),
    (b"\x1f\x8b", gettext_lazy("gzip 压缩包")),
    (b"Rar!", gettext_lazy("RAR 压缩包")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("7-Zip 压缩包")),
    (b"\x7fELF", gettext_lazy("可执行程序")),
    (b"MZ", gettext_lazy("Windows 可执行程序")),
]


class UploadRefused(Exception):
    """A file the upload form refuses; the message is shown to the editor as is."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "ARCHIVE_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def display_name(client_name: str | None) -> str:
    """The client's file name as harmless text: last path component, no control characters."""
    name = client_name or ""
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().strip(".")
    return name[:200] or _("上传的文件")


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}


def sniff(data: bytes, name: str) -> str:
    """'pdf' or 'text' by content; refuse what is neither, naming what it really is."""
    if not data.strip():
        raise UploadRefused(_("%(name)s：文件是空的") % {"name": name})
    if data.startswith(b"%PDF-"):
        return "pdf"
    suffix = PurePosixPath(name).suffix.lower()
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            disguise = _("（文件名却以 %(suffix)s 结尾）") % {"suffix": suffix} if suffix else ""
            raise UploadRefused(_("%(name)s：这是%(kind)s%(disguise)s，不是公报文本或 PDF")
                                % {"name": name, "kind": kind, "disguise": disguise})
    if suffix == ".pdf":
        raise UploadRefused(_("%(name)s：文件名是 .pdf，内容却不是 PDF（没有 %%PDF- 文件头）：请上传真正的 PDF 或文字")
                            % {"name": name})
    return "text"


class BoundedUploadHandler(FileUploadHandler):
    """Streams the upload into a temporary file under ARCHIVE_DATA_DIR/uploads/ (never the system
    temp directory) and stops reading a file as soon as it passes the size limit."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = max_upload_bytes() if limit is None else limit
        self.file = None
        self.received = 0

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        if content_length is not None and content_length > self.limit:
            self._too_big(content_length)
        self.file = tempfile.NamedTemporaryFile(dir=upload_dir(), prefix="incoming-", suffix=".part")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.file.close()  # deletes it
            self._too_big(self.received)
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.file.flush()
        self.file.seek(0)
        return UploadedFile(self.file, name=self.file_name, content_type=self.content_type, size=file_size, charset=self.charset)

    def _too_big(self, size):
        if self.request is not None:
            self.request.upload_too_large = (display_name(self.file_name), size)
        raise SkipFile()


# ---------------------------------------------------------------- staging area (files of import jobs: jobs.runner)


def purge_stale(now: float | None = None) -> int:
    """Remove staged files nobody confirmed or cancelled within a day (closed tabs)."""
    now = time.time() if now is None else now
    removed = 0
    for path in upload_dir().iterdir():
        try:
            if path.is_file() and now - path.stat().st_mtime > STALE_AFTER_SECONDS:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


def parsed_from_json(data: dict) -> ParsedBulletin:
    """The inverse of ParsedBulletin.to_json_dict."""
    return ParsedBulletin.from_json_dict(data)
