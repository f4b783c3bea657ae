"""The HTML forms fuzzed (issue 13, bad input, generated): hypothesis fills every field of the
pages' state-changing forms with arbitrary text — control characters, emoji, right-to-left
marks, 30,000-character values, wrong field names — as the principal allowed to post it; no
answer is a 5xx. (The API is fuzzed against its schema in test_schema_fuzz.py.)"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralgraph.models import ElicitationDraft

pytestmark = pytest.mark.django_db

TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["", " ", "0", "-1", "²", "1.5", "9" * 40, "card:²", "x" * 30_000, "\x00"]),
)
FORMS = {
    # name: (principal, URL, fields)
    "story": ("participant", "/d/{A}/drafts/{d}/story/", ["story", "go"]),
    "attention": ("participant", "/d/{A}/drafts/{d}/attention/", ["attention", "go"]),
    "meaningful": ("participant", "/d/{A}/drafts/{d}/meaningful/", ["kept", "more", "go"]),
    "card": ("participant", "/d/{A}/drafts/{d}/card/", ["title", "description", "policies", "go"]),
    "review": ("participant", "/d/{A}/drafts/{d}/review/", ["confirm_warnings"]),
    "vote": ("participant", "/d/{A}/vote/", ["hypothesis", "choice", "comment"]),
    "story_new": (
        "participant",
        "/d/{A}/stories/new/",
        ["from_value", "to_value", "context", "story"],
    ),
    "report": ("participant", "/d/{A}/report/", ["target", "reason"]),
    "card_edit": (
        "participant",
        "/d/{A}/my-values/{card}/edit/",
        ["title", "description", "policies"],
    ),
    "card_confirm": ("participant", "/d/{A}/my-values/{card}/confirm/", ["same"]),
    "act": ("moderator", "/moderate/act/", ["action", "targets", "reason"]),
    "value": ("moderator", "/moderate/value/{curiosity}/", ["action", "into", "cards", "reason"]),
    "keys": ("owner", "/d/{A}/keys/", ["name", "scopes", "expires_in_days"]),
    "login": (None, "/accounts/login/", ["username", "password", "next"]),
}
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_form_answers_a_server_error(world, name):
    principal, template, fields = FORMS[name]
    browser = Client(raise_request_exception=False)
    if principal:
        browser.force_login(world.users[principal])
    draft = ElicitationDraft.objects.filter(participant=world.participant).first()
    if draft is None:
        browser.post(f"/d/{world.ids['A']}/questions/{world.ids['q']}/")
        draft = ElicitationDraft.objects.filter(participant=world.participant).first()
    ids = {**world.ids, "d": draft.pk if draft else 0}
    url = template
    for key, value in ids.items():
        url = url.replace("{" + key + "}", str(value))

    @FUZZ
    @given(values=st.fixed_dictionaries({f: TEXT for f in fields}), extra=TEXT)
    def post(values, extra):
        response = browser.post(url, {**values, "unexpected": extra})
        assert response.status_code < 500, (values, response.status_code)

    post()
