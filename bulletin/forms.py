"""Forms of the editor's upload: the file, then confirm / replace / cancel of the staged upload."""
from __future__ import annotations

from django import forms

from .upload import TOKEN_RE, UploadRefused, display_name, human_size, max_upload_bytes, sniff


class BulletinUploadForm(forms.Form):
    file = forms.FileField(
        label="公报文件",
        help_text="PDF 原件，或从 PDF 提取的文本（UTF-8、UTF-16 或 GB18030/GBK 编码均可）。",
        error_messages={"required": "请选择要上传的公报文件（PDF 或从 PDF 提取的文字）。",
                        "empty": "文件是空的。"},
    )

    force_reason = forms.CharField(
        label="强制导入理由", required=False, max_length=500,
        help_text="只在文件被指出有缺陷（混用编码、乱码、控制字符、正文太少）而仍要导入时填写；理由存在该期上。",
    )

    def __init__(self, *args, too_large=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large  # (name, bytes received) when the upload handler stopped reading
        self.data_bytes = b""
        self.kind = ""
        self.client_name = ""

    def clean(self):
        if self.too_large:
            name, size = self.too_large
            raise forms.ValidationError(
                f"{name}: 文件超过 {human_size(max_upload_bytes())} 的上传上限（至少 {human_size(size)}）。", code="too_large")
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = display_name(upload.name)
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                f"{name}: 文件超过 {human_size(max_upload_bytes())} 的上传上限（{human_size(upload.size)}）。", code="too_large")
        upload.seek(0)
        data = upload.read()
        try:
            self.kind = sniff(data, name)
        except UploadRefused as exc:
            raise forms.ValidationError(str(exc), code="refused") from None
        self.data_bytes = data
        self.client_name = name
        return upload


class StagedUploadForm(forms.Form):
    ACTIONS = (("import", "导入"), ("replace", "替换"), ("cancel", "取消"))
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)
    action = forms.ChoiceField(choices=ACTIONS)

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not TOKEN_RE.match(token):
            raise forms.ValidationError("没有这次上传。")
        return token
