"""Faults in the real services (issue 13): a private PostgreSQL restarted during vote load, a
private Redis stopped and started again. Each starts its own server (never the machine's), on
ports 5443/6391, and is bounded in time.

- PostgreSQL restarted while participants vote: every answer is a success or a clean 503 that
  the client retries; afterwards every acknowledged vote is stored exactly once.
- Redis stopped: pages that need no broker keep serving, the API too (its throttle counters
  fail open), /healthz says 503 naming the broker; work queued before the outage and work
  submitted during it (lost by the broker) runs once Redis is back (a worker and the sweep).
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PYTHON, ROOT, project_env, wait_for_http
from tests.platform.test_processes import BIN, migrate

pytestmark = [pytest.mark.worker, pytest.mark.slow]
PG_PORT, REDIS_PORT, WEB_PORT = 5443, 6391, 8723


def shell(env, code: str):
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def gunicorn(env, log: Path) -> subprocess.Popen:
    web = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:mgplatform.gunicorn_conf",
            "mgplatform.wsgi:application",
            "--bind",
            f"127.0.0.1:{WEB_PORT}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    wait_for_http(f"http://127.0.0.1:{WEB_PORT}/healthz", process=web)
    return web


def call(path, *, method="GET", body=None, key=None, timeout=15):
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{WEB_PORT}{path}", data=data, method=method, headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        return None, str(exc).encode()


# --- PostgreSQL restarted during vote load ---------------------------------------------------

VOTERS, STORIES = 8, 12
MAKE_VOTING_WORLD = f"""
import json
from mgplatform.accounts.apikeys import api_key_create
from tests.factories import (CanonicalValueFactory, ContextFactory, DeliberationFactory,
    EdgeHypothesisFactory, ParticipantFactory)
d = DeliberationFactory(slug="load")
values = [CanonicalValueFactory(deliberation=d) for _ in range(5)]
contexts = [ContextFactory(deliberation=d) for _ in range(3)]
pairs = [(a, b, c) for c in contexts for a in values for b in values if a != b][:{STORIES}]
stories = [EdgeHypothesisFactory(deliberation=d, from_value=a, to_value=b, context=c).pk
           for a, b, c in pairs]
keys = []
for i in range({VOTERS}):
    p = ParticipantFactory(deliberation=d)
    keys.append(api_key_create(owner=p.user, name="voter", scopes=["participate"])[1])
print(json.dumps({{"stories": stories, "keys": keys}}))
"""
COUNT_VOTES = """
import json
from django.db.models import Count
from moralgraph.models import WiserVote
rows = WiserVote.objects.values_list("participant__user__api_keys__prefix", "hypothesis_id")
dupes = (WiserVote.objects.values("participant", "from_value", "to_value", "context")
         .annotate(n=Count("id")).filter(n__gt=1).count())
