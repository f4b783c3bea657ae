"""Seeing a deliberation: `access.can_see_deliberation` answers open and public ones from the
row without a query; for every user and deliberation it must agree with the query form
`deliberations_visible_to`, and the API (which uses it one slug at a time) with both."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from moralgraph.access import can_see_deliberation, deliberations_visible_to
from tests.moralgraph.test_results_access import world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_row_rule_agrees_with_the_query_for_everyone(world):  # noqa: F811
    for name, user in world["users"].items():
        user = user or AnonymousUser()
        visible = set(deliberations_visible_to(user).values_list("slug", flat=True))
        seen = {d.slug for d in world["d"].values() if can_see_deliberation(user, d)}
        assert seen == visible, name


@pytest.mark.parametrize("who", ["anon", "stranger", "carded-participants-closed", "co"])
def test_the_api_answers_404_exactly_where_the_rule_says_no(world, who):  # noqa: F811
    user = world["users"][who]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    for slug, d in world["d"].items():
        status = client.get(f"/api/v1/deliberations/{slug}/contexts/").status_code
        assert (status != 404) == can_see_deliberation(user or AnonymousUser(), d), (who, slug)
