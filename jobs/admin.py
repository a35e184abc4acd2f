"""The job list: every import, its state and its error; each row leads to the job's own page."""
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from .models import ImportJob

# django-tasks-db's own admin (task rows, in English only) stays off the editors' workbench: the job
# list below says everything an editor needs; the rows stay in the database for an operator.
try:
    from django_tasks_db.models import DBTaskResult

    admin.site.unregister(DBTaskResult)
except (ImportError, admin.sites.NotRegistered):
    pass


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("source_name", "state_link", "origin", "summary_text", "error", "created_by", "created_at")
    list_filter = ("state", "origin")
    search_fields = ("source_name", "sha256", "error")
    list_select_related = ("created_by",)

    @admin.display(description="状态", ordering="state")
    def state_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:bulletin_bulletin_staged", args=[obj.token]),
                           obj.get_state_display())

    @admin.display(description="解析结果")
    def summary_text(self, obj):
        s = obj.summary or {}
        if not s:
            return "—"
        return f"《{s.get('gazette')}》{s.get('year')}年第{s.get('issue')}期，{s.get('articles')} 篇"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A job's page is its progress/preview page (under the bulletin admin's upload).
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = ImportJob.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if job is None:
            raise Http404("no such job")
        return redirect("admin:bulletin_bulletin_staged", token=job.token)

    # Jobs are made by uploads and commands, never typed in; whoever may upload may see them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("bulletin.add_bulletin")

    def has_module_permission(self, request):
        return request.user.has_perm("bulletin.add_bulletin")
