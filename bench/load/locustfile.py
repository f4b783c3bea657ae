"""What a public deliberation's burst looks like (bench/load/burst.py runs this, one user class
at a time): participants joining through the invite link, submitting values cards and casting
wiser-than votes, and labs pulling the latest snapshot's export.

Each simulated participant takes its own API key (participate scope) from MG_BENCH_WORLD.
Voters vote on random upgrade stories; POSTing again on a story changes that vote (one row per
participant, pair and context). Every acknowledged write is appended to MG_BENCH_ACKS, so the
driver can count it against the database afterwards."""

import itertools
import json
import os
import random
import re
import threading
import uuid
from pathlib import Path

from locust import FastHttpUser, constant, task

WORLD = json.loads(Path(os.environ["MG_BENCH_WORLD"]).read_text())
API = f"/api/v1/deliberations/{WORLD['slug']}"
CHOICES = ("wiser", "not_wiser", "unsure")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_next_key = itertools.count()
_lock = threading.Lock()
_acks = open(os.environ["MG_BENCH_ACKS"], "a", buffering=1)  # noqa: SIM115 - open for the run


def acknowledge(kind: str, *what) -> None:
    with _lock:
        _acks.write(" ".join(map(str, (kind, *what))) + "\n")


class Participant(FastHttpUser):
    abstract = True
    wait_time = constant(0)

    def on_start(self):
        self.key = WORLD["keys"][next(_next_key) % len(WORLD["keys"])]
        self.headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"}

    def post(self, path, body, name):
        return self.client.post(
            path, data=json.dumps(body), headers=self.headers, name=name, catch_response=True
        )


class Voter(Participant):
    @task
    def vote(self):
        story = random.choice(WORLD["stories"])
        with self.post(
            f"{API}/votes/", {"hypothesis": story, "choice": random.choice(CHOICES)}, "vote"
        ) as response:
            if response.status_code == 201:
                response.success()
                acknowledge("vote", self.key.split("_")[1], story)
            else:
                response.failure(f"HTTP {response.status_code}")


class CardWriter(Participant):
    @task
    def submit_card(self):
        mark = uuid.uuid4().hex[:12]
        body = {
            "question": WORLD["question"],
            "title": f"Patience with a stuck learner {mark}",
            "description": "When someone is stuck I slow down and look at what they already see.",
            "policies": ["MOMENTS when the learner notices something for themselves"],
            "submit": True,
            "confirm_warnings": True,
        }
        with self.post(f"{API}/cards/", body, "card") as response:
            if response.status_code == 201:
                response.success()
                acknowledge("card", mark)
            else:
                response.failure(f"HTTP {response.status_code}")


class Joiner(FastHttpUser):
    """A new person each time: open the invite link, tick consent, join (a session cookie)."""

    wait_time = constant(0)

    @task
    def join(self):
        self.client.cookiejar.clear()
        link = f"/d/{WORLD['slug']}/join/{WORLD['invite']}/"
        with self.client.get(link, name="join page", catch_response=True) as page:
            token = CSRF.search(page.text or "")
            if page.status_code != 200 or token is None:
                page.failure(f"HTTP {page.status_code}")
                return
        form = {"consent": "on", "csrfmiddlewaretoken": token.group(1)}
        with self.client.post(
            link, data=form, name="join", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                response.success()
                acknowledge("join", response.headers.get("Location", ""))
            else:
                response.failure(f"HTTP {response.status_code}")


class Lab(FastHttpUser):
    """An alignment lab's job pulling the latest graph (read:graphs key)."""

    wait_time = constant(0)

    @task
    def pull_export(self):
        headers = {"Authorization": f"Bearer {WORLD['lab_key']}"}
        with self.client.get(
            f"{API}/snapshots/latest/export/?format=json",
            headers=headers,
            name="export",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and response.text.startswith("{"):
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
