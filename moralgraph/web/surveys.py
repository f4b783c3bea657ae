"""The survey at the end of the flow, and the question after the graph view; thin callers of
`surveys.services.survey_submit`, which refuses by question what the API refuses."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..surveys.services import END, PLACEMENT, SCALE, my_answers, survey_questions, survey_submit
from .common import add_errors, messages_of, participant_page


def survey_form(deliberation, kind: str, *, data=None, initial=None) -> forms.Form:
    fields = {
        q["key"]: forms.TypedChoiceField(
            label=q["text"],
            choices=[(str(k), f"{k} · {text}") for k, text in SCALE.items()],
            widget=forms.RadioSelect,
            required=False,
        )
        for q in survey_questions(deliberation, kind)
    }
    form_class = type("SurveyForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial, prefix=kind)


@require_http_methods(["GET", "POST"])
@participant_page
def survey(request, deliberation, participant):
    """GET: both forms with the participant's answers so far. POST (kind=end|placement): store
    them; on a refusal the page comes back with every answer as it was chosen."""
    answers = {k: str(v) for k, v in my_answers(participant).items()}
    kind = request.POST.get("kind") if request.method == "POST" else None
    forms_by_kind = {
        k: survey_form(deliberation, k, data=request.POST if kind == k else None, initial=answers)
        for k in (END, PLACEMENT)
    }
    status = 200
    if kind in forms_by_kind:
        form = forms_by_kind[kind]
        if form.is_valid():
            try:
                survey_submit(participant=participant, answers=form.cleaned_data, kind=kind)
            except ValidationError as exc:
                add_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, messages_of(exc))
            else:
                messages.success(request, "Thank you: your answers are saved.")
                if request.POST.get("next") == "graph":
                    return redirect("moralgraph:graph", slug=deliberation.slug)
                return redirect("moralgraph:survey", slug=deliberation.slug)
        status = 400
    elif request.method == "POST":
        status = 400
        messages.error(request, "kind: choose end or placement.")
    context = {
        "deliberation": deliberation,
        "participant": participant,
        "end_form": forms_by_kind[END],
        "placement_form": forms_by_kind[PLACEMENT],
    }
    return render(request, "moralgraph/survey.html", context, status=status)
