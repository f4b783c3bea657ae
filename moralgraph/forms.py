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
