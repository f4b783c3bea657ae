"""Worlds that more than one stage's tests build (each folder's conftest.py has its own)."""

from tests.factories import ContextFactory, DeliberationFactory, QuestionFactory, ValuesCardFactory


def three_values_world() -> dict:
    """Three participants on one question in one context, each holding one of the values A, B and C
    through a submitted card: what stories and votes are about."""
    d = DeliberationFactory(slug="v")
    ctx = ContextFactory(deliberation=d, name="When a child refuses homework")
    q = QuestionFactory(deliberation=d, contexts=[ctx])
    cards = [
        ValuesCardFactory(author__deliberation=d, question=q, canonical_value__title=title)
        for title in "ABC"
    ]
    values, people = [c.canonical_value for c in cards], [c.author for c in cards]
    return {"d": d, "ctx": ctx, "q": q, "values": values, "people": people}
