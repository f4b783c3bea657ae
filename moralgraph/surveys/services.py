"""The survey a deliberation asks (configurable in its settings), and answering it.

At the end of the flow: the deliberation's questions (`settings["survey"]`, a list of
{"key", "text"}; MAI's legitimacy questions by default). After the graph view: whether the
participant's value is well placed in the graph. Every answer is 1 (strongly disagree) to 5
(strongly agree); a question left blank is skipped, answering again updates the answer.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Deliberation, Participant, SurveyAnswer
from ..models.surveys import KEY_MAX_LENGTH, QUESTION_MAX_LENGTH
from ..participation.rules import require_taking_part

END, PLACEMENT = "end", "placement"
DEFAULT_QUESTIONS = (
    ("values_expressed", "The values I wrote express what I care about"),
    ("clarified_thinking", "The process clarified my thinking"),
    ("respect_for_others", "I gained respect for people who disagree with me"),
    ("trust_process", "I trust this process"),
    ("graph_fair", "The final graph is fair, even where my value did not win"),
)
PLACEMENT_QUESTION = ("value_well_placed", "My value is well placed in the graph")
SCALE = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
MAX_QUESTIONS = 12
KEY_PATTERN = re.compile(rf"^[a-z0-9_]{{1,{KEY_MAX_LENGTH}}}$")


def clean_survey_setting(raw) -> list[dict]:
    """The organiser's survey as [{"key", "text"}], or a ValidationError naming what is wrong
    (called by the admin's form and anything else that sets `settings["survey"]`)."""
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_QUESTIONS:
        raise ValidationError(f"survey: a list of 1 to {MAX_QUESTIONS} questions.")
    seen, cleaned = set(), []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ValidationError('survey: each question is {"key": …, "text": …}.')
        key, text = str(item.get("key", "")), item["text"].strip()
        if not KEY_PATTERN.match(key) or key in seen or key == PLACEMENT_QUESTION[0]:
            raise ValidationError(f"survey: {key!r} is not a new key of a–z, 0–9 and _.")
        if not 1 <= len(text) <= QUESTION_MAX_LENGTH:
            raise ValidationError(
                f"survey: {key}'s text must be 1 to {QUESTION_MAX_LENGTH} characters."
            )
        seen.add(key)
        cleaned.append({"key": key, "text": text})
    return cleaned


def survey_questions(deliberation: Deliberation, kind: str = END) -> list[dict]:
    if kind == PLACEMENT:
        return [{"key": PLACEMENT_QUESTION[0], "text": PLACEMENT_QUESTION[1]}]
    raw = (deliberation.settings or {}).get("survey")
    if raw:
        try:
            return clean_survey_setting(raw)
        except ValidationError:
            pass  # a broken setting must not break the participant's page: the defaults
    return [{"key": k, "text": t} for k, t in DEFAULT_QUESTIONS]


def all_questions(deliberation: Deliberation) -> list[dict]:
    return survey_questions(deliberation, END) + survey_questions(deliberation, PLACEMENT)


def my_answers(participant: Participant) -> dict[str, int]:
    return dict(participant.survey_answers.values_list("question", "answer"))


@transaction.atomic
def survey_submit(*, participant: Participant, answers: dict, kind: str = END) -> int:
    """Store the answers (question key → 1..5, or blank to skip); returns how many were given.
    Refuses, by question key, an unknown question or an answer outside 1..5."""
    require_taking_part(participant, to="answer the survey", new="survey answers")
    if kind not in (END, PLACEMENT):
        raise ValidationError({"kind": f"Choose {END} or {PLACEMENT}."})
    if not isinstance(answers, dict):
        raise ValidationError({"answers": "An object of question key → answer (1 to 5)."})
    questions = {q["key"]: q["text"] for q in survey_questions(participant.deliberation, kind)}
    errors, given = {}, {}
    for key, value in answers.items():
        if key not in questions:
            errors[str(key)[:KEY_MAX_LENGTH]] = "No such question in this survey."
            continue
        if value in (None, ""):
            continue
        try:
            number = int(value)
            if isinstance(value, bool) or str(number) != str(value).strip() or number not in SCALE:
                raise ValueError
        except (TypeError, ValueError):
            errors[key] = "Choose an answer from 1 (strongly disagree) to 5 (strongly agree)."
            continue
        given[key] = number
    if errors:
        raise ValidationError(errors)
    if not given:
        raise ValidationError({"answers": "Answer at least one question."})
    for key, number in given.items():
        SurveyAnswer.objects.update_or_create(
            participant=participant,
            question=key,
            defaults={
                "deliberation": participant.deliberation,
                "answer": number,
                "text": questions[key],
            },
        )
    return len(given)
