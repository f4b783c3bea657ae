from django import forms


class JoinForm(forms.Form):
    consent = forms.BooleanField(
        label="I have read the statement above and agree to take part.",
        error_messages={"required": "Please tick the box to agree before joining."},
    )
