"""Recruitment panels: the invite link's parameters are kept with the participant (never
exported) and the end of a voting session shows the completion code and link."""

import pytest
from django.test import Client

from moralgraph.deliberations.services import deliberation_update
from moralgraph.models import Participant
from moralgraph.snapshots.services import snapshot_create
from tests.factories import ContextFactory, DeliberationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prolific():
    d = DeliberationFactory(slug="study")
    QuestionFactory(deliberation=d, contexts=[ContextFactory(deliberation=d)])
    deliberation_update(
        d,
        by=d.owner,
        panel={
            "params": "PROLIFIC_PID STUDY_ID SESSION_ID",
            "completion_code": "C1A2B3",
            "completion_url": "https://app.prolific.com/submissions/complete?cc=C1A2B3",
        },
    )
    return d


def test_panel_parameters_are_kept_shown_at_the_end_and_never_exported(prolific):
    client = Client()
    link = f"/d/study/join/{prolific.invite_token}/?PROLIFIC_PID=pid-777&STUDY_ID=s1&other=x"
    assert client.get(link).status_code == 200
    client.post(link, {"consent": "on"})
    participant = Participant.objects.get(deliberation=prolific)
    assert participant.panel_params == {"PROLIFIC_PID": "pid-777", "STUDY_ID": "s1"}
    assert participant.user.first_name == participant.pseudonym  # greeted by pseudonym
    end = client.get("/d/study/vote/").content.decode()  # no stories: the session ends at once
    assert "C1A2B3" in end
    assert 'href="https://app.prolific.com/submissions/complete?cc=C1A2B3"' in end
    snapshot = snapshot_create(deliberation=prolific)
    for url in (
        f"/api/v1/snapshots/{snapshot.pk}/export/?format=json",
        f"/api/v1/snapshots/{snapshot.pk}/votes/?format=csv",
        "/api/v1/deliberations/study/demographics/",
    ):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"pid-777" not in body, url


def test_a_bad_panel_setting_names_the_field(prolific):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        deliberation_update(prolific, by=prolific.owner, panel={"params": "PROLIFIC PID;x"})
    assert "panel_params" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        deliberation_update(
            prolific, by=prolific.owner, panel={"params": "", "completion_url": "javascript:x"}
        )
    assert "panel_completion_url" in exc.value.message_dict
