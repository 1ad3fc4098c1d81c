"""Forms for joining: every POST of the joining flow is validated here."""

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms

from dialogue_blocks.models import Municipality, Role
from dialogue_blocks.municipalities import find_municipality
from dialogue_blocks.text import clean_contribution_text

from .forms_rendering import AccessibleForm


class MunicipalityField(forms.CharField):
    """A municipality typed by name, with a list to pick from (no JavaScript needed).

    Any name people use is accepted ("Den Haag", without accents, any case),
    and a name that is not one gets suggestions in its error message.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Gemeente")
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "help_text", "Typ de naam en kies uit de lijst, bijvoorbeeld ‘Den Haag’."
        )
        kwargs.setdefault(
            "error_messages", {"required": "Vul de gemeente in waar u voor werkt."}
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "gemeenten", "autocomplete": "off"})

    def prepare_value(self, value):
        return value.name if isinstance(value, Municipality) else value

    def clean(self, value) -> Municipality:
        match = find_municipality(super().clean(value))
        if match.municipality is None:
            raise forms.ValidationError(match.error_message())
        return match.municipality


class RoleField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Uw rol",
            choices=[("", "Kies uw rol"), *Role.choices],
            error_messages={"required": "Kies uw rol."},
            **kwargs,
        )


class EmailField(forms.EmailField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "E-mailadres")
        super().__init__(
            max_length=254,
            error_messages={
                "required": "Vul uw e-mailadres in.",
                "invalid": "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.",
            },
            **kwargs,
        )
        self.widget.attrs.update({"autocomplete": "email"})


def captcha_speaks() -> bool:
    """Whether the captcha offers its letters as sound (espeak-ng is there)."""
    return bool(captcha_settings.CAPTCHA_FLITE_PATH)


class DutchCaptchaInput(CaptchaTextInput):
    """The image, the letters spoken in an in-page player, and a fresh pair."""

    template_name = "invitations/widgets/captcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_url"] = self.refresh_url()
        # The hidden key takes none of the answer field's attributes: HTML allows
        # neither required, autocomplete nor aria-* on a hidden input.
        key_attrs = context["widget"]["subwidgets"][0]["attrs"]
        for attribute in [*key_attrs]:
            if attribute in ("required", "autocomplete") or attribute.startswith(
                "aria-"
            ):
                del key_attrs[attribute]
        return context


class CaptchaForm(AccessibleForm):
    """A form that makes the site send an e-mail: checked against robots."""

    captcha = CaptchaField(
        label="Controle: typ de tekens uit de afbeelding",
        widget=DutchCaptchaInput,
        error_messages={"required": "Typ de tekens uit de afbeelding."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Promise the sound only where there is one.
        self.fields["captcha"].error_messages["invalid"] = (
            "De tekens kloppen niet. Probeer het opnieuw met de nieuwe afbeelding"
            + (" of luister naar de tekens." if captcha_speaks() else ".")
        )


class SignUpForm(CaptchaForm):
    email = EmailField()
    role = RoleField()
    municipality = MunicipalityField()
    consent = forms.BooleanField(
        label="Ik heb de privacyverklaring gelezen en doe mee onder die voorwaarden.",
        error_messages={"required": "Geef aan dat u akkoord gaat om mee te doen."},
    )

    field_order = ["email", "role", "municipality", "consent", "captcha"]


class LostLinkForm(CaptchaForm):
    """'Link kwijt?': anyone can ask, so a robot must not make the site mail anyone."""

    email = EmailField()

    field_order = ["email", "captcha"]


class CorrectionForm(AccessibleForm):
    """Ask staff to correct the role or municipality the register holds."""

    role = RoleField()
    municipality = MunicipalityField()
    note = forms.CharField(
        label="Toelichting (niet verplicht)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_note(self) -> str:
        return clean_contribution_text(self.cleaned_data["note"])


class ParticipantCorrectionForm(CorrectionForm):
    """From 'Mijn gegevens': the address shows which register record is theirs."""

    email = EmailField(
        label="Uw e-mailadres",
        help_text="Ter controle: het adres waarmee u meedoet. We bewaren het niet "
        "bij uw deelname.",
    )

    field_order = ["email", "role", "municipality", "note"]

    def __init__(self, *args, **kwargs):
        # It shares 'Mijn gegevens' with the erasure form: ids of its own.
        kwargs.setdefault("auto_id", "correctie-%s")
        super().__init__(*args, **kwargs)


class EraseForm(AccessibleForm):
    KEEP = "bewaren"
    DELETE = "verwijderen"

    email = EmailField(
        label="Uw e-mailadres",
        help_text="Ter controle: het adres waarmee u meedoet. We bewaren het niet "
        "bij uw deelname, dus we vragen het hier.",
    )
    contributions = forms.ChoiceField(
        label="Wat gebeurt er met uw gepubliceerde bijdragen?",
        widget=forms.RadioSelect,
        choices=[
            (KEEP, "Laten staan, zonder enige koppeling aan mij"),
            (DELETE, "Ook verwijderen"),
        ],
        error_messages={"required": "Kies wat er met uw bijdragen gebeurt."},
    )
    confirm = forms.BooleanField(
        label="Ik begrijp dat dit niet ongedaan kan worden.",
        error_messages={"required": "Bevestig dat u uw gegevens wilt verwijderen."},
    )

    @property
    def keep_contributions(self) -> bool:
        return self.cleaned_data["contributions"] == self.KEEP
