"""The API fuzzed against its own OpenAPI schema (/api/schema/) with schemathesis.

Every operation, as nobody signed in and with an every-scope key of a user who owns the
deliberation and takes part in it. Half of the generated requests address the world's real
deliberation, cards, snapshots and values (in the path and in the body), so the fuzzed text
reaches the services; the other half keep their generated ids. Checks: no 5xx, and every
response is one the schema documents (status code, content type, body).

The requests go through Django's WSGI handler in the test's own transaction, so they see the
world of `conftest.py` and leave nothing behind.
"""

from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mgplatform.accounts.apikeys import api_key_create
from mgplatform.accounts.models import ApiKey
from moralgraph.snapshots.services import snapshot_create
from tests.factories import ParticipantFactory, ValuesCardFactory

pytestmark = pytest.mark.django_db

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20240601,
        "generation": {"mode": "all", "deterministic": True},  # valid and invalid requests
        "phases": {"stateful": {"enabled": False}},  # examples, coverage (boundaries), fuzzing
    }
)
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler(), config=CONFIG)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)


# Generated requests sent, per principal (reported at the end of the module; ≥ 1,000 in all).
REQUESTS = Counter()


@pytest.fixture(scope="module", autouse=True)
def _count_requests():
    yield
    print(f"\nschemathesis requests: {dict(REQUESTS)}, total {sum(REQUESTS.values())}")


@pytest.fixture(autouse=True)
def requests_keep_the_test_transaction():
    """As in Django's test client: a request must not close the connection holding the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def owner(world) -> dict:
    """homework's owner, taking part in it too (with a submitted card), and an every-scope key."""
    user = world.users["owner"]
    me = ParticipantFactory(user=user, deliberation=world.a, pseudonym="olga-owner-005")
    card = ValuesCardFactory(
        author=me,
        question=world.q,
        title="Owning the process",
        policies=["MOMENTS when a rule is unclear"],
        canonical_value=world.curiosity,
    )
    _, key = api_key_create(owner=user, name="fuzz", scopes=list(ApiKey.SCOPES))
    return {"headers": {"Authorization": f"Bearer {key}"}, "ids": {**world.ids, "card": card.pk}}


def in_world(case, ids: dict) -> None:
    """Address the world's real objects, so that the fuzzed text gets past the 404s to the services."""
    real = {"slug": ids["A"], "question_id": ids["q"], "other": ids["snap2"], "name": "report.json"}
    real["delivery_id"] = "00000000-0000-4000-8000-000000000000"  # no such webhook delivery
    real["run_id"] = ids["run"]
    real["id"] = ids["card"] if "/cards/" in case.operation.path else ids["snap"]
    for name in case.path_parameters or {}:
        case.path_parameters[name] = real[name]
    if isinstance(case.body, dict):
        body = {
            "from_value": ids["her_decision"],
            "to_value": ids["curiosity"],
            "context": ids["deadline"],
            "hypothesis": ids["story"],
            "question": ids["q"],
            "invite_token": ids["token"],
            "targets": [f"card:{ids['peer_card']}"],
            "into": f"canonical_value:{ids['curiosity']}",
        }
        case.body.update({name: value for name, value in body.items() if name in case.body})


@pytest.mark.slow
@schema.parametrize()
@schema.given(real=st.booleans())
@FUZZ
def test_api_as_anonymous(case, real, world):
    if real:
        in_world(case, world.ids)
    REQUESTS["anonymous"] += 1
    case.call_and_validate(checks=CHECKS)


@pytest.mark.slow
@schema.parametrize()
@schema.given(real=st.booleans())
@FUZZ
def test_api_with_an_every_scope_key(case, real, owner):
    if real:
        in_world(case, owner["ids"])
    REQUESTS["every-scope key"] += 1
    case.call_and_validate(headers=owner["headers"], checks=CHECKS)


# --- Server errors the fuzz run found, fixed in the services ---------------------------------


@pytest.mark.parametrize(
    "parameters",
    [
        {"iterations": "100"},
        {"min_wiser": None},
        {"damping": "0.5"},
        {"iterations": 10**7},
        {"bootstrap_samples": 10**6},
        {"min_wiser": 2.5},
        {"seed": True},
    ],
)
def test_mai_parameters_of_the_wrong_type_are_refused(world, parameters):
    client = APIClient()
    client.force_login(world.users["owner"])
    url = f"/api/v1/deliberations/{world.ids['A']}/snapshots/"
    mode = "default" if "bootstrap_samples" in parameters or "seed" in parameters else "mai"
    response = client.post(url, {"mode": mode, "parameters": parameters}, format="json")
    assert response.status_code == 400
    assert "parameter" in response.json()["error"]["message"]


def test_diff_with_an_early_default_snapshot(world):
    early = snapshot_create(deliberation=world.b, mode="default")  # elsewhere has a single vote
    client = APIClient()
    client.force_login(world.users["other_owner"])
    response = client.get(f"/api/v1/snapshots/{world.ids['snap_b']}/diff/{early.pk}/")
    assert response.status_code == 200
