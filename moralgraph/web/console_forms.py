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

    panel_params = forms.CharField(
        label="Recruitment panel: parameters on the invite link",
        required=False,
        help_text="E.g. PROLIFIC_PID STUDY_ID SESSION_ID: stored with the participant, never exported.",
    )
    panel_completion_code = forms.CharField(
        label="Completion code shown at the end", required=False, max_length=64
    )
    panel_completion_url = forms.CharField(
        label="Completion URL (where participants return)", required=False, max_length=500
    )
    PANEL = ("panel_params", "panel_completion_code", "panel_completion_url")

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:  # the panel is set up on the deliberation's page
            for name in self.PANEL:
                del self.fields[name]
        else:
            del self.fields["questions"]
            panel = (self.instance.settings or {}).get("panel") or {}
            self.initial.setdefault("panel_params", " ".join(panel.get("params", [])))
            self.initial.setdefault("panel_completion_code", panel.get("completion_code", ""))
            self.initial.setdefault("panel_completion_url", panel.get("completion_url", ""))

    def model_fields(self) -> dict:
        skip = {"questions", *self.PANEL}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def panel(self) -> dict:
        data = self.cleaned_data
        return {
            "params": data.get("panel_params", ""),
            "completion_code": data.get("panel_completion_code", ""),
            "completion_url": data.get("panel_completion_url", ""),
        }

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
