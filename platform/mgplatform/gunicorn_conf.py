"""gunicorn's settings for the shipped web service (`gunicorn -c python:mgplatform.gunicorn_conf
mgplatform.wsgi:application`, as docker-compose.yml and the Dockerfile run it).

Threaded workers, so one slow request (an LLM reply) does not hold a whole process; a worker
timeout well above the LLM deadline of a participant's request (LLM_REQUEST_DEADLINE_SECONDS,
20 s by default), so the app answers with its own error first; access lines without invite
tokens or API keys."""

import os

from gunicorn.glogging import Logger

from mgplatform.logredact import redact

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
logger_class = "mgplatform.gunicorn_conf.RedactingLogger"


class RedactingLogger(Logger):
    """gunicorn's logger; the request line, path, query and referrer are redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "q", "f"):
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms
