"""The whole loop in real Chromium against `make demo`'s processes (web, Celery worker, beat):
an organiser creates a deliberation with two questions, opens it and copies the invite link; a
participant on a phone joins, writes a card with the guided form and finishes a voting session
that ends; the scheduled snapshot runs through the real worker and the graph shows their value.
"""

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.browser.conftest import PHONE
from tests.conftest import PYTHON, ROOT, free_port, project_env, wait_for_http

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.slow]
PASSWORD = "organiser-password-1"
TITLE = "Patience with slow progress"

SEED = """
from moralgraph.cards.services import card_create, card_submit
from moralgraph.models import Deliberation
from moralgraph.participation.services import participant_join
d = Deliberation.objects.get()
q = d.questions.order_by("position").first()
for title, policy in [
    ("Honesty about mistakes", "ADMISSIONS of what went wrong, said plainly"),
    ("Letting her choose", "OPTIONS she can pick between herself"),
    ("Safety before learning", "SIGNS of danger that come before any lesson"),
]:
    p = participant_join(deliberation=d, invite_token=d.invite_token, consent=True)
    card = card_create(participant=p, question=q, title=title, description=title + ".",
                       policies=[policy, "MOMENTS when " + title.lower() + " matters"])
    card_submit(card, p, confirm_warnings=True)
"""
COUNT = """
import json
from moralgraph.models import EdgeHypothesis, GraphSnapshot, ValuesCard
mine = ValuesCard.objects.filter(title={title!r}).values_list("canonical_value_id", flat=True).first()
print(json.dumps({{
    "values": ValuesCard.objects.exclude(canonical_value=None).count(),
    "stories": EdgeHypothesis.objects.count(),
    "mine": mine,
    "my_stories": EdgeHypothesis.objects.filter(from_value_id=mine).count() if mine else 0,
    "snapshots": GraphSnapshot.objects.count(),
}}))
"""
# Push the seeded pairs back in the queue (as if many had seen them), so the participant's own
# pairs are the least shown: the session then judges the new value, which the graph must show.
SEEN = """
from moralgraph.models import EdgeHypothesis, HypothesisImpression, Participant
p = Participant.objects.first()
HypothesisImpression.objects.bulk_create(
    HypothesisImpression(participant=p, hypothesis=h) for h in EdgeHypothesis.objects.all()
)
"""


def manage(env, *args, timeout=120) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """`make demo` in a temporary var/: SQLite, the filesystem broker, web + worker + beat."""
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        monkeypatch.delenv(name, raising=False)
    env = project_env(
        DEBUG="true", VAR_DIR=str(tmp_path / "var"), SNAPSHOT_SCHEDULE_SECONDS="2", LLM_BASE_URL=""
    )
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput", "-v0", timeout=300)
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user('olga', password={PASSWORD!r})",
    )
    port = free_port()
    log = (tmp_path / "demo.log").open("w")
    process = subprocess.Popen(
        [PYTHON, "-m", "mgplatform.devserver", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/healthz", timeout=120, process=process)
        yield base, env
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        print(Path(log.name).read_text()[-4000:])


def counts(env) -> dict:
    out = manage(env, "shell", "-c", COUNT.format(title=TITLE))
    return json.loads(out.strip().splitlines()[-1])  # the last line: shell may print before it


def test_organiser_to_participant_to_graph(demo, new_page):
    base, env = demo
    # --- the organiser ----------------------------------------------------------------------
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page.goto(f"{base}/accounts/login/?next=/organise/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/organise/")
    form = page.locator("#new-deliberation")
    form.get_by_label("Title").fill("Homework and AI")
    form.get_by_label("Welcome text").fill("Tell us what an AI should honour.")
    form.get_by_label("Questions (one per line)").fill(
        "My child asks the AI for the answers. What should it do?\n"
        "My child is upset about a bad mark. What should the AI do?"
    )
    form.get_by_label("Stories per voting session").fill("3")
    form.get_by_label("Largest share of a session").fill("1")
    form.get_by_role("button", name="Create draft").click()
    page.wait_for_url("**/d/*/organise/")
    for i, name in enumerate(("When the child is tired", "When the child is sad")):
        page.locator(".question").nth(i).get_by_label("New situation").fill(name)
        page.locator(".question").nth(i).get_by_role("button", name="Add situation").click()
        page.wait_for_load_state()
    assert page.locator(".question").count() == 2
    page.locator("#make-open").click()
    page.wait_for_load_state()
    assert page.locator("#status-badge").inner_text() == "open"
    page.locator("#copy-invite").click()
    page.locator("#copy-status", has_text="Copied.").wait_for()
    invite = page.evaluate("navigator.clipboard.readText()")
    assert invite == page.locator("#invite-url").input_value()
    assert "/join/" in invite

    # --- others' values, deduplicated by the worker -----------------------------------------
    manage(env, "shell", "-c", SEED)
    wait_until(lambda: counts(env)["stories"] >= 4, 180, "the worker's dedupe and stories")
    manage(env, "shell", "-c", SEEN)

    # --- the participant, on a phone ---------------------------------------------------------
    phone = new_page(**PHONE)
    phone.goto(invite)
    phone.get_by_label("I have read the statement above").check()
    phone.get_by_role("button", name="Join the deliberation").click()
    phone.get_by_role("link", name="Share a value").first.click()
    phone.get_by_role("link", name="Share a value on this question").first.click()
    phone.get_by_role("button", name="Use the step-by-step form").click()
    phone.locator("textarea").first.fill("My son cried over fractions; I waited, he got there.")
    phone.get_by_role("button", name="Save and continue").click()
    phone.locator("textarea").first.fill("his face when he got one right\nhow long it took")
    phone.get_by_role("button", name="Save and continue").click()
    phone.get_by_role("button", name="Save and continue").click()
    phone.locator("textarea[name=policies]").fill(
        "MOMENTS when he gets one right by himself\nSIGNS he needs more time, not the answer"
    )
    phone.get_by_label("Title").fill(TITLE)
    phone.get_by_role("button", name="Save and review").click()
    phone.get_by_role("button", name="Share my value").click()
    phone.wait_for_url("**/my-values/**")
    wait_until(lambda: counts(env)["my_stories"] >= 1, 180, "stories about the new value")
    phone.locator("#judge-stories").click()
    judged = 0
    while phone.locator("#session-end").count() == 0:
        assert judged < 3, "the session did not end after its 3 stories"
        phone.get_by_label("Yes, wiser").check()
        phone.get_by_role("button", name="Save and see the next story").click()
        phone.wait_for_load_state()
        judged += 1
    assert judged == 3
    assert "Thank you — this session is done." in phone.locator("#session-end").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    # --- the scheduled snapshot (beat → worker), and the graph -------------------------------
    phone.get_by_role("link", name="See the graph").click()

    def shows_my_value():
        phone.reload()
        item = phone.locator(".graph-rank-item", has_text=TITLE)
        return item.count() > 0 and item.first.locator(".graph-own-badge").count() > 0

    wait_until(shows_my_value, 120, "the scheduled snapshot with the new value")
    assert "Last updated" in phone.locator("#graph-updated").inner_text()
    # The drawing marks it too, for sighted and screen-reader users alike.
    own = phone.locator(".graph-node.is-own")
    own.first.wait_for()
    assert own.count() == 1
    assert own.first.get_attribute("aria-label").endswith("your value")
