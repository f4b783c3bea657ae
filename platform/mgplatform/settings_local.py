"""Settings for local use (`manage.py` on a checkout, as cookiecutter-django's local settings):
DEBUG is on unless the environment says otherwise, so the public default SECRET_KEY is allowed
and operator commands work on a fresh checkout. Production (wsgi, Celery, the Dockerfile and
docker-compose.yml) uses `mgplatform.settings`, which refuses the default key without DEBUG."""

import os

os.environ.setdefault("DEBUG", "true")

from .settings import *  # noqa: F403
