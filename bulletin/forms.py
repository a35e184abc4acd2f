"""Forms of the editor's upload: the file, then confirm / replace / cancel of the staged upload."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .upload import TOKEN_RE, UploadRefused, display_name, human_size, max_upload_bytes, sniff


class BulletinUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("公报文件"),
        help_text=gettext_lazy("PDF 原件，或从 PDF 提取的文本（UTF-8、UTF-16 或 GB18030/GBK 编码均可）。"),
        error_messages={"required": gettext_lazy("Choose a bulletin file (PDF or extracted text) to upload."),
                        "empty": gettext_lazy("The file is empty."),
                        "invalid": gettext_lazy("No file was submitted. Check the encoding type on the form."),
                        "missing": gettext_lazy("No file was submitted.")},
    )

    force_reason = forms.CharField(
        label=gettext_lazy("强制导入理由"), required=False, max_length=500,
        help_text=gettext_lazy("只在文件被指出有缺陷（混用编码、乱码、控制字符、正文太少）而仍要导入时填写；理由存在该期上。"),
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
                _("%(name)s: the file is larger than the upload limit of %(limit)s (at least %(size)s).")
                % {"name": name, "limit": human_size(max_upload_bytes()), "size": human_size(size)}, code="too_large")
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = display_name(upload.name)
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("%(name)s: the file is larger than the upload limit of %(limit)s (%(size)s).")
                % {"name": name, "limit": human_size(max_upload_bytes()), "size": human_size(upload.size)},
                code="too_large")
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
    ACTIONS = (("import", gettext_lazy("导入")), ("replace", gettext_lazy("替换")), ("cancel", gettext_lazy("取消")))
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)
    action = forms.ChoiceField(choices=ACTIONS)

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not TOKEN_RE.match(token):
            raise forms.ValidationError(_("Unknown upload."))
        return token
