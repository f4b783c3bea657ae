"""Joining through the invite page, as a participant on a phone would."""

import pytest

from moralgraph.models import Participant
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliberation():
    return DeliberationFactory(title="Homework <b>night</b>")


def join_url(d, token=None):
    return f"/d/{d.slug}/join/{token or d.invite_token}/"


def test_home_lists_open_deliberations_escaped(client, deliberation):
    html = client.get("/").content.decode()
    assert "Homework &lt;b&gt;night&lt;/b&gt;" in html
    assert "<b>night</b>" not in html


def test_join_page_requires_consent_and_keeps_nothing_without_it(client, deliberation):
    page = client.get(join_url(deliberation))
    assert page.status_code == 200
    assert b'<label for="id_consent">' in page.content
    response = client.post(join_url(deliberation), {})
    assert response.status_code == 200
    assert b"Please tick the box" in response.content
    assert Participant.objects.count() == 0


def test_join_with_consent_logs_in_a_pseudonymous_participant(client, deliberation):
    response = client.post(join_url(deliberation), {"consent": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"/d/{deliberation.slug}/"
    participant = Participant.objects.get()
    page = client.get(response["Location"])
    assert participant.pseudonym in page.content.decode()
    # Visiting the link again does not create a second participation.
    assert client.get(join_url(deliberation)).status_code == 302
    assert Participant.objects.count() == 1


def test_wrong_invite_token_is_not_found(client, deliberation):
    assert client.get(join_url(deliberation, token="guess")).status_code == 404


def test_join_form_is_csrf_protected(deliberation):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(join_url(deliberation), {"consent": "on"}).status_code == 403
    assert Participant.objects.count() == 0


def test_draft_deliberation_hidden_from_strangers(client, deliberation):
    deliberation.status = "draft"
    deliberation.save()
    assert client.get(f"/d/{deliberation.slug}/").status_code == 404
