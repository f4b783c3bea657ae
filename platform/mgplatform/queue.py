"""Enqueue Celery tasks only once the surrounding transaction commits."""

from celery import Task
from django.db import transaction

from .celery import app


def registered_task(name: str) -> Task:
    """The task registered under `name`, importing the apps' task modules on first use (as a
    worker does at start), so services can name a task without importing its module."""
    if name not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks[name]


def enqueue_on_commit(task: Task | str, *args, **kwargs) -> None:
    """A worker must never look for a row that is not committed yet (or never will be).

    `task` is a task or its registered name. Robust: if the broker is down after the commit,
    the failure is logged and the user's request still succeeds — what they submitted is
    saved; the task can be re-run later.
    """
    name = task if isinstance(task, str) else getattr(task, "name", "task")

    def send() -> None:  # named: Django logs a failed robust callback by its name
        (registered_task(task) if isinstance(task, str) else task).delay(*args, **kwargs)

    send.__name__ = f"enqueue_{name}"
    transaction.on_commit(send, robust=True)
