"""Judging upgrade stories ("did this person become wiser?") and writing one's own story.

Thin: the services decide which values, stories and participants may take part; the forms
only carry what was typed, so the page refuses exactly what the API refuses.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ..hypotheses.rules import STORY_UNAVAILABLE, usable_story
from ..hypotheses.selectors import values_to_offer
from ..hypotheses.services import hypothesis_write
from ..hypotheses.sessions import session_question, session_start, session_state
from ..models import (
    COMMENT_MAX_LENGTH,
    STORY_MAX_LENGTH,
    Context,
    Deliberation,
    Participant,
    WiserVote,
)
from ..participation.panels import completion_for
from ..votes.services import vote_cast
from .common import add_errors, participant_page


class VoteForm(forms.Form):
    hypothesis = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label="Did this person become wiser?",
        choices=WiserVote.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose Yes, No or Not sure."},
    )
    comment = forms.CharField(
        label="Why? (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StoryForm(forms.Form):
    """A participant's own upgrade story: "I used to focus on X; now I see Y".

    The choices offer what may be used; the service decides what is accepted.
    """

    from_value = forms.TypedChoiceField(coerce=int, label="I used to focus on")
    to_value = forms.TypedChoiceField(coerce=int, label="Now I see")
    context = forms.TypedChoiceField(coerce=int, label="In this situation")
    story = forms.CharField(
        label="What happened?",
        max_length=STORY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences: what you used to pay attention to, what changed, what you notice now.",
    )

    def __init__(self, *args, deliberation: Deliberation, **kwargs):
        super().__init__(*args, **kwargs)
        values = [(v.pk, v.title) for v in values_to_offer(deliberation)]
        self.fields["from_value"].choices = self.fields["to_value"].choices = values
        contexts = Context.objects.filter(deliberation=deliberation).order_by("name")
        self.fields["context"].choices = [(c.pk, c.name) for c in contexts]
        for name in ("from_value", "to_value", "context"):
            # An id that is not offered is passed on, for the service to refuse with its reason.
            self.fields[name].valid_value = lambda value: True


def _story_shown(deliberation: Deliberation, given):
    """The story a vote form was for, if participants may still judge it."""
    try:
        return usable_story(deliberation, given)
    except ValidationError:
        return None


def _vote_url(deliberation: Deliberation, question) -> str:
    url = reverse("moralgraph:vote", args=[deliberation.slug])
    return f"{url}?question={question.pk}" if question else url


@participant_page
@require_http_methods(["GET", "POST"])
def vote(request, deliberation: Deliberation, participant: Participant):
    """A session of stories for one question, one at a time, that ends ("thank you — see the
    graph"); "another session" composes a new one. Works without JavaScript."""
    question = session_question(
        participant, request.POST.get("question") or request.GET.get("question")
    )
    form = VoteForm(request.POST if request.method == "POST" else None)
    hypothesis = None
    if request.method == "POST" and question is not None and "another" in request.POST:
        session_start(participant, question)
        return redirect(_vote_url(deliberation, question))
    if request.method == "POST":
        hypothesis = _story_shown(deliberation, request.POST.get("hypothesis"))
        if hypothesis is None:
            messages.error(request, f"{STORY_UNAVAILABLE} Here is another one.")
            return redirect(_vote_url(deliberation, question))
        if form.is_valid():
            try:
                vote_cast(
                    participant=participant,
                    hypothesis=hypothesis,
                    choice=form.cleaned_data["choice"],
                    comment=form.cleaned_data["comment"],
                )
            except (ValidationError, PermissionDenied) as exc:
                add_errors(form, exc)
            else:
                messages.success(request, "Thank you — your judgement is saved.")
                return redirect(_vote_url(deliberation, question))
    state = session_state(participant, question) if question is not None else None
    if hypothesis is None and state is not None and state.next_story is not None:
        hypothesis = state.next_story
        form = VoteForm(initial={"hypothesis": hypothesis.pk})
    elif hypothesis is None:
        form = None
    others = deliberation.questions.exclude(pk=question.pk) if question else []
    return render(
        request,
        "moralgraph/vote.html",
        {
            "deliberation": deliberation,
            "participant": participant,
            "question": question,
            "other_questions": others,
            "state": state,
            "hypothesis": hypothesis,
            "form": form,
            "votes_cast": participant.votes.count(),
            "completion": completion_for(participant),
        },
    )


@participant_page
@require_http_methods(["GET", "POST"])
def story_new(request, deliberation: Deliberation, participant: Participant):
    """A participant tells how they moved from one value to another (a participant-written hypothesis)."""
    form = StoryForm(request.POST if request.method == "POST" else None, deliberation=deliberation)
    if request.method == "POST" and form.is_valid():
        try:
            hypothesis_write(participant=participant, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Thank you — other participants will judge your story.")
            return redirect("moralgraph:vote", slug=deliberation.slug)
    return render(
        request, "moralgraph/story_new.html", {"deliberation": deliberation, "form": form}
    )
