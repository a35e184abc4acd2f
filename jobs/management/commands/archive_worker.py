"""The job worker: django-tasks' database worker plus a sweeper thread that takes up whatever a
killed process left half-done (jobs.sweep) and keeps the search index caught up.

Run one (or more) beside gunicorn: `python manage.py archive_worker`.
"""
import logging
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from jobs.runner import this_worker
from jobs.sweep import sweep

log = logging.getLogger("jobs.worker")


class Command(BaseCommand):
    help = "运行导入任务和检索索引的后台进程（与 gunicorn 并行运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.5, help="seconds between polls of the task queue")
        parser.add_argument("--sweep-interval", type=float, default=2.0, help="seconds between recovery passes")
        parser.add_argument("--once", action="store_true", help="one recovery pass and the queued tasks, then exit")

    def handle(self, *args, interval, sweep_interval, once, verbosity=1, **options):
        worker_id = this_worker()  # host:pid: the sweep of another worker can tell we are gone
        if once:
            self.stdout.write(f"sweep: {sweep()}")
            DbWorker(stdout=self.stdout, stderr=self.stderr).handle(
                verbosity=verbosity, queue_name="default", interval=0, batch=True, backend_name="default",
                startup_delay=False, reload=False, max_tasks=None, worker_id=worker_id, exclude_queues="")
            self.stdout.write(f"sweep: {sweep()}")
            return
        threading.Thread(target=self._sweeper, args=(sweep_interval,), daemon=True, name="sweeper").start()
        self.stdout.write(f"archive worker {worker_id} started", ending="\n")
        self.stdout.flush()
        DbWorker(stdout=self.stdout, stderr=self.stderr).handle(
            verbosity=verbosity, queue_name="default", interval=interval, batch=False, backend_name="default",
            startup_delay=False, reload=False, max_tasks=None, worker_id=worker_id, exclude_queues="")

    def _sweeper(self, every: float):
        while True:
            try:
                report = sweep()
                if any(report.get(k) for k in ("tasks", "jobs", "sources", "uploads")):
                    log.warning("worker sweep took up: %s", report)
            except Exception:
                log.exception("worker sweep failed")
            finally:
                close_old_connections()
            time.sleep(every)
