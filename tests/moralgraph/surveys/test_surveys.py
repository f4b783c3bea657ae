"""Answering the survey (service, page, API: the same refusals), and its results per group."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from mgplatform.accounts.apikeys import api_key_create
from moralgraph.models import Deliberation, Participant, SurveyAnswer
from moralgraph.reports.groups import OPERATOR, ReportUnavailable
from moralgraph.surveys.results import survey_results
from moralgraph.surveys.services import clean_survey_setting, survey_questions, survey_submit
from tests.factories import DeliberationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_defaults_and_a_configured_survey():
    d = DeliberationFactory()
    assert [q["key"] for q in survey_questions(d)] == [
        "values_expressed",
        "clarified_thinking",
        "respect_for_others",
        "trust_process",
        "graph_fair",
    ]
    d.settings = {"survey": [{"key": "heard", "text": "I felt heard"}]}
    assert survey_questions(d) == [{"key": "heard", "text": "I felt heard"}]
    with pytest.raises(ValidationError, match="not a new key"):
        clean_survey_setting([{"key": "Bad Key", "text": "x"}])


def test_submit_refuses_by_question_and_updates_on_a_second_answer():
    p = ParticipantFactory()
    with pytest.raises(ValidationError) as refused:
        survey_submit(participant=p, answers={"trust_process": "7", "nope": "3"})
    assert set(refused.value.message_dict) == {"trust_process", "nope"}
    with pytest.raises(ValidationError, match="at least one"):
        survey_submit(participant=p, answers={"trust_process": ""})
    assert survey_submit(participant=p, answers={"trust_process": "4", "graph_fair": 2}) == 2
    survey_submit(participant=p, answers={"trust_process": 5})
    assert dict(p.survey_answers.values_list("question", "answer")) == {
        "trust_process": 5,
        "graph_fair": 2,
    }
    survey_submit(participant=p, answers={"value_well_placed": 3}, kind="placement")
    p.status = Participant.Status.BANNED
    with pytest.raises(PermissionDenied):
        survey_submit(participant=p, answers={"trust_process": 1})
    p.status = Participant.Status.ACTIVE
    p.deliberation.status = Deliberation.Status.CLOSED
    with pytest.raises(ValidationError, match="closed"):
        survey_submit(participant=p, answers={"trust_process": 1})


def test_the_database_keeps_answers_between_1_and_5():
    from django.db import IntegrityError

    p = ParticipantFactory()
    with pytest.raises(IntegrityError):
        SurveyAnswer.objects.create(
            participant=p, deliberation=p.deliberation, question="x", text="x", answer=6
        )


def test_page_keeps_every_answer_when_one_is_refused(client):
    p = ParticipantFactory()
    client.force_login(p.user)
    url = f"/d/{p.deliberation.slug}/survey/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "end",
            "end-trust_process": "4",
            "end-graph_fair": "9",
            "end-values_expressed": "5",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'name="end-trust_process" value="4"' in html
    assert 'name="end-values_expressed" value="5"' in html
    checked = [line for line in html.split("<input") if "checked" in line]
    assert any('name="end-trust_process" value="4"' in c for c in checked)
    assert any('name="end-values_expressed" value="5"' in c for c in checked)
    assert "Select a valid choice" in html
    assert not SurveyAnswer.objects.exists()
    done = client.post(
        url, {"kind": "placement", "placement-value_well_placed": "4", "next": "graph"}
    )
    assert done.status_code == 302
    assert done["Location"].endswith("/graph/")
    assert SurveyAnswer.objects.get().answer == 4


def test_api_answers_and_refuses_by_name():
    p = ParticipantFactory()
    key = api_key_create(owner=p.user, name="agent", scopes=["participate"])[1]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/v1/deliberations/{p.deliberation.slug}/survey/"
    assert [q["key"] for q in api.get(url).json()["placement"]] == ["value_well_placed"]
    bad = api.post(url, {"answers": {"trust_process": 9}}, format="json")
    assert bad.status_code == 400
    assert "trust_process" in bad.json()["error"]["fields"]["answers"]
    unknown = api.post(url, {"answers": {"nope": 3}}, format="json")
    assert unknown.status_code == 400
    assert "nope" in unknown.json()["error"]["fields"]
    ok = api.post(url, {"answers": {"trust_process": 4}}, format="json")
    assert ok.json() == {"saved": 1, "answers": {"trust_process": 4}}


def test_results_withhold_groups_under_five_and_their_remainder():
    d = DeliberationFactory()
    sides = {"a": 6, "b": 6, "c": 5}
    people = [
        ParticipantFactory(deliberation=d, attributes={"side": side})
        for side, n in sides.items()
        for _ in range(n)
    ]
    for i, p in enumerate(people):
        answers = {"trust_process": 1 + i % 5}
        if p.attributes["side"] != "c" or i % 5 < 2:  # only two of "c" answer graph_fair
            answers["graph_fair"] = 1 + i % 3
        survey_submit(participant=p, answers=answers)
    results = survey_results(d, viewer=OPERATOR, group_attribute="side")
    trust = next(q for q in results["questions"] if q["key"] == "trust_process")
    assert trust["respondents"] == 17
    assert [g["respondents"] for g in trust["groups"]] == [6, 6, 5]
    fair = next(q for q in results["questions"] if q["key"] == "graph_fair")
    assert fair["respondents"] == 14
    cells = {g["group"]: g for g in fair["groups"]}
    # Two of "c" answered: withheld; and a and b both shown would reveal those two by
    # subtraction from the total, so one of them is withheld too.
    assert cells["c"] == {"group": "c", "withheld": True}
    assert cells["a"] == {"group": "a", "withheld": True}
    assert cells["b"]["respondents"] == 6
    placed = next(q for q in results["questions"] if q["key"] == "value_well_placed")
    assert placed["withheld"]
    # An attribute held by too few forms no groups: the anonymity rule, not a guess.
    few = [ParticipantFactory(deliberation=d, attributes={"rare": "x"}) for _ in range(3)]
    survey_submit(participant=few[0], answers={"trust_process": 3})
    with pytest.raises(ReportUnavailable):
        survey_results(d, viewer=OPERATOR, group_attribute="rare")


def test_admin_refuses_a_broken_survey_setting_and_keeps_a_good_one(client):
    from tests.factories import UserFactory

    d = DeliberationFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/moralgraph/deliberation/{d.pk}/change/"
    form = {
        "slug": d.slug,
        "title": d.title,
        "description": "",
        "owner": d.owner_id,
        "consent_text": "",
        "results_visibility": d.results_visibility,
        "session_size": d.session_size,
        "session_own_share": d.session_own_share,
        "snapshot_every_minutes": d.snapshot_every_minutes,
    }
    bad = client.post(url, {**form, "settings": '{"survey": [{"key": "Bad Key", "text": "x"}]}'})
    assert bad.status_code == 200
    assert "not a new key" in bad.content.decode()
    good = '{"survey": [{"key": "heard", "text": "  I felt heard "}]}'
    assert client.post(url, {**form, "settings": good}).status_code == 302
    d.refresh_from_db()
    assert survey_questions(d) == [{"key": "heard", "text": "I felt heard"}]
