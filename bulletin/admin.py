"""The editors' admin: bulletins read-only (they come from files, not from typing), upload with
preview and confirm, and deletion through services.delete_bulletin so the search index follows."""
from __future__ import annotations

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from . import upload as staging
from jobs.models import ImportJob
from jobs.runner import confirm, create_job, discard_files, fail, load_parse

from .forms import BulletinUploadForm, StagedUploadForm
from .ingest.errors import IngestError
from .ingest.version import importer_version
from .models import Article, Block, Bulletin, Gazette
from .overrides import clean_reason, parser_for
from .preview import preview_context
from .services import delete_bulletin, find_clash, find_same_file, reparse_bulletin

log = logging.getLogger(__name__)

# The admin under the archive's own name (Django's default says "Django administration").
admin.site.site_header = gettext_lazy("公报档案管理")
admin.site.site_title = gettext_lazy("公报档案管理")
admin.site.index_title = gettext_lazy("编辑工作台")


def parse_bulletin(data: bytes, name: str, accept_flaws: bool = False):
    # Looked up at call time so the pipeline module can be replaced while the server runs tests.
    from .ingest.pipeline import parse_bulletin as parse

    return parse(data, name, accept_flaws=accept_flaws)


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ("position", "title", "category", "start_page", "paragraph_count", "reader_link")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_paragraphs=Count("blocks", filter=Q(blocks__kind="paragraph")))

    @admin.display(description=gettext_lazy("段落数"))
    def paragraph_count(self, obj):
        return obj.n_paragraphs

    @admin.display(description=gettext_lazy("阅读"))
    def reader_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("打开"))

    # Articles are part of their bulletin: whoever may see the bulletin sees them (read-only).
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("bulletin.view_bulletin") or request.user.has_perm("bulletin.change_bulletin")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Gazette)
class GazetteAdmin(admin.ModelAdmin):
    """A gazette's slug starts every permanent address of its issues; its name is what the
    importer reads off the masthead, so it stays as imported."""

    list_display = ("name", "slug", "province", "city", "bulletin_count", "public_page")
    search_fields = ("name", "slug", "city", "province")
    fields = ("name", "slug", "province", "city")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_bulletins=Count("bulletins"))

    def get_readonly_fields(self, request, obj=None):
        return ("name",) if obj is not None else ()

    @admin.display(description=gettext_lazy("期数"), ordering="n_bulletins")
    def bulletin_count(self, obj):
        return obj.n_bulletins

    @admin.display(description=gettext_lazy("公开页面"))
    def public_page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ("__str__", "year", "issue", "total_issue", "published", "article_count", "source_name",
                    "imported_at", "current_parse")
    list_filter = ("year", "gazette")
    list_select_related = ("gazette",)
    search_fields = ("gazette__name", "source_name", "source_sha256", "articles__title")
    date_hierarchy = "published"
    inlines = [ArticleInline]
    fieldsets = (
        (None, {"fields": ("gazette", "year", "issue", "total_issue", "published", "public_page")}),
        (gettext_lazy("源文件"), {"fields": ("source_link", "source_sha256", "imported_at")}),
        (gettext_lazy("导入记录"), {"fields": ("importer_version", "parsed_at", "ledger_table", "warning_list", "override_reason")}),
    )
    readonly_fields = ("gazette", "year", "issue", "total_issue", "published", "public_page", "source_link",
                       "source_sha256", "imported_at", "importer_version", "parsed_at", "ledger_table", "warning_list",
                       "override_reason")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles", distinct=True))

    # Words, not Django's boolean icons: their alt text is a hard-coded English "True"/"False".
    @admin.display(description=gettext_lazy("解析器"))
    def current_parse(self, obj):
        return _("当前版本") if obj.importer_version == importer_version() else _("旧版本（可重新解析）")

    @admin.display(description=gettext_lazy("文章数"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    @admin.display(description=gettext_lazy("公开页面"))
    def public_page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj)

    @admin.display(description=gettext_lazy("原始文件"))
    def source_link(self, obj):
        if not obj.source_file:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_source_url(), obj.source_name or _("下载"))

    @admin.display(description=gettext_lazy("行账"))
    def ledger_table(self, obj):
        ledger = obj.ledger or {}
        rows = [(label, ledger.get(key, "—")) for key, label in (
            ("lines", _("输入行")), ("kept", _("正文")), ("duplicate", _("重复")), ("furniture", _("页眉页码")),
            ("front_matter", _("封面目录")))]
        return format_html("<table>{}</table>", format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows))

    @admin.display(description=gettext_lazy("导入提示"))
    def warning_list(self, obj):
        if not obj.warnings:
            return _("无")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w,) for w in obj.warnings)))

    # Bulletins change only by importing a file again (replace); the detail page is read-only.
    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:bulletin_bulletin_upload")

    # ------------------------------------------------------------ deletion through the service

    def delete_model(self, request, obj):
        delete_bulletin(obj)

    def delete_queryset(self, request, queryset):
        for bulletin in list(queryset):
            delete_bulletin(bulletin)

    def get_deleted_objects(self, objs, request):
        """A summary instead of every paragraph; deleting a bulletin needs only its own permission
        (its articles, headings and paragraphs are part of it)."""
        bulletins = list(objs)
        articles = Article.objects.filter(bulletin__in=bulletins)
        counts = {
            Bulletin._meta.verbose_name_plural: len(bulletins),
            Article._meta.verbose_name_plural: articles.count(),
            Block._meta.verbose_name_plural: Block.objects.filter(article__in=articles).count(),
        }
        perms_needed = set() if self.has_delete_permission(request) else {Bulletin._meta.verbose_name}
        return [str(b) for b in bulletins], counts, perms_needed, []

    # ------------------------------------------------------------ upload, preview, confirm

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="bulletin_bulletin_upload"),
            path("upload/<str:token>/", self.admin_site.admin_view(self.staged_view), name="bulletin_bulletin_staged"),
            path("<int:pk>/reparse/", self.admin_site.admin_view(self.reparse_view), name="bulletin_bulletin_reparse"),
        ] + super().get_urls()

    def _check_add_permission(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    @csrf_exempt  # CSRF is checked below, after the bounded upload handler is installed
    def upload_view(self, request):
        self._check_add_permission(request)
        # Django's default handlers would spool large files to the system temp directory and read
        # files of any size; this one writes only under ARCHIVE_DATA_DIR and stops at the limit.
        request.upload_handlers = [staging.BoundedUploadHandler(request)]
        return csrf_protect(self._upload_form)(request)

    def _upload_form(self, request):
        form = BulletinUploadForm()
        if request.method == "POST":
            form = BulletinUploadForm(request.POST, request.FILES, too_large=getattr(request, "upload_too_large", None))
            try:
                if form.is_valid():
                    response = self._parse_and_stage(request, form)
                    if response is not None:
                        return response
            finally:
                for uploaded in request.FILES.values():
                    uploaded.close()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("上传公报"),
            "form": form,
            "limit": staging.human_size(staging.max_upload_bytes()),
        }
        return TemplateResponse(request, "admin/bulletin/bulletin/upload.html", context)

    def _parse_and_stage(self, request, form):
        data, name = form.data_bytes, form.client_name
        same = find_same_file(data)
        if same is not None:
            messages.info(request, format_html(
                _('{name}：同一文件已在档案中（<a href="{url}">{bulletin}</a>），无需导入；'
                  '要用新的解析器重新解析，请在该期页面选择「重新解析」。'),
                name=name, url=same.get_absolute_url(), bulletin=same))
            return redirect("admin:bulletin_bulletin_upload")
        # Parsing is the job worker's: this request only keeps the file and queues its job.
        reason = clean_reason(form.cleaned_data.get("force_reason"))
        job = create_job(data, name, user=request.user, force_reason=reason)
        return redirect("admin:bulletin_bulletin_staged", token=job.token)

    def staged_view(self, request, token):
        """The job's page: progress (refreshing itself, no JavaScript) while the worker has it,
        the preview with confirm/cancel once parsed, then the result. Editors may leave and come
        back (the job list in the admin links here)."""
        self._check_add_permission(request)
        job = ImportJob.objects.filter(token=token).first() if staging.TOKEN_RE.match(token or "") else None
        if job is None:
            if request.method == "POST":
                messages.warning(request, _("这次上传已不在等待中（已确认、已取消或已过期）。"))
                return redirect("admin:bulletin_bulletin_upload")
            raise Http404("no such import job")
        if request.method == "POST":
            form = StagedUploadForm(request.POST)
            if not form.is_valid() or form.cleaned_data["token"] != token:
                raise PermissionDenied
            return self._finish(request, job, form.cleaned_data["action"])
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "job": job,
                   "token": token, "upload": {"name": job.source_name}, "size": staging.human_size(job.size)}
        if job.state in (ImportJob.PARSED, ImportJob.PREVIEWED):
            try:
                data, parsed = load_parse(job)
            except FileNotFoundError:
                fail(job, _("%(name)s：上传的文件已不在（已过期或被清理），请重新上传") % {"name": job.source_name})
            else:
                if job.state == ImportJob.PARSED:
                    ImportJob.objects.filter(pk=job.pk, state=ImportJob.PARSED).update(state=ImportJob.PREVIEWED)
                context.update(preview_context(parsed), title=_("导入预览"), same=find_same_file(data),
                               clash=find_clash(parsed))
                return TemplateResponse(request, "admin/bulletin/bulletin/upload_preview.html", context)
        context["title"] = _("导入任务：%(name)s") % {"name": job.source_name}
        return TemplateResponse(request, "admin/jobs/importjob/progress.html", context)

    def _finish(self, request, job, action):
        if action == "cancel":
            if job.state in (ImportJob.UPLOADED, ImportJob.PARSED, ImportJob.PREVIEWED, ImportJob.FAILED):
                job.state = ImportJob.CANCELLED
                job.save(update_fields=["state", "updated_at"])
                discard_files(job)
                messages.info(request, _("%(name)s：已取消上传，没有存入任何内容。") % {"name": job.source_name})
            else:
                messages.warning(request, _("%(name)s：任务已%(state)s，无法取消。") % {"name": job.source_name, "state": job.get_state_display()})
            return redirect("admin:bulletin_bulletin_upload")
        if job.state not in (ImportJob.PARSED, ImportJob.PREVIEWED):
            messages.warning(request, _("%(name)s：任务%(state)s，不能再确认。") % {"name": job.source_name, "state": job.get_state_display()})
            return redirect("admin:bulletin_bulletin_staged", token=job.token)
        confirm(job, replace=action == "replace")  # the store runs in the worker, not in this request
        job.refresh_from_db()
        if job.state == ImportJob.PREVIEWED and job.error:  # refused at once (a clash, without a worker)
            messages.error(request, job.error)
            return redirect("admin:bulletin_bulletin_staged", token=job.token)
        if job.state in (ImportJob.STORED, ImportJob.INDEXED) and job.bulletin is not None:
            bulletin = job.bulletin
            self.log_addition(request, bulletin, [{"added": {}}] if not job.replace else _("以上传的 %(name)s 替换") % {"name": job.source_name})
            messages.success(request, job.message)
            return redirect(bulletin.get_absolute_url())
        return redirect("admin:bulletin_bulletin_staged", token=job.token)

    # ------------------------------------------------------------ reparse: preview, then confirm

    def reparse_view(self, request, pk):
        """Parse the stored file again with the current importer: GET shows what would change and
        the new rendering; POST (CSRF-checked) swaps old for new in one transaction."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        bulletin = Bulletin.objects.select_related("gazette").filter(pk=pk).first()
        if bulletin is None:
            raise Http404("no such bulletin")
        if not bulletin.source_file:
            messages.error(request, _("%(bulletin)s 没有保存源文件，无法重新解析。") % {"bulletin": bulletin})
            return redirect("admin:bulletin_bulletin_change", pk)
        try:
            if request.method == "POST":
                changes = reparse_bulletin(bulletin, parse=parser_for(bulletin))
                self.log_change(request, bulletin, _("重新解析（解析器 %(version)s）") % {"version": importer_version()})
                messages.success(request, _("已重新解析 %(bulletin)s，地址不变：%(changes)s")
                                 % {"bulletin": bulletin, "changes": "；".join(changes.lines())})
                return redirect("admin:bulletin_bulletin_change", pk)
            parsed_holder = {}

            def parse_and_keep(data, name):
                parsed_holder["parsed"] = parse_bulletin(data, name, accept_flaws=bool(bulletin.override_reason))
                return parsed_holder["parsed"]

            changes = reparse_bulletin(bulletin, dry_run=True, parse=parse_and_keep)
        except (IngestError, FileNotFoundError) as exc:
            messages.error(request, _("%(bulletin)s：无法重新解析（%(reason)s）。档案未改动。")
                           % {"bulletin": bulletin, "reason": exc})
            return redirect("admin:bulletin_bulletin_change", pk)
        context = {
            **self.admin_site.each_context(request),
            **preview_context(parsed_holder["parsed"]),
            "opts": self.model._meta,
            "title": _("重新解析 %(bulletin)s") % {"bulletin": bulletin},
            "bulletin": bulletin,
            "changes": changes,
            "version": importer_version(),
        }
        return TemplateResponse(request, "admin/bulletin/bulletin/reparse.html", context)
