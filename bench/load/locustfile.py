"""Participants casting wiser-than votes through the API (bench/load/votes.py runs this).

Each simulated participant takes its own API key (participate scope) from MG_BENCH_WORLD and
votes on random upgrade stories; POSTing again on a story changes that vote (one row per
participant, pair and context). Acknowledged votes (201) are appended to MG_BENCH_ACKS so the
driver can count them against the database afterwards."""

import itertools
import json
import os
import random
import threading
from pathlib import Path

from locust import HttpUser, constant, task

WORLD = json.loads(Path(os.environ["MG_BENCH_WORLD"]).read_text())
_next_key = itertools.count()
_lock = threading.Lock()
_acks = open(os.environ["MG_BENCH_ACKS"], "a", buffering=1)  # noqa: SIM115 - open for the run
CHOICES = ("wiser", "not_wiser", "unsure")


class Voter(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.key = WORLD["keys"][next(_next_key) % len(WORLD["keys"])]
        self.headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"}

    @task
    def vote(self):
        story = random.choice(WORLD["stories"])
        body = json.dumps({"hypothesis": story, "choice": random.choice(CHOICES)})
        with self.client.post(
            f"/api/v1/deliberations/{WORLD['slug']}/votes/",
            data=body,
            headers=self.headers,
            name="vote",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                response.success()
                with _lock:
                    _acks.write(f"{self.key.split('_')[1]} {story}\n")
            else:
                response.failure(f"HTTP {response.status_code}")
