"""What an import job does, phase by phase. Each phase is idempotent and records its outcome on
the job in the same transaction as its effect, so a worker killed anywhere leaves a job that
another pass can take up again (jobs.sweep) without doing anything twice."""
from __future__ import annotations

import json
import logging
import os
import secrets
import socket

from django.db import transaction
from django.utils.translation import gettext as _

from bulletin import upload as staging
from bulletin.faults import fault_point
from bulletin.ingest.errors import IngestError
from bulletin.ingest.text_checks import was_forced
from bulletin.overrides import record_override
from bulletin.services import IssueConflict, sha256_hex, store_bulletin
from bulletin.sources import files_guard

from .models import ImportJob

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_alive(worker: str) -> bool | None:
    """False if ``host:pid`` is a process of this host that is gone; None if it cannot be told."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def staged_path(job: ImportJob, suffix: str):
    return staging.upload_dir() / f"{job.token}{suffix}"


def parse_file(data: bytes, name: str, accept_flaws: bool = False):
    # Looked up at call time: tests may replace the pipeline module.
    from bulletin.ingest.pipeline import parse_bulletin

    return parse_bulletin(data, name, accept_flaws=accept_flaws)


def create_job(data: bytes, name: str, *, user=None, origin=ImportJob.ORIGIN_ADMIN, force_reason: str = "") -> ImportJob:
    """Keep the file and create its job (and, for the admin, the task that parses it) at once."""
    from .tasks import run_job

    token = secrets.token_hex(16)
    with files_guard():  # the staged file and its job row appear together for the sweep
        (staging.upload_dir() / f"{token}.upload").write_bytes(data)
        with transaction.atomic():
            job = ImportJob.objects.create(token=token, origin=origin, source_name=name[:255], size=len(data),
                                           sha256=sha256_hex(data), created_by=user, force_reason=force_reason)
            if origin == ImportJob.ORIGIN_ADMIN:
                run_job.enqueue(job.pk)  # the task row commits with the job (database backend)
    return job


def confirm(job: ImportJob, *, replace: bool) -> bool:
    """The editor's confirm: queue the store. Only one confirm wins (a double click, two tabs)."""
    from .tasks import run_job

    with transaction.atomic():
        moved = ImportJob.objects.filter(pk=job.pk, state__in=[ImportJob.PARSED, ImportJob.PREVIEWED]).update(
            state=ImportJob.CONFIRMED, replace=replace, error="")
        if moved:
            run_job.enqueue(job.pk)
        fault_point("confirm:before-commit")
    return bool(moved)


def fail(job: ImportJob, error: str) -> None:
    job.state, job.error = ImportJob.FAILED, error[:500]
    job.save(update_fields=["state", "error", "updated_at"])
    discard_files(job)


def discard_files(job: ImportJob) -> None:
    for suffix in (".upload", ".json"):
        staged_path(job, suffix).unlink(missing_ok=True)


def parse_phase(job: ImportJob) -> None:
    """uploaded → parsed (the parse kept beside the file for the preview), or failed."""
    try:
        data = staged_path(job, ".upload").read_bytes()
    except FileNotFoundError:
        return fail(job, f"{job.source_name}：上传的文件已不在（已过期或被清理），请重新上传")
    fault_point("job:parsing")
    try:
        parsed = parse_file(data, job.source_name, accept_flaws=bool(job.force_reason))
    except IngestError as exc:
        return fail(job, str(exc))
    except Exception as exc:  # a bug in the importer must not look like a server crash to the editor
        log.exception("importer failed on job %s (%s)", job.pk, job.source_name)
        return fail(job, f"{job.source_name}：导入程序处理这个文件时出错（{type(exc).__name__}），"
                         "没有存入任何内容；请连同文件一起报告")
    tmp = staged_path(job, ".json.part")
    tmp.write_text(json.dumps(parsed.to_json_dict(), ensure_ascii=False), encoding="utf-8")
    tmp.replace(staged_path(job, ".json"))  # whole or absent, never half
    job.summary = {"gazette": parsed.gazette, "year": parsed.year, "issue": parsed.issue,
                   "articles": len(parsed.articles), "paragraphs": sum(len(a.paragraphs) for a in parsed.articles)}
    job.state, job.error = ImportJob.PARSED, ""
    job.save(update_fields=["summary", "state", "error", "updated_at"])


def load_parse(job: ImportJob):
    data = staged_path(job, ".upload").read_bytes()
    parsed = staging.parsed_from_json(json.loads(staged_path(job, ".json").read_text(encoding="utf-8")))
    return data, parsed


