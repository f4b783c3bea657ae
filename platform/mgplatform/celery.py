"""The Celery app: settings come from Django's (CELERY_*), tasks are autodiscovered from the apps."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mgplatform.settings")

app = Celery("mgplatform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

GPU_TASK_PREFIX = "alignment_jobs.train"


def route_task(name, args, kwargs, options, task=None, **kw):
    """Alignment training needs a GPU worker; everything else runs on the default queue."""
    return {"queue": "gpu" if name.startswith(GPU_TASK_PREFIX) else "default"}
