"""Legitimacy surveys: participants' 1–5 answers about the process and the graph."""

from django.db import models
from django.db.models import Q

from .deliberations import Deliberation
from .participation import Participant

KEY_MAX_LENGTH = 40
QUESTION_MAX_LENGTH = 300


class SurveyAnswer(models.Model):
    """One participant's answer (1 = strongly disagree … 5 = strongly agree) to one question of
    the deliberation's survey; answering again updates it. The question's text is kept as it
    was asked, so a later edit of the survey does not change what was answered."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="survey_answers"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="survey_answers"
    )
    question = models.SlugField(max_length=KEY_MAX_LENGTH)
    text = models.CharField(max_length=QUESTION_MAX_LENGTH)
    answer = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("deliberation", "question", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "question"), name="survey_answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(answer__gte=1) & Q(answer__lte=5), name="survey_answer_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.question}={self.answer}"
