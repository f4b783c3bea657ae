"""Django on the benchmark PostgreSQL database, and a deliberation bulk-loaded with synthetic votes.

The database is `mg_bench` on the local server unless BENCH_DATABASE_URL names another; it is
never taken from DATABASE_URL, so a benchmark cannot write a million rows into a real database.
Loading uses PostgreSQL COPY; the table's constraints (unique vote per participant, pair and
context; from ≠ to; valid choice; foreign keys) are checked by the database as rows arrive.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from moralgraph.graph.votes import CHOICE_NAMES, VoteArrays

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mg_bench"


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def setup_django(*, fresh: bool = False) -> None:
    """Create the benchmark database if missing (or drop and recreate it), configure Django, migrate."""
    import psycopg

    url = database_url()
    name = urlparse(url).path.lstrip("/")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if fresh:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')

    os.environ["DJANGO_SETTINGS_MODULE"] = "mgplatform.settings"
    os.environ["DEBUG"] = "true"
    os.environ["DATABASE_URL"] = url
    sys.path.insert(1, str(ROOT / "platform"))  # like manage.py, when mgplatform is not installed
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def server_version() -> str:
    """The server's version and the settings that shape a large read."""
    from django.db import connection

    names = (
        "server_version",
        "shared_buffers",
        "work_mem",
        "max_parallel_workers_per_gather",
        "jit",
    )
    with connection.cursor() as cursor:
        settings = {}
        for name in names:
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    version = settings.pop("server_version").split()[0]
    return f"PostgreSQL {version} (" + ", ".join(f"{k}={v}" for k, v in settings.items()) + ")"


@dataclass
class Fixture:
    deliberation: object  # moralgraph.models.Deliberation
    value_ids: np.ndarray  # CanonicalValue pk of each synthetic value code
    timings: dict[str, float]  # seconds per loading step (setup, not benchmarked)


