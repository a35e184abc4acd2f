"""The job worker's tasks (django-tasks; queued in the database, run by `manage.py archive_worker`)."""
from django_tasks import task

from . import runner


@task()
def run_job(job_id: int) -> str:
    return runner.run(job_id)
