"""Platform-level Celery tasks: a probe that proves a worker runs our code."""

import os
import platform as stdlib_platform  # the standard library's, never our folder

from celery import shared_task


@shared_task(name="mgplatform.ping")
def ping() -> dict:
    """Answer from inside a worker process; used by health checks and tests."""
    return {"pong": True, "system": stdlib_platform.system(), "pid": os.getpid()}