print(json.dumps({"rows": [list(r) for r in rows], "duplicates": dupes}))
"""


@pytest.fixture
def private_postgres(tmp_path):
    """initdb in a temporary folder and a server on PG_PORT (as `postgres` when run as root:
    PostgreSQL refuses to run as root)."""
    if not shutil.which("initdb") or not shutil.which("pg_ctl"):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    base = Path(tempfile.mkdtemp(prefix="mg-faults-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if as_owner:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    subprocess.run(
        [*as_owner, "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {PG_PORT} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = [*as_owner, "pg_ctl", "-D", str(data), "-o", options, "-l", str(base / "pg.log"), "-w"]
    subprocess.run([*ctl, "start"], check=True, capture_output=True, timeout=60)
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "mg"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    yield ctl
    subprocess.run([*ctl, "stop", "-m", "immediate"], capture_output=True, timeout=60)
    shutil.rmtree(base, ignore_errors=True)


def test_votes_survive_a_postgresql_restart(tmp_path, private_postgres):
    env = project_env(
        DEBUG="true",
        VAR_DIR=str(tmp_path / "var"),
        LLM_BASE_URL="",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PORT}/mg",
    )
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    migrate(env)
    world = shell(env, MAKE_VOTING_WORLD)
    web = gunicorn(env, tmp_path / "web.log")
    acknowledged, statuses, lock = set(), [], threading.Lock()

    def voter(key):
        for story in world["stories"]:
            for _attempt in range(40):  # a client that retries a 503 or a refused connection
                status, _ = call(
                    "/api/v1/deliberations/load/votes/",
                    method="POST",
                    body={"hypothesis": story, "choice": "wiser"},
                    key=key,
                )
                with lock:
                    statuses.append(status)
                if status == 201:
                    with lock:
                        acknowledged.add((key.split("_")[1], story))
                    break
                time.sleep(0.25)

    threads = [threading.Thread(target=voter, args=(k,)) for k in world["keys"]]
    try:
        for t in threads:
            t.start()
        time.sleep(1.0)
        subprocess.run(
            [*private_postgres, "restart", "-m", "fast"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        for t in threads:
            t.join(timeout=120)
    finally:
        web.terminate()
        web.wait(timeout=30)
    log = (tmp_path / "web.log").read_text()
    assert not [s for s in statuses if s is not None and s >= 500 and s != 503], log[-3000:]
    assert 500 not in statuses
    stored = shell(env, COUNT_VOTES)
    assert stored["duplicates"] == 0
    assert {tuple(r) for r in stored["rows"]} == acknowledged  # every acknowledged vote, once
    assert len(stored["rows"]) == len(acknowledged) == VOTERS * STORIES


# --- Redis stopped ---------------------------------------------------------------------------


def start_redis(tmp_path) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(tmp_path),
            "--appendonly",
            "yes",
            "--save",
            "",
        ],
        stdout=(tmp_path / "redis.log").open("a"),
        stderr=subprocess.STDOUT,
    )
    import redis

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            redis.Redis(port=REDIS_PORT).ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.1)
    raise AssertionError("private redis did not start")


MAKE_CARD = """
import json
from django.db import transaction
from mgplatform.queue import enqueue_on_commit
from tests.factories import DeliberationFactory, ParticipantFactory, QuestionFactory, ValuesCardFactory
from moralgraph.models import Deliberation
d = Deliberation.objects.filter(slug="up").first()
if d is None:
    d = DeliberationFactory(slug="up")
    QuestionFactory(deliberation=d, slug="uq")
    ParticipantFactory(deliberation=d, pseudonym="up-writer")
with transaction.atomic():
    card = ValuesCardFactory(author=d.participants.first(), question=d.questions.first(),
        canonical_value=None, title=TITLE, description="Said when it happened.",
        policies=["MOMENTS of x"])
    enqueue_on_commit("moralgraph.dedupe_card", card.pk)
print(json.dumps(card.pk))
"""
LINKED = """
import json
from moralgraph.models import ValuesCard
print(json.dumps(list(ValuesCard.objects.filter(canonical_value__isnull=True).values_list("pk", flat=True))))
"""


@pytest.fixture
def redis_server(tmp_path):
    holder = {"server": start_redis(tmp_path)}
    yield holder
    if holder["server"].poll() is None:
        holder["server"].terminate()
        holder["server"].wait(timeout=20)


def test_redis_stopped_pages_serve_healthz_says_why_and_work_runs_after(tmp_path, redis_server):
    redis_url = f"redis://127.0.0.1:{REDIS_PORT}"
    env = project_env(
        DEBUG="true",
        VAR_DIR=str(tmp_path / "var"),
        LLM_BASE_URL="",
        CELERY_BROKER_URL=f"{redis_url}/0",
        CELERY_RESULT_BACKEND=f"{redis_url}/0",
        CACHE_URL=f"rediscache://127.0.0.1:{REDIS_PORT}/1",
        SWEEP_GRACE_SECONDS="1",
    )
    env.pop("DATABASE_URL", None)
    migrate(env)
    before = shell(env, MAKE_CARD.replace("TITLE", '"Queued before the outage"'))
    web = gunicorn(env, tmp_path / "web.log")
    worker = None
    try:
        assert call("/healthz")[0] == 200
        redis_server["server"].terminate()
        redis_server["server"].wait(timeout=20)
        status, body = call("/healthz")
        assert status == 503
        assert json.loads(body)["checks"]["broker"]["status"] == "error"
        assert call("/")[0] == 200  # a page that needs no broker
        assert call("/api/v1/deliberations/")[0] == 200  # throttles fail open
        during = shell(env, MAKE_CARD.replace("TITLE", '"Submitted during the outage"'))
        redis_server["server"] = start_redis(tmp_path)
        assert call("/healthz")[0] == 200
        worker = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "mgplatform",
                "worker",
                "-Q",
                "default",
                "--concurrency",
                "1",
                "--without-mingle",
                "--without-gossip",
                "-l",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=(tmp_path / "worker.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        pending = shell(env, LINKED)
        while pending and time.monotonic() < deadline:
            time.sleep(2)
            pending = shell(env, LINKED)
        assert pending == [], (before, during, (tmp_path / "worker.log").read_text()[-3000:])
    finally:
        for process in (web, worker):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
