"""The admin's network screens: how complete each member list is, and completing it.

A network's list is incomplete while fewer members are known than the network
says it has (``Network.is_incomplete``). Staff complete it by ticking
municipalities or by pasting a list of names, which goes through the same
municipality lookup as the public forms.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column

from .models import Municipality, Network
from .municipalities import MunicipalityIndex


def networks_with_member_counts() -> QuerySet[Network]:
    """Every network with its member count, in one query for the listing."""
    return Network.objects.annotate(member_count=Count("members")).order_by("code")


class MembershipColumn(Column):
    """Found against expected members, marked "onvolledig" when some are missing."""

    cell_template_name = "dialogue_blocks/admin/membership_cell.html"

    def __init__(self, **kwargs):
        super().__init__("membership_summary", label="Ledenlijst", **kwargs)


class MembershipStatusPanel(Panel):
    """Tells staff on the edit screen whether the member list is complete."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "dialogue_blocks/admin/membership_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["network"] = self.instance if self.instance.pk else None
            return context


def municipalities_in(text: str) -> list[Municipality]:
    """The municipalities named in text, one per line (names, aliases or codes).

    Raises a ValidationError that lists every line that names none, with the
    lookup's suggestions.
    """
    index = MunicipalityIndex.load()
    found: list[Municipality] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = index.find(line)
        if match.municipality is None:
            errors.append(f"Regel {number}: {match.error_message()}")
        else:
            found.append(match.municipality)
    if errors:
        raise ValidationError(errors)
    return found


class NetworkForm(WagtailAdminModelForm):
    """A network's edit form: members are ticked, or pasted as a list of names."""

    add_members = forms.CharField(
        label="Leden toevoegen uit een lijst",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Plak namen of CBS-codes, één gemeente per regel, bijvoorbeeld "
        "uit de ledenlijst van het netwerk. Gangbare namen als ‘Den Haag’ en "
        "namen zonder accenten werken ook. Ze komen bij de aangevinkte leden.",
    )

    def clean_add_members(self) -> list[Municipality]:
        return municipalities_in(self.cleaned_data["add_members"])

    def clean(self) -> dict:
        cleaned = super().clean()
        added = cleaned.get("add_members")
        if added and "members" in cleaned:
            cleaned["members"] = list(dict.fromkeys([*cleaned["members"], *added]))
        return cleaned
