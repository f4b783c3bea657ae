"""A public deliberation's burst, measured: gunicorn (the shipped config) + PostgreSQL + Redis on
loopback, locust (bench/load/locustfile.py) at 10, 50 and 200 concurrent clients for each
scenario — participants casting votes, submitting cards, joining through the invite link, and
labs pulling the latest export. Prints throughput, p50/p95/p99 and errors per level, then counts
the acknowledged writes against the database: every acknowledged vote stored exactly once, every
acknowledged card and join stored.

    .venv/bin/python bench/load/burst.py [--seconds 15] [--clients 10,50,200]
        [--scenarios votes,cards,joins,exports] [--workers 3] [--threads 4]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mg_rel_bench, dropped and
recreated), BENCH_REDIS_URL (default redis://127.0.0.1:6379/6) for the cache and broker, and
port BENCH_PORT (8724). No worker runs: the dedupe tasks cards enqueue wait in Redis. Target
(issue 13): ≥ 500 votes/s with p95 ≤ 100 ms at 50 clients; exit status 1 when it is missed.
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
import json, random
from mgplatform.accounts.apikeys import api_key_create
from moralgraph.snapshots.services import snapshot_create
from moralgraph.votes.services import vote_cast
from tests.factories import (CanonicalValueFactory, ContextFactory, DeliberationFactory,
    EdgeHypothesisFactory, ParticipantFactory, QuestionFactory, UserFactory)
random.seed(7)
d = DeliberationFactory(slug="bench")
question = QuestionFactory(deliberation=d)
values = [CanonicalValueFactory(deliberation=d) for _ in range(12)]
contexts = [ContextFactory(deliberation=d) for _ in range(3)]
stories = [EdgeHypothesisFactory(deliberation=d, from_value=a, to_value=b, context=c)
           for c in contexts for a in values for b in values if a != b][:200]
people = [ParticipantFactory(deliberation=d) for _ in range({VOTERS})]
keys = [api_key_create(owner=p.user, name="bench", scopes=["participate"])[1] for p in people]
for person in people:  # a graph for the labs to pull: 5 votes each
    for story in random.sample(stories, 5):
        vote_cast(participant=person, hypothesis=story, choice=random.choice(["wiser", "not_wiser"]))
snapshot_create(deliberation=d)
lab_key = api_key_create(owner=UserFactory(), name="lab", scopes=["read:graphs"])[1]
print(json.dumps({{"slug": "bench", "stories": [s.pk for s in stories], "keys": keys,
    "question": question.pk, "invite": d.invite_token, "lab_key": lab_key}}))
"""
# What the writes left behind, to count against what was acknowledged.
COUNT = """
import json
from django.db.models import Count
from moralgraph.models import Participant, ValuesCard, WiserVote
votes = WiserVote.objects.filter(deliberation__slug="bench")
dupes = votes.values("participant", "from_value", "to_value", "context").annotate(
    n=Count("id")).filter(n__gt=1).count()
rows = {f"{p} {h}" for p, h in votes.values_list("participant__user__api_keys__prefix", "hypothesis_id")}
titles = ValuesCard.objects.filter(question__deliberation__slug="bench", status="submitted").values_list(
    "title", flat=True)
marks = [t.rsplit(" ", 1)[1] for t in titles if t.startswith("Patience with a stuck learner ")]
print(json.dumps({"votes": sorted(rows), "vote_duplicates": dupes, "cards": marks,
    "participants": Participant.objects.filter(deliberation__slug="bench").count()}))
"""
# Locust user class per scenario (bench/load/locustfile.py) and what its rate counts.
SCENARIOS = {"votes": "Voter", "cards": "CardWriter", "joins": "Joiner", "exports": "Lab"}
MEASURED = {"votes": "vote", "cards": "card", "joins": "join", "exports": "export"}


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
        VAR_DIR=str(Path(tempfile.gettempdir()) / "mg-load-var"),
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
    manage(e, "collectstatic", "--noinput", "-v0")  # as the shipped web service does at start


def shell(e, code):
    return json.loads(manage(e, "shell", "-c", code, capture=True).stdout.strip().splitlines()[-1])