def store_phase(job: ImportJob) -> None:
    """confirmed → stored (bulletin and job state in one transaction) → indexed."""
    try:
        data, parsed = load_parse(job)
    except FileNotFoundError:
        return fail(job, f"{job.source_name}：上传的文件已不在（已过期或被清理），请重新上传")
    try:
        with files_guard(), transaction.atomic():
            outcome = store_bulletin(parsed, source_bytes=data, source_name=job.source_name, replace=job.replace)
            if outcome.status != "unchanged":
                record_override(outcome.bulletin, job.force_reason if was_forced(parsed.warnings) else "")
            job.state, job.bulletin, job.error = ImportJob.STORED, outcome.bulletin, ""
            job.message = (_("%(outcome)s（%(articles)d 篇，%(paragraphs)d 段）。") % {
                "outcome": outcome.message, "articles": len(parsed.articles),
                "paragraphs": sum(len(a.paragraphs) for a in parsed.articles)})[:500]
            job.save(update_fields=["state", "bulletin", "error", "message", "updated_at"])
    except IssueConflict as exc:
        job.state, job.error = ImportJob.PREVIEWED, f"{exc}。没有存入任何内容。"[:500]
        job.save(update_fields=["state", "error", "updated_at"])
        return
    discard_files(job)
    catch_up_index()


def catch_up_index() -> None:
    """Apply the outbox now (the worker retries later if this fails) and finish stored jobs."""
    from search.outbox import apply_pending

    try:
        apply_pending()
    except Exception:
        log.warning("index not updated yet; the worker retries", exc_info=True)
    mark_indexed()


def mark_indexed() -> int:
    from search.outbox import pending_bulletins

    return (ImportJob.objects.filter(state=ImportJob.STORED).exclude(bulletin_id__in=pending_bulletins())
            .update(state=ImportJob.INDEXED))


def run(job_id: int) -> str:
    """Claim the job for this process, run its next phase, release it. Returns the new state."""
    me = this_worker()
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state not in (ImportJob.UPLOADED, ImportJob.CONFIRMED):
            return job.state if job else "gone"
        if job.worker and job.worker != me and worker_alive(job.worker) is not False:
            return job.state  # another live process has it
        job.worker, job.attempts = me, job.attempts + 1
        job.save(update_fields=["worker", "attempts", "updated_at"])
    started_in = job.state
    try:
        if job.attempts > MAX_ATTEMPTS:
            fail(job, f"{job.source_name}：处理这个文件的进程中断了 {MAX_ATTEMPTS} 次，已停止；请检查文件或联系管理员")
        elif job.state == ImportJob.UPLOADED:
            parse_phase(job)
        else:
            store_phase(job)
    finally:
        # A phase that ended (either way) resets the count of interrupted attempts.
        done = {"attempts": 0} if job.state != started_in else {}
        ImportJob.objects.filter(pk=job.pk, worker=me).update(worker="", **done)
    return job.state


def command_job(name: str, data: bytes) -> ImportJob:
    """The import command's record of one file: the command's own process does the work."""
    return ImportJob.objects.create(token=secrets.token_hex(16), origin=ImportJob.ORIGIN_COMMAND, source_name=name[:255],
                                    size=len(data), sha256=sha256_hex(data), worker=this_worker(), attempts=1)


def command_store(job: ImportJob, parsed, data: bytes, replace: bool, force_reason: str = ""):
    """parsed → stored → indexed for the import command; the job records each step."""
    job.state, job.summary = ImportJob.PARSED, {"gazette": parsed.gazette, "year": parsed.year, "issue": parsed.issue,
                                                 "articles": len(parsed.articles)}
    job.save(update_fields=["state", "summary", "updated_at"])
    try:
        with files_guard(), transaction.atomic():
            outcome = store_bulletin(parsed, source_bytes=data, source_name=job.source_name, replace=replace)
            if outcome.status != "unchanged":
                record_override(outcome.bulletin, force_reason if was_forced(parsed.warnings) else "")
            job.state, job.bulletin, job.message, job.worker = ImportJob.STORED, outcome.bulletin, outcome.message[:500], ""
            job.save(update_fields=["state", "bulletin", "message", "worker", "updated_at"])
    except Exception as exc:
        fail(job, f"{job.source_name}：{exc}")
        raise
    mark_indexed()  # the index was updated on commit (or the outbox keeps the change for the worker)
    return outcome
