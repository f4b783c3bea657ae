from django import forms


class JoinForm(forms.Form):
    consent = forms.BooleanField(
        label="I have read the statement above and agree to take part.",
        error_messages={"required": "Please tick the box to agree before joining."},
    )


class VoteForm(forms.Form):
    hypothesis = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label="Did this person become wiser?",
        choices=[("wiser", "Yes, wiser"), ("not_wiser", "No"), ("unsure", "Not sure")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose Yes, No or Not sure."},
    )
    comment = forms.CharField(
        label="Why? (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StoryForm(forms.Form):
    """A participant's own upgrade story: "I used to focus on X; now I see Y"."""

    from_value = forms.ModelChoiceField(queryset=None, label="I used to focus on")
    to_value = forms.ModelChoiceField(queryset=None, label="Now I see")
    context = forms.ModelChoiceField(queryset=None, label="In this situation")
    story = forms.CharField(
        label="What happened?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences: what you used to pay attention to, what changed, what you notice now.",
    )

    def __init__(self, *args, values, contexts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_value"].queryset = values
        self.fields["to_value"].queryset = values
        self.fields["context"].queryset = contexts
