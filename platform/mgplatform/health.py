"""GET /healthz: is the database reachable, is the broker reachable. 200 or 503, always JSON."""

import platform as stdlib_platform
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

BROKER_TIMEOUT_SECONDS = 2


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        # The embedded broker is a folder: it is up when both processes can write to it.
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        if not folder.is_dir() or not _writable(folder):
            raise OSError(f"broker folder {folder} is not writable")
        return "ok"
    with Connection(url, connect_timeout=BROKER_TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


def _writable(folder: Path) -> bool:
    probe = folder / ".healthz"
    try:
        probe.write_text("ok")
        probe.unlink()
    except OSError:
        return False
    return True


CHECKS = {"database": check_database, "broker": check_broker}


@never_cache
@require_GET
def healthz(request):
    checks = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = {"status": check()}
        except Exception as exc:  # any failure is a health result, not a server error
            checks[name] = {"status": "error", "error": exc.__class__.__name__}
    healthy = all(c["status"] == "ok" for c in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": checks,
        "python": stdlib_platform.python_version(),
    }
    return JsonResponse(body, status=200 if healthy else 503)
