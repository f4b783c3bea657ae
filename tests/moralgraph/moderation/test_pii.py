"""Personal data in participants' text: realistic positives found with their spans, look-alikes left alone."""

import pytest

from moralgraph.moderation.pii import find_pii, find_pii_in_fields, redact

POSITIVES = [
    ("Write to me at jane.doe+mg@example.co.uk any time", "email", "jane.doe+mg@example.co.uk"),
    ("mail bob [at] example [dot] org for details", "email", "bob [at] example [dot] org"),
    ("Call +44 20 7946 0958 tonight", "phone", "+44 20 7946 0958"),
    ("call +1 (555) 123-4567 after six", "phone", "+1 (555) 123-4567"),
    ("my number is (555) 123-4567.", "phone", "(555) 123-4567"),
    ("text 555-123-4567", "phone", "555-123-4567"),
    ("or 555.123.4567", "phone", "555.123.4567"),
    ("toll free 1-800-555-0199", "phone", "1-800-555-0199"),
    ("ring 020 7946 0958", "phone", "020 7946 0958"),
    ("mobile 07700 900123", "phone", "07700 900123"),
    ("appelle-moi au 06 12 34 56 78", "phone", "06 12 34 56 78"),
    ("sms 0612345678", "phone", "0612345678"),
    ("+33 6 12 34 56 78", "phone", "+33 6 12 34 56 78"),
    ("Büro 030 12345678", "phone", "030 12345678"),
    ("0049 30 1234567", "phone", "0049 30 1234567"),
    ("+49 171 1234567", "phone", "+49 171 1234567"),
    ("I live at 221B Baker Street, London", "address", "221B Baker Street"),
    ("Come to 1600 Pennsylvania Avenue NW", "address", "1600 Pennsylvania Avenue NW"),
    ("she lives at 42 Elm St. near the school", "address", "42 Elm St."),
    ("at 12 rue de Rivoli, Paris", "address", "12 rue de Rivoli"),
    ("Hauptstraße 12, Berlin", "address", "Hauptstraße 12"),
]

NEGATIVES = [
    "In 1999-2004 I worked nights",
    "On 2024-03-20 we met",
    "03.04.2024 was the day",
    "It cost $1,250,000 in total",
    "ISBN 978-3-16-148410-0",
    "version 1.2.3 and 10.4.22",
    "we walked 3 miles down the road",
    "5 main points to remember",
    "The 2 Roads diverged",
    "I have 3 kids and 2 dogs",
    "between 10:30 and 12:45",
    "scores 0.5 0.25 0.125 0.0625",
    "she is 35 years old, born in 1989",
    "the match ended 3-2 and then 4-1",
    "Call me at home",
    "my handle is @jane_doe",
    "an email address is important to her",
    "1 000 000 people",
    "MOMENTS when the child's curiosity shows",
    "It happened in 2020 Street protests",
]


@pytest.mark.parametrize(("text", "kind", "found"), POSITIVES)
def test_finds_personal_data_with_its_span(text, kind, found):
    [span] = find_pii(text)
    assert (span.kind, span.text) == (kind, found)
    assert text[span.start : span.end] == found


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_look_alikes_alone(text):
    assert find_pii(text) == []


def test_several_kinds_in_one_text_in_order_and_redacted():
    text = "Email ann@example.org or call 07700 900123; I'm at 10 Downing Street."
    assert [s.kind for s in find_pii(text)] == ["email", "phone", "address"]
    assert redact(text) == "Email [email] or call [phone]; I'm at [address]."


def test_fields_are_named_and_lists_numbered_from_one():
    found = find_pii_in_fields(
        {"title": "Patience", "policies": ["MOMENTS of calm", "CALLS to +44 20 7946 0958"]}
    )
    assert list(found) == ["policies.2"]
    assert found["policies.2"][0].kind == "phone"
    assert find_pii("") == []
    assert redact("nothing here") == "nothing here"