def run_level(e, scenario, clients, seconds, workdir) -> dict:
    prefix = workdir / f"{scenario}-c{clients}"
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench/load/locustfile.py"),
            SCENARIOS[scenario],
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
        rows = {r["Name"]: r for r in csv.DictReader(f)}
    row = rows[MEASURED[scenario]]
    return {
        "scenario": scenario,
        "clients": clients,
        "requests": int(row["Request Count"]),
        # every request of the scenario (a join also loads its page), failed or not
        "errors": int(rows["Aggregated"]["Failure Count"]),
        "per_s": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


def start_web(e, args, workdir):
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
            "--threads",
            str(args.threads),
        ],
        cwd=ROOT,
        env=e,
        stdout=(workdir / "web.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
            return web
        except OSError:
            time.sleep(0.5)
    return web


def checks(workdir, stored, joins_before) -> list[str]:
    """What the acknowledged writes must have left: (line, holds)."""
    acks = [line.split(" ", 1) for line in (workdir / "acks.txt").read_text().splitlines()]
    by_kind = {}
    for kind, what in acks:
        by_kind.setdefault(kind, []).append(what)
    votes = set(by_kind.get("vote", []))
    # A write the server committed while locust stopped its users is stored but was never
    # acknowledged, so stored ⊇ acknowledged; what must hold: none missing, none twice.
    missing_votes = votes - set(stored["votes"])
    cards = by_kind.get("card", [])
    missing_cards = set(cards) - set(stored["cards"])
    twice = len(stored["cards"]) - len(set(stored["cards"]))
    joined = stored["participants"] - joins_before
    return [
        (
            f"votes: {len(votes)} acknowledged (participant, story) pairs, {len(missing_votes)} "
            f"missing, {stored['vote_duplicates']} stored twice",
            not missing_votes and not stored["vote_duplicates"],
        ),
        (
            f"cards: {len(cards)} acknowledged, {len(missing_cards)} missing, {twice} stored twice",
            not missing_cards and not twice,
        ),
        (
            f"joins: {len(by_kind.get('join', []))} acknowledged, {joined} participants added",
            joined >= len(by_kind.get("join", [])),
        ),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--clients", default="10,50,200")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    scenarios = args.scenarios.split(",")
    e = env()
    fresh_database(e)
    workdir = Path(tempfile.mkdtemp(prefix="mg-load-"))
    (workdir / "world.json").write_text(json.dumps(shell(e, WORLD)))
    (workdir / "acks.txt").touch()
    e.update(MG_BENCH_WORLD=str(workdir / "world.json"), MG_BENCH_ACKS=str(workdir / "acks.txt"))
    joins_before = shell(e, COUNT)["participants"]
    web = start_web(e, args, workdir)
    try:
        for scenario in scenarios:  # warm-up: each worker's first requests import the app
            run_level(e, scenario, 6, 10, workdir)
        results = [
            run_level(e, scenario, int(c), args.seconds, workdir)
            for scenario in scenarios
            for c in args.clients.split(",")
        ]
    finally:
        web.terminate()
        web.wait(timeout=30)
    lines = checks(workdir, shell(e, COUNT), joins_before)
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"gunicorn {args.workers} workers × {args.threads} threads, {args.seconds} s per level"
    )
    print("| scenario | clients | per s | p50 ms | p95 ms | p99 ms | requests | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['scenario']} | {r['clients']} | {r['per_s']} | {r['p50_ms']:.0f} | "
            f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['requests']} | {r['errors']} |"
        )
    for line, holds in lines:
        print(f"{line}: {'ok' if holds else 'LOST OR DOUBLED'}")
    at50 = next((r for r in results if r["scenario"] == "votes" and r["clients"] == 50), None)
    met = at50 is not None and at50["per_s"] >= 500 and at50["p95_ms"] <= 100
    print(f"target (≥ 500 votes/s, p95 ≤ 100 ms at 50 clients): {'met' if met else 'missed'}")
    return 0 if all(holds for _, holds in lines) and met else 1


if __name__ == "__main__":
    sys.exit(main())
