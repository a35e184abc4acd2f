"""The worker's periodic pass: whatever a killed process left half-done is taken up again.

- tasks claimed by a worker process that is gone are marked failed, and their jobs queued again;
- import-command jobs whose process is gone are marked failed (the command can be run again);
- the index outbox is applied (retried every pass until the index holds it);
- staged uploads and source files nobody names any more are removed.
"""
from __future__ import annotations

import logging
import time

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from bulletin import upload as staging
from bulletin.sources import exclusive_files, remove_orphan_sources

from . import runner
from .models import ImportJob
from .tasks import run_job

log = logging.getLogger(__name__)
STALE_UPLOAD_S = 24 * 3600


class WorkerGone(Exception):
    """Recorded on a task whose worker process died while running it."""


def recover_tasks() -> int:
    """Tasks left RUNNING by a dead worker (worker id host:pid) are failed; returns how many."""
    recovered = 0
    for result in DBTaskResult.objects.filter(status="RUNNING"):
        worker = (result.worker_ids or [""])[-1]
        if runner.worker_alive(worker) is False:
            result.set_failed(WorkerGone(f"worker {worker} died while running this task"))
            recovered += 1
    return recovered


def requeue_jobs() -> list[int]:
    """Admin jobs waiting for the worker with no live task and no live process: queue them again."""
    queued_for = set()
    for args_kwargs in (DBTaskResult.objects.filter(status__in=["READY", "RUNNING"], task_path=run_job.module_path)
                        .values_list("args_kwargs", flat=True)):
        queued_for.update((args_kwargs or {}).get("args", [])[:1])
    requeued = []
    for job in ImportJob.objects.filter(state__in=[ImportJob.UPLOADED, ImportJob.CONFIRMED]):
        if job.worker and runner.worker_alive(job.worker) is not False:
            continue  # a live process (maybe on another host) has it
        if job.origin == ImportJob.ORIGIN_COMMAND:
            runner.fail(job, f"{job.source_name}：导入命令在完成前中断，没有存入任何内容；请重新运行导入命令")
            continue
        if job.pk in queued_for:
            continue
        with transaction.atomic():
            ImportJob.objects.filter(pk=job.pk, worker=job.worker).update(worker="")
            run_job.enqueue(job.pk)
        requeued.append(job.pk)
    return requeued


def remove_orphan_uploads(now: float | None = None) -> list[str]:
    """Staged files whose job is finished or missing (a process died before removing them)."""
    now = time.time() if now is None else now
    removed = []
    with exclusive_files() as free:
        if not free:
            return removed
        live = set(ImportJob.objects.exclude(state__in=[*ImportJob.DONE, ImportJob.STORED])
                   .values_list("token", flat=True))
        for path in staging.upload_dir().iterdir():
            token = path.name.split(".", 1)[0]
            stale = now - path.stat().st_mtime > STALE_UPLOAD_S
            if path.is_file() and (token not in live or stale) and not path.name.startswith("incoming-"):
                path.unlink(missing_ok=True)
                removed.append(path.name)
            elif path.name.startswith("incoming-") and stale:  # an upload cut off mid-way
                path.unlink(missing_ok=True)
    return removed


def sweep() -> dict:
    """One pass; each step on its own, so one failing does not stop the others."""
    report = {}
    for name, step in (("tasks", recover_tasks), ("jobs", requeue_jobs), ("index", runner.catch_up_index),
                       ("sources", remove_orphan_sources), ("uploads", remove_orphan_uploads)):
        try:
            report[name] = step()
        except Exception:
            log.exception("worker sweep step %s failed; retried next pass", name)
    return report
