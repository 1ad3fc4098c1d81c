"""Bulk actions on the register: invite, remind or set the round of many at once.

Staff narrow the register with filters (a GET form), tick invitees or take the
whole selection, and choose the action (a POST form). Mail goes through the
same task as a single invitation; nothing here reads participation.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from dialogue_blocks.models import Role

from . import services
from .admin_forms import dialogues
from .forms_rendering import AccessibleForm
from .models import Invitee, InviteeStatus

BULK_PERMISSION = "invitations.change_invitee"
# Enough for every mayor, secretary and clerk of every municipality on one page.
MOST_ROWS = 1500


class RegisterFilterForm(AccessibleForm):
    dialogue = forms.ModelChoiceField(label="Dialoog", queryset=dialogues())
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle statussen"), *InviteeStatus.choices],
    )
    role = forms.ChoiceField(
        label="Rol", required=False, choices=[("", "Alle rollen"), *Role.choices]
    )
    invitation_round = forms.CharField(
        label="Uitnodigingsronde", required=False, max_length=60
    )

    def invitees(self):
        data = self.cleaned_data
        found = Invitee.objects.filter(dialogue=data["dialogue"])
        if data["status"]:
            found = found.filter(status=data["status"])
        if data["role"]:
            found = found.filter(role=data["role"])
        if data["invitation_round"]:
            found = found.filter(invitation_round=data["invitation_round"])
        return found.select_related("municipality").order_by("name", "pk")


TICKED, ALL = "aangevinkt", "alle"


class BulkActionForm(AccessibleForm):
    action = forms.ChoiceField(
        label="Actie",
        widget=forms.RadioSelect,
        choices=[
            (services.BULK_INVITE, "Uitnodiging sturen (wie nog niet uitgenodigd is)"),
            (
                services.BULK_REMIND,
                "Herinnering sturen (uitgenodigd, nog geen deelnemer)",
            ),
            (services.BULK_ROUND, "Uitnodigingsronde instellen"),
        ],
        error_messages={"required": "Kies wat er met de genodigden moet gebeuren."},
    )
    new_round = forms.CharField(
        label="Nieuwe uitnodigingsronde", required=False, max_length=60
    )
    scope = forms.ChoiceField(
        label="Voor wie",
        widget=forms.RadioSelect,
        initial=TICKED,
        choices=[
            (TICKED, "De aangevinkte genodigden"),
            (ALL, "Alle genodigden in deze selectie"),
        ],
    )
    selected = forms.ModelMultipleChoiceField(
        label="Genodigden",
        queryset=Invitee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, invitees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = invitees

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("action") == services.BULK_ROUND
            and not cleaned.get("new_round", "").strip()
        ):
            self.add_error("new_round", "Vul de ronde in, bijvoorbeeld ‘tweede ronde’.")
        if cleaned.get("scope") == TICKED and not cleaned.get("selected"):
            self.add_error("selected", "Vink minstens één genodigde aan.")
        return cleaned

    def chosen(self):
        if self.cleaned_data["scope"] == ALL:
            return list(self.fields["selected"].queryset)
        return list(self.cleaned_data["selected"])


def act(request, form: BulkActionForm) -> None:
    chosen, action = form.chosen(), form.cleaned_data["action"]
    if action == services.BULK_ROUND:
        count = services.set_invitation_round(chosen, form.cleaned_data["new_round"])
        messages.success(request, f"De ronde van {count} genodigden is ingesteld.")
        return
    mailed, skipped = services.bulk_invite(chosen, action)
    what = "uitnodiging" if action == services.BULK_INVITE else "herinnering"
    text = f"Er gaat een {what} naar {mailed} genodigden."
    if skipped:
        text += f" {skipped} overgeslagen: die actie past niet bij hun status."
    messages.success(request, text)


def with_only_dialogue(query):
    """The filters as asked, with the dialogue chosen when there is only one."""
    data = query.copy()
    choices = dialogues()
    if not data.get("dialogue") and choices.count() == 1:
        data["dialogue"] = str(choices.get().pk)
    return data


def register_bulk_view(request):
    if not request.user.has_perm(BULK_PERMISSION):
        raise PermissionDenied
    filters = RegisterFilterForm(with_only_dialogue(request.GET))
    invitees = filters.invitees() if filters.is_valid() else Invitee.objects.none()
    form = BulkActionForm(
        request.POST if request.method == "POST" else None, invitees=invitees
    )
    if request.method == "POST" and form.is_valid():
        act(request, form)
        return redirect(request.get_full_path())
    rows = list(invitees[:MOST_ROWS])
    return render(
        request,
        "invitations/admin/register_bulk.html",
        {
            "filters": filters,
            "form": form,
            "rows": zip(rows, list(form["selected"])[: len(rows)], strict=True),
            "count": invitees.count() if filters.is_valid() else 0,
            "shown": len(rows),
        },
    )
