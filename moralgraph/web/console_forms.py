"""The organiser console's forms: they carry what was typed; the services decide."""

from django import forms

from ..deliberations.services import EDITABLE
from ..models import Deliberation


class DeliberationForm(forms.ModelForm):
    questions = forms.CharField(
        label="Questions (one per line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="You can add more, and their situations, after creating it.",
    )

    class Meta:
        model = Deliberation
        fields = EDITABLE
        labels = {
            "description": "Welcome text",
            "consent_text": "Consent text",
            "results_visibility": "Who sees the graph and its data",
            "session_size": "Stories per voting session",
            "session_own_share": "Largest share of a session about the participant's own values",
            "snapshot_every_minutes": "Update the graph every … minutes while votes arrive (0: only by hand)",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "consent_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "consent_text": "Shown before joining. Empty: the platform's standard consent text.",
        }

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["questions"]

    def prompts(self) -> list[str]:
        return [
            line.strip()
            for line in self.cleaned_data.get("questions", "").splitlines()
            if line.strip()
        ]


class QuestionForm(forms.Form):
    prompt = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 2}))
    situations = forms.CharField(
        label="Situations (one per line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E.g. “When the user is in distress”.",
    )

    def situation_names(self) -> list[str]:
        return [
            s.strip() for s in self.cleaned_data.get("situations", "").splitlines() if s.strip()
        ]


class QuestionsUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload questions (CSV)",
        help_text="Columns: question, and optionally situations (separated by semicolons).",
    )


class ContextForm(forms.Form):
    name = forms.CharField(label="New situation", max_length=400)


class CoOrganiserForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150)
