"""My values: editing a card (checked again, deduplicated again) and "is this the same as your
value?"."""

import pytest

from moralgraph.models import ValuesCard
from tests.factories import POLICIES, CanonicalValueFactory

from .conftest import field_value, page, submitted_card, url

pytestmark = pytest.mark.django_db


def test_edit_card_checks_and_keeps_the_text_on_error(ana, world, no_dedupe_worker):
    card = submitted_card(ana, world)
    no_dedupe_worker.reset_mock()
    html = page(ana.get(url("card_edit", card.pk)))
    assert field_value(html, "title") == "Curiosity-led learning"
    assert field_value(html, "policies") == "\n".join(POLICIES)

    data = {"title": "T" * 81, "description": "changed", "policies": "MOMENTS of doubt"}
    html = page(ana.post(url("card_edit", card.pk), data))
    assert "keep it to 80 or fewer" in html
    assert (field_value(html, "title"), field_value(html, "description")) == ("T" * 81, "changed")
    card.refresh_from_db()
    assert card.title == "Curiosity-led learning"

    # A warning asks before saving; "Save anyway" saves.
    data = {"title": "Ban homework", "description": "changed", "policies": "MOMENTS of doubt"}
    html = page(ana.post(url("card_edit", card.pk), data))
    assert "Save anyway" in html
    assert "reads like a demand for a policy" in html
    assert field_value(html, "title") == "Ban homework"
    card.refresh_from_db()
    assert card.title == "Curiosity-led learning"
    response = ana.post(url("card_edit", card.pk), {**data, "confirm_warnings": "1"})
    assert response["Location"] == url("my_values") + f"#card-{card.pk}"
    card.refresh_from_db()
    assert (card.title, card.description, card.policies) == (
        "Ban homework",
        "changed",
        ["MOMENTS of doubt"],
    )
    assert card.provenance["edits"]
    no_dedupe_worker.assert_called_once_with(
        card.pk, force=True
    )  # an edited card is deduplicated again
    assert "Your changes are saved." in page(ana.get(url("my_values")))


def test_confirm_same_yes_and_no(ana, world):
    mine = submitted_card(ana, world)
    shared = CanonicalValueFactory(
        deliberation=world["d"], title="Letting children lead", policies=["CHOICES she makes"]
    )
    ValuesCard.objects.filter(pk=mine.pk).update(canonical_value=shared)
    html = page(ana.get(url("my_values")))
    assert "Letting children lead" in html
    assert "Is this the same as your value?" in html

    response = ana.post(url("card_confirm", mine.pk), {"same": "yes"})
    assert response["Location"] == url("my_values") + f"#card-{mine.pk}"
    mine.refresh_from_db()
    assert (mine.canonical_confirmed, mine.canonical_value_id) == (True, shared.pk)
    html = page(ana.get(url("my_values")))
    assert "You said this is the same as your value." in html
    assert "Is this the same as your value?" not in html

    ValuesCard.objects.filter(pk=mine.pk).update(canonical_confirmed=None)
    ana.post(url("card_confirm", mine.pk), {"same": "no"})
    mine.refresh_from_db()
    assert mine.canonical_confirmed is False
    assert mine.canonical_value_id != shared.pk
    html = page(ana.get(url("my_values")))
    assert "so it stands on its own" in html
    assert "Letting children lead" not in html

    ana.post(url("card_confirm", mine.pk), {"same": "maybe"})
    assert "Please answer Yes or No." in page(ana.get(url("my_values")))
    assert ana.get(url("card_confirm", mine.pk)).status_code == 405


def test_a_value_made_from_the_card_itself_is_not_asked_about(ana, world):
    mine = submitted_card(ana, world)
    own = CanonicalValueFactory(
        deliberation=world["d"],
        title=mine.title,
        description=mine.description,
        policies=mine.policies,
    )
    ValuesCard.objects.filter(pk=mine.pk).update(canonical_value=own)
    assert "Is this the same as your value?" not in page(ana.get(url("my_values")))