def load_deliberation(votes: VoteArrays, n_values: int, *, with_hypotheses: bool = True) -> Fixture:
    """A new open deliberation holding `votes` (codes mapped to fresh rows), loaded with COPY.

    Every vote gets an upgrade hypothesis (one per from, to, context), as votes cast through the
    voting page do, so the snapshot's read joins a realistically sized hypothesis table.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from moralgraph.models import Context, Deliberation, Participant

    timings: dict[str, float] = {}
    tag = f"{int(time.time())}-{os.getpid()}"
    n_voters = int(votes.voter.max()) + 1
    n_contexts = int(votes.context.max()) + 1
    now = timezone.now()
    User = get_user_model()

    start = time.perf_counter()
    with transaction.atomic():
        owner = User.objects.create(username=f"bench-owner-{tag}")
        deliberation = Deliberation.objects.create(
            slug=f"bench-{tag}", title=f"Benchmark {len(votes):,} votes", owner=owner, status="open"
        )
        contexts = Context.objects.bulk_create(
            Context(
                deliberation=deliberation, name=f"Context {i}: when the user asks about topic {i}"
            )
            for i in range(n_contexts)
        )
        users = User.objects.bulk_create(
            (
                User(username=f"bench-{tag}-{i}", password="!", is_pseudonymous=True)
                for i in range(n_voters)
            ),
            batch_size=5000,
        )
        participants = Participant.objects.bulk_create(
            (
                Participant(
                    user=user, deliberation=deliberation, pseudonym=f"p{i}", consented_at=now
                )
                for i, user in enumerate(users)
            ),
            batch_size=5000,
        )
    timings["deliberation, contexts, users, participants (ORM bulk_create)"] = (
        time.perf_counter() - start
    )
    context_ids = np.array([c.pk for c in contexts], dtype=np.int64)
    participant_ids = np.array([p.pk for p in participants], dtype=np.int64)

    start = time.perf_counter()
    stamp = _timestamps(np.full(n_values, np.datetime64(now.replace(tzinfo=None), "us")))
    with transaction.atomic(), connection.cursor() as cursor:
        columns = "title, description, policies, source_id, source_data, hidden, created_at, updated_at, deliberation_id"
        with cursor.cursor.copy(f"COPY moralgraph_canonicalvalue ({columns}) FROM STDIN") as copy:
            for start_row in range(0, n_values, 50_000):
                rows = range(start_row, min(n_values, start_row + 50_000))
                copy.write(
                    "".join(
                        f"Value {i}: attending to what matters in situation {i % 997}\t"
                        f"A synthetic value written for the benchmark; it stands for a participant's card number {i}.\t"
                        f'["MOMENTS when the person notices detail {i}", "CHOICES that honour commitment {i % 113}", "FEELINGS of trust that grow over time"]\t'
                        f"\t{{}}\tf\t{stamp[i]}\t{stamp[i]}\t{deliberation.pk}\n"
                        for i in rows
                    )
                )
        cursor.execute(
            "SELECT id FROM moralgraph_canonicalvalue WHERE deliberation_id = %s ORDER BY id",
            [deliberation.pk],
        )
        value_ids = np.array([row[0] for row in cursor.fetchall()], dtype=np.int64)
    timings[f"{n_values:,} canonical values (COPY)"] = time.perf_counter() - start

    # Creation times spread over the last 30 days, in vote order.
    span_us = 30 * 24 * 3600 * 10**6
    created = (
        np.datetime64(now.replace(tzinfo=None), "us")
        - span_us
        + (np.arange(len(votes), dtype=np.int64) * (span_us // max(1, len(votes)))).astype(
            "timedelta64[us]"
        )
    )
    from_ids, to_ids = value_ids[votes.from_value], value_ids[votes.to_value]
    vote_context_ids = context_ids[votes.context]

    hypothesis = np.full(len(votes), -1, dtype=np.int64)
    if with_hypotheses:
        start = time.perf_counter()
        triples, first, inverse = np.unique(
            np.stack([votes.from_value, votes.to_value, votes.context], axis=1),
            axis=0,
            return_index=True,
            return_inverse=True,
        )
        stories = _timestamps(created[first])
        with transaction.atomic(), connection.cursor() as cursor:
            columns = "story, source, hidden, created_at, context_id, deliberation_id, from_value_id, to_value_id"
            with cursor.cursor.copy(
                f"COPY moralgraph_edgehypothesis ({columns}) FROM STDIN"
            ) as copy:
                for start_row in range(0, len(triples), 100_000):
                    block = triples[start_row : start_row + 100_000]
                    copy.write(
                        "".join(
                            f"Someone who cared about value {a} met situation {c}, saw what it missed, "
                            f"and came to care about value {b} instead; it felt like seeing more, not less.\t"
                            f"demo\tf\t{t}\t{context_ids[c]}\t{deliberation.pk}\t{value_ids[a]}\t{value_ids[b]}\n"
                            for (a, b, c), t in zip(
                                block.tolist(),
                                stories[start_row : start_row + 100_000],
                                strict=True,
                            )
                        )
                    )
            cursor.execute(
                "SELECT id FROM moralgraph_edgehypothesis WHERE deliberation_id = %s ORDER BY id",
                [deliberation.pk],
            )
            hypothesis_ids = np.array([row[0] for row in cursor.fetchall()], dtype=np.int64)
        hypothesis = hypothesis_ids[inverse.reshape(-1)]
        timings[f"{len(triples):,} upgrade hypotheses (COPY)"] = time.perf_counter() - start

    start = time.perf_counter()
    created_text = _timestamps(created)
    choice_names = np.array(CHOICE_NAMES)[votes.choice]
    participant = participant_ids[votes.voter]
    hypothesis_text = np.where(hypothesis < 0, "\\N", hypothesis.astype(str))  # \N: NULL
    with transaction.atomic(), connection.cursor() as cursor:
        columns = (
            "choice, comment, comment_hidden, created_at, updated_at, context_id, deliberation_id, "
            "from_value_id, hypothesis_id, participant_id, to_value_id"
        )
        with cursor.cursor.copy(f"COPY moralgraph_wiservote ({columns}) FROM STDIN") as copy:
            for start_row in range(0, len(votes), 200_000):
                part = slice(start_row, start_row + 200_000)
                copy.write(
                    "".join(
                        f"{c}\t\tf\t{t}\t{t}\t{x}\t{deliberation.pk}\t{f}\t{h}\t{p}\t{o}\n"
                        for c, t, x, f, h, p, o in zip(
                            choice_names[part].tolist(),
                            created_text[part],
                            vote_context_ids[part].tolist(),
                            from_ids[part].tolist(),
                            hypothesis_text[part].tolist(),
                            participant[part].tolist(),
                            to_ids[part].tolist(),
                            strict=True,
                        )
                    )
                )
    timings[f"{len(votes):,} wiser-than votes (COPY)"] = time.perf_counter() - start

    # A database in service has planner statistics and a visibility map; give these tables theirs.
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for table in (
            "moralgraph_wiservote",
            "moralgraph_edgehypothesis",
            "moralgraph_participant",
            "moralgraph_canonicalvalue",
            "moralgraph_context",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    timings["VACUUM ANALYZE"] = time.perf_counter() - start
    return Fixture(deliberation=deliberation, value_ids=value_ids, timings=timings)


def _timestamps(moments: np.ndarray) -> list[str]:
    """UTC timestamps as PostgreSQL text, vectorised."""
    return [
        f"{t}+00"
        for t in np.datetime_as_string(moments.astype("datetime64[us]"), unit="us").tolist()
    ]
