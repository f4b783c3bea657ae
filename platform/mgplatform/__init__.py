"""The platform floor: settings, root URLs, WSGI/ASGI, the Celery app, accounts, health.

Imported as `mgplatform` (source root `platform/`), never as `platform`, which is
the standard-library module. Nothing here imports the apps above it.
"""

from .celery import app as celery_app

__all__ = ("celery_app",)
