"""Group labels in raw-vote exports: every shown set of labels is shared by five voters or more."""

from collections import Counter

import pytest

from moralgraph.participation.anonymity import group_labels, shown_items
from tests.factories import DeliberationFactory, ParticipantFactory


def classes(profiles, shown) -> Counter:
    return Counter(tuple(sorted(i for i in p.items() if i in shown)) for p in profiles)


def test_groups_of_five_are_shown():
    profiles = [{"age": "25-34"}] * 5 + [{"age": "35-44"}] * 5
    assert shown_items(profiles) == {("age", "25-34"), ("age", "35-44")}


def test_a_rare_value_hides_its_complement_too():
    # Four 35-44s: withheld; then "not 25-34" would point at them, so 25-34 goes as well.
    profiles = [{"age": "25-34"}] * 6 + [{"age": "35-44"}] * 4
    assert shown_items(profiles) == set()


def test_people_without_the_attribute_count_as_a_group():
    profiles = [{"age": "25-34"}] * 6 + [{}] * 2
    assert shown_items(profiles) == set()
    assert shown_items([{"age": "25-34"}] * 6 + [{}] * 5) == {("age", "25-34")}


def test_combinations_of_attributes_are_groups_too():
    # Each label is held by five, but "north and 25-34" is one person: something must give.
    profiles = (
        [{"age": "25-34", "region": "south"}] * 4
        + [{"age": "25-34", "region": "north"}]
        + [{"age": "35-44", "region": "north"}] * 4
        + [{"age": "35-44", "region": "south"}]
    )
    shown = shown_items(profiles)
    assert min(classes(profiles, shown).values()) >= 5


@pytest.mark.django_db
def test_organiser_labels_and_bookkeeping():
    d = DeliberationFactory()
    people = [
        ParticipantFactory(deliberation=d, group_labels=["pilot"], attributes={"maiUserId": str(i)})
        for i in range(5)
    ] + [ParticipantFactory(deliberation=d) for _ in range(5)]
    labels = group_labels(d, [p.pk for p in people])
    assert labels[people[0].pk] == ["group=pilot"]
    assert labels[people[9].pk] == []
    assert "maiUserId" not in str(labels)
