"""Staff's list of suggestions and "Toevoegen aan het register" (thin views).

For whoever may add invitees (the register's permission, Communicatie). The
form starts from the suggestion's organisation or function; staff add who they
found there. What happens is in invitations.suggestions.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from wagtail.admin import messages as admin_messages

from . import importing, mailings, suggestions
from .admin_forms import InvitationRoundForm, SuggestedInviteeFormSet
from .forms_rendering import posted_data
from .import_admin import check_permission

SUGGESTIONS_PER_PAGE = 50
MAILING_CREATE_URL = "invitations_mailing_modeladmin_create"
INVITEE_INDEX = "invitations_invitee_modeladmin_index"


def suggestions_view(request):
    """The published suggestions, not yet handled first."""
    check_permission(request)
    page = Paginator(suggestions.published_suggestions(), SUGGESTIONS_PER_PAGE)
    return render(
        request,
        "invitations/admin/suggestions.html",
        {"page": page.get_page(request.GET.get("p"))},
    )


def add_invitees_view(request, suggestion_id: int):
    """GET: the form, from the suggestion. POST: the invitees, or the errors."""
    check_permission(request)
    suggestion = get_object_or_404(
        suggestions.published_suggestions(), pk=suggestion_id
    )
    dialogue = suggestion.phase.get_parent().specific
    data = posted_data(request)
    people = SuggestedInviteeFormSet(
        data,
        prefix="genodigde",
        form_kwargs={
            "dialogue": dialogue,
            "initial": {"organisation": suggestion.title},
        },
    )
    round_form = InvitationRoundForm(
        data, initial={"invitation_round": suggestions.DEFAULT_ROUND}
    )
    refusal = importing.import_refusal(dialogue)
    if data is not None and not refusal and people.is_valid() and round_form.is_valid():
        invitation_round = round_form.cleaned_data["invitation_round"]
        try:
            count = suggestions.add_invitees(
                suggestion, dialogue, people.people(invitation_round)
            )
        except suggestions.AlreadyInRegister as taken:
            people.refuse(taken.emails)
        else:
            added_message(request, dialogue, count, invitation_round)
            return redirect("invitations_suggestions")
    return render(
        request,
        "invitations/admin/add_suggested_invitees.html",
        {
            "suggestion": suggestion,
            "dialogue": dialogue,
            "people": people,
            "round_form": round_form,
            "refusal": refusal,
        },
    )


def added_message(request, dialogue, count: int, invitation_round: str) -> None:
    """What was done, with the next step: the invitation to the new people."""
    people = "1 genodigde" if count == 1 else f"{count} genodigden"
    fields = mailings.invitation_for_round(dialogue, invitation_round)
    mailing_url = f"{reverse(MAILING_CREATE_URL)}?{urlencode(fields, doseq=True)}"
    register_url = reverse(INVITEE_INDEX) + f"?dialogue__page_ptr__exact={dialogue.pk}"
    admin_messages.success(
        request,
        f"{people} toegevoegd aan het register van ‘{dialogue.title}’.",
        buttons=[
            admin_messages.button(mailing_url, "Uitnodiging versturen"),
            admin_messages.button(register_url, "Bekijk het register"),
        ],
    )
