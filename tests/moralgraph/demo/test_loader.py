"""The demo deliberation loads completely, and loading it twice duplicates nothing."""

import io

import pytest
from django.core.management import call_command

from moralgraph.models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    Participant,
    Question,
    ValuesCard,
    WiserVote,
)

pytestmark = pytest.mark.django_db

TABLES = (
    Deliberation,
    Context,
    Question,
    CanonicalValue,
    ValuesCard,
    EdgeHypothesis,
    Participant,
    WiserVote,
)


def counts():
    return {model.__name__: model.objects.count() for model in TABLES}


def test_load_demo_is_complete_and_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    assert first["Question"] == 3
    assert first["ValuesCard"] >= 24
    assert 200 <= first["WiserVote"] <= 1000
    assert first["Context"] >= 3
    text = out.getvalue()
    for account in ("admin", "moderator", "participant"):
        assert f"  {account}" in text
    assert "/join/" in text

    second_out = io.StringIO()
    call_command("load_demo", stdout=second_out)
    assert counts() == first
    # The same logins are printed again, and they work.
    password_line = next(line for line in text.splitlines() if line.strip().startswith("admin "))
    assert password_line in second_out.getvalue()
    from django.contrib.auth import authenticate

    assert authenticate(username="admin", password=password_line.split()[-1]) is not None


def test_demo_cards_obey_the_card_rules(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    for card in ValuesCard.objects.all():
        assert 1 <= len(card.policies) <= 10
        assert len(card.title) <= 80
        assert len(set(card.policies)) == len(card.policies)
        assert card.canonical_value is not None
