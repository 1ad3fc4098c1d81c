from django import forms


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Zoekterm",
        max_length=200,
        strip=True,
        error_messages={"required": "Vul een zoekterm in."},
    )
