"""Admin forms of the register: what staff type, checked with Dutch messages."""

from django import forms
from django.apps import apps
from wagtail.admin.forms import WagtailAdminModelForm

from dialogue_blocks.models import Municipality

from .forms import MunicipalityField


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
