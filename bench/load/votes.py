"""Vote submission under load: gunicorn (the shipped config) + PostgreSQL + Redis on loopback,
locust at 10, 50 and 200 concurrent participants. Prints throughput, p50/p95/p99 and errors per
level, then counts the acknowledged votes against the database (each exactly once).

    .venv/bin/python bench/load/votes.py [--seconds 20] [--clients 10,50,200] [--workers 3]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mg_rel_bench, dropped and
recreated), BENCH_REDIS_URL (default redis://127.0.0.1:6379/6) for the cache and broker, and
port BENCH_PORT (8724). Target: ≥ 500 votes/s with p95 ≤ 100 ms at 50 clients.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DB = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mg_rel_bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
PORT = int(os.environ.get("BENCH_PORT", "8724"))
VOTERS = 400

WORLD = f"""
import json
from mgplatform.accounts.apikeys import api_key_create
from tests.factories import (CanonicalValueFactory, ContextFactory, DeliberationFactory,
    EdgeHypothesisFactory, ParticipantFactory)
d = DeliberationFactory(slug="bench")
values = [CanonicalValueFactory(deliberation=d) for _ in range(12)]
contexts = [ContextFactory(deliberation=d) for _ in range(3)]
stories = [EdgeHypothesisFactory(deliberation=d, from_value=a, to_value=b, context=c).pk
           for c in contexts for a in values for b in values if a != b][:200]
keys = [api_key_create(owner=ParticipantFactory(deliberation=d).user, name="bench",
        scopes=["participate"])[1] for _ in range({VOTERS})]
print(json.dumps({{"slug": "bench", "stories": stories, "keys": keys}}))
"""
COUNT = """
import json
from django.db.models import Count
from moralgraph.models import WiserVote
votes = WiserVote.objects.filter(deliberation__slug="bench")
dupes = votes.values("participant", "from_value", "to_value", "context").annotate(
    n=Count("id")).filter(n__gt=1).count()
rows = {f"{p} {h}" for p, h in votes.values_list("participant__user__api_keys__prefix", "hypothesis_id")}
print(json.dumps({"rows": sorted(rows), "duplicates": dupes}))
"""


def env() -> dict:
    out = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out.update(
        DEBUG="false",
        SECRET_KEY="bench-" + "k" * 60,
        SECURE_SSL="false",
        DATABASE_URL=DB,
        CELERY_BROKER_URL=REDIS,
        CELERY_RESULT_BACKEND=REDIS,
        CACHE_URL=REDIS.replace("redis://", "rediscache://"),
        LLM_BASE_URL="",
        API_RATE_PER_KEY="1000000/min",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="/dev/null",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
    )
    return out


def manage(e, *args, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=e,
        check=True,
        capture_output=capture,
        text=True,
        timeout=600,
    )


def fresh_database(e) -> None:
    name = DB.rsplit("/", 1)[1]
    admin = DB.rsplit("/", 1)[0] + "/postgres"
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin, "-qc", sql], check=True, capture_output=True)
    manage(e, "migrate", "--noinput", "-v0")


def shell(e, code):
    return json.loads(manage(e, "shell", "-c", code, capture=True).stdout.strip().splitlines()[-1])


def run_level(e, clients, seconds, workdir) -> dict:
    prefix = workdir / f"c{clients}"
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench/load/locustfile.py"),
            "--headless",
            "-u",
            str(clients),
            "-r",
            str(clients),
            "-t",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--processes",
            "1",
        ],
        cwd=ROOT,
        env=e,
        check=False,
        capture_output=True,
        timeout=seconds + 120,
    )
    with open(f"{prefix}_stats.csv") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "vote")
    return {
        "clients": clients,
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "votes_per_s": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", default="10,50,200")
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args(argv)
    e = env()
    fresh_database(e)
    workdir = Path(tempfile.mkdtemp(prefix="mg-load-"))
    (workdir / "world.json").write_text(json.dumps(shell(e, WORLD)))
    e.update(MG_BENCH_WORLD=str(workdir / "world.json"), MG_BENCH_ACKS=str(workdir / "acks.txt"))
    web = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:mgplatform.gunicorn_conf",
            "mgplatform.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
        ],
        cwd=ROOT,
        env=e,
        stdout=(workdir / "web.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        run_level(e, 6, 8, workdir)  # warm-up (each worker's first request imports the app)
        results = [run_level(e, int(c), args.seconds, workdir) for c in args.clients.split(",")]
    finally:
        web.terminate()
        web.wait(timeout=30)
    acks = set((workdir / "acks.txt").read_text().split("\n")) - {""}
    stored = shell(e, COUNT)
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"gunicorn {args.workers} workers × 4 threads, {args.seconds} s per level"
    )
    print("| clients | votes/s | p50 ms | p95 ms | p99 ms | requests | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['clients']} | {r['votes_per_s']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | "
            f"{r['p99_ms']:.0f} | {r['requests']} | {r['errors']} |"
        )
    # A vote the server committed while locust stopped its users is stored but was never
    # acknowledged, so stored ⊇ acknowledged; what must hold: none missing, none twice.
    missing = acks - set(stored["rows"])
    exact = not missing and stored["duplicates"] == 0
    print(
        f"acknowledged (participant, story) pairs: {len(acks)}; stored: {len(stored['rows'])}; "
        f"acknowledged but missing: {len(missing)}; duplicates: {stored['duplicates']}; "
        f"every acknowledged vote exactly once: {exact}"
    )
    at50 = next((r for r in results if r["clients"] == 50), None)
    met = at50 is not None and at50["votes_per_s"] >= 500 and at50["p95_ms"] <= 100
    print(f"target (≥ 500 votes/s, p95 ≤ 100 ms at 50 clients): {'met' if met else 'missed'}")
    return 0 if exact and met else 1


if __name__ == "__main__":
    sys.exit(main())
