"""Admin forms of the register: what staff type, checked with Dutch messages."""

from django import forms
from django.apps import apps
from wagtail.admin.forms import WagtailAdminModelForm

from dialogue_blocks.anonymity import normalise_email
from dialogue_blocks.models import Municipality, Role

from .forms import MunicipalityField
from .models import Invitee


def dialogues():
    return apps.get_model("cms", "DialoguePage").objects.order_by("title")


class DialogueChosenForm(WagtailAdminModelForm):
    """A plain list of dialogues, not the page chooser; the only one is preselected."""

    dialogue = forms.ModelChoiceField(
        label="Dialoog",
        queryset=dialogues(),
        error_messages={"required": "Kies de dialoog."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = self.fields["dialogue"].queryset
        if not self.instance.pk and choices.count() == 1:
            self.initial["dialogue"] = choices.get().pk


class MunicipalitySearchInput(forms.TextInput):
    """Typed with suggestions from every municipality's name, no script needed."""

    template_name = "invitations/widgets/municipality_search.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["names"] = Municipality.objects.filter(is_active=True).values_list(
            "name", flat=True
        )
        return context


class RegisterMunicipalityField(MunicipalityField):
    """Any name people use ("Den Haag") or none: network staff have no municipality."""

    widget = MunicipalitySearchInput

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            help_text="Typ de naam, bijvoorbeeld ‘Den Haag’; "
            "leeg voor wie niet voor één gemeente werkt.",
            **kwargs,
        )

    def clean(self, value):
        if not (value or "").strip():
            return None
        return super().clean(value)


class InviteeForm(DialogueChosenForm):
    municipality = RegisterMunicipalityField()


class SuggestedInviteeForm(forms.Form):
    """One person staff add to the register from a suggestion."""

    name = forms.CharField(
        label="Naam",
        max_length=150,
        error_messages={
            "required": "Vul de naam in.",
            "max_length": "De naam is te lang (hoogstens %(limit_value)d tekens).",
        },
    )
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        error_messages={
            "required": "Vul het e-mailadres in.",
            "invalid": "Dit is geen geldig e-mailadres (zoals naam@gemeente.nl).",
        },
    )
    role = forms.ChoiceField(
        label="Rol",
        choices=[("", "Kies de rol"), *Role.choices],
        error_messages={"required": "Kies de rol."},
    )
    municipality = RegisterMunicipalityField(label="Gemeente")
    organisation = forms.CharField(
        label="Organisatie of functie",
        max_length=150,
        required=False,
        error_messages={
            "max_length": "Dit is te lang (hoogstens %(limit_value)d tekens)."
        },
    )

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.dialogue = dialogue

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        if Invitee.objects.filter(dialogue=self.dialogue, email__iexact=email).exists():
            raise forms.ValidationError("Dit adres staat al in het register.")
        return email


class BaseSuggestedInviteeFormSet(forms.BaseFormSet):
    """At least one person; an address only once."""

    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": "Vul minstens één genodigde in.",
    }

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            email = form.cleaned_data.get("email")
            if email and email in seen:
                form.add_error("email", "Dit adres staat hierboven al.")
            seen.add(email)

    def refuse(self, emails: set[str]) -> None:
        """Addresses someone else added to the register after the check."""
        for form in self.forms:
            if form.cleaned_data.get("email") in emails:
                form.add_error(
                    "email", "Dit adres is zojuist aan het register toegevoegd."
                )

    def people(self, invitation_round: str) -> list[dict]:
        return [
            {**form.cleaned_data, "invitation_round": invitation_round}
            for form in self.forms
            if form.cleaned_data
        ]


SuggestedInviteeFormSet = forms.formset_factory(
    SuggestedInviteeForm,
    formset=BaseSuggestedInviteeFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
)


class InvitationRoundForm(forms.Form):
    invitation_round = forms.CharField(
        label="Uitnodigingsronde",
        max_length=60,
        required=False,
        help_text="Zo vindt u deze genodigden terug in het register en bij een "
        "mailing.",
        error_messages={
            "max_length": "De ronde is te lang (hoogstens %(limit_value)d tekens)."
        },
    )
