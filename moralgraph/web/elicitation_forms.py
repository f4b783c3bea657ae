"""Forms of the guided values-card flow: they shape what was typed; the card rules live in checks."""

from django import forms

from ..cards.checks import TITLE_MAX, CardIssue, normalise_policies
from ..cards.services import DRAFT_TEXT_MAX


def lines(text: str) -> list[str]:
    """Non-empty lines, trimmed, in the order typed (a list the participant wrote one per line)."""
    return normalise_policies((text or "").splitlines())


def _textarea(label: str, *, rows: int = 6, help_text: str = "") -> forms.CharField:
    # No `required`: an empty step is allowed (the card checks at review say what is missing),
    # and a generous max_length only guards the draft's own limit.
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        max_length=DRAFT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class StoryForm(forms.Form):
    story = _textarea(
        "Tell us about a time you faced a choice like this, or helped someone who did. "
        "What happened?",
        rows=8,
        help_text="A few sentences are enough. Only you and the organisers see this story.",
    )

    def draft_fields(self) -> dict:
        return {"story": self.cleaned_data["story"]}


class AttentionForm(forms.Form):
    attention = _textarea(
        "In that moment, what did you pay attention to? List the things you noticed or looked for.",
        rows=8,
        help_text="One thing per line, e.g. “how tired she looked”, “whether she asked for help”.",
    )

    def draft_fields(self) -> dict:
        return {"attention": self.cleaned_data["attention"]}


class MeaningfulForm(forms.Form):
    """Keep the noticed things that matter in themselves; add any that were missing."""

    kept = forms.MultipleChoiceField(
        label="Keep the ones that matter to you in themselves",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    more = _textarea(
        "Anything else that matters to you in itself?",
        rows=4,
        help_text="Optional. One thing per line.",
    )

    def __init__(self, *args, items: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.fields["kept"].choices = [(item, item) for item in items]

    @classmethod
    def initial_from(cls, data: dict, items: list[str]) -> dict:
        """Ticked as last saved; on the first visit every noticed thing starts ticked."""
        if "meaningful" not in data:
            return {"kept": items, "more": ""}
        saved = lines(data["meaningful"])
        return {
            "kept": [item for item in items if item in saved],
            "more": "\n".join(line for line in saved if line not in items),
        }

    def draft_fields(self) -> dict:
        # Stored as one text, a line per thing that matters: the card step prefills from it.
        kept = [item for item in self.items if item in self.cleaned_data["kept"]]
        more = [line for line in lines(self.cleaned_data["more"]) if line not in kept]
        return {"meaningful": "\n".join(kept + more)}


class CardForm(forms.Form):
    """The card itself; used by the guided form's card step and by the edit page."""

    # No max_length: an over-long title must come back with its words and a message,
    # not be cut by the browser.
    title = forms.CharField(
        label="Title",
        required=False,
        help_text=f"A few words that name your value, up to {TITLE_MAX} characters.",
    )
    description = _textarea(
        "Short description",
        rows=3,
        help_text="One or two sentences: what choosing this way means to you.",
    )
    policies = _textarea(
        "What you pay attention to",
        rows=7,
        help_text="One per line: a kind of thing in CAPITALS (plural), then what about it.",
    )

    def clean_title(self) -> str:
        # Beyond what a draft keeps: refused with a message, the words still in the box.
        title = self.cleaned_data["title"]
        if len(title) > DRAFT_TEXT_MAX:
            raise forms.ValidationError(
                f"That is {len(title)} characters; please keep it to {TITLE_MAX} or fewer."
            )
        return title

    @classmethod
    def initial_from(cls, data: dict) -> dict:
        """What the draft holds; before the card is first written, the kept things prefill it."""
        policies = data["policies"] if "policies" in data else lines(data.get("meaningful", ""))
        return {
            "title": data.get("title", ""),
            "description": data.get("description", ""),
            "policies": "\n".join(policies or []),
        }

    def card_fields(self) -> dict:
        return {
            "title": self.cleaned_data["title"],
            "description": self.cleaned_data["description"],
            "policies": lines(self.cleaned_data["policies"]),
        }

    def add_issues(self, issues: list[CardIssue]) -> None:
        """Show check messages on the fields they concern ("policies.3" → the policies box)."""
        for issue in issues:
            field = issue.field.split(".")[0]
            self.add_error(field if field in self.fields else None, issue.message)


class ConfirmCanonicalForm(forms.Form):
    same = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])
