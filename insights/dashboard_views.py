"""The Deelname pages of the admin: the dashboard, and the targets form."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cms.models import DialoguePage
from invitations.forms_rendering import posted_data

from . import targets
from .dashboard import REMIND_PERMISSION, Dashboard
from .dashboard_forms import DialogueChoiceForm, TargetsForm
from .groups import DIMENSION_TITLES, DIMENSIONS, groups

DASHBOARD_PERMISSION = "insights.view_target"
TARGETS_PERMISSION = "insights.change_target"
RESET = "standaard"


def refused(request, what: str):
    # A plain 403 rather than PermissionDenied, which Wagtail's admin turns
    # into a redirect to the dashboard: a refused page should say so.
    return render(request, "insights/admin/refused.html", {"what": what}, status=403)


def dashboard_view(request):
    if not request.user.has_perm(DASHBOARD_PERMISSION):
        return refused(request, "deelname")
    form = DialogueChoiceForm(request.GET if "dialogue" in request.GET else None)
    dialogue = form.chosen()
    dashboard = (
        Dashboard(dialogue, can_remind=request.user.has_perm(REMIND_PERMISSION))
        if dialogue
        else None
    )
    return render(
        request,
        "insights/admin/dashboard.html",
        {
            "form": form,
            "dashboard": dashboard,
            "can_set_targets": request.user.has_perm(TARGETS_PERMISSION),
        },
    )


def targets_view(request, dialogue_id: int, dimension: str):
    if not request.user.has_perm(TARGETS_PERMISSION):
        return refused(request, "streefwaarden")
    if dimension not in DIMENSIONS:
        raise Http404
    dialogue = get_object_or_404(DialoguePage, pk=dialogue_id)
    back = f"{reverse('insights_dashboard')}?dialogue={dialogue.pk}#{dimension}"
    if request.method == "POST" and RESET in request.POST:
        targets.reset_targets(dialogue, dimension)
        messages.success(request, "De standaardstreefwaarden gelden weer.")
        return redirect(back)
    current = targets.targets(dialogue, dimension)
    form = TargetsForm(dimension, groups(dimension), current, posted_data(request))
    if form.is_valid():
        changed = targets.set_targets(dialogue, dimension, form.shares)
        messages.success(
            request, f"Streefwaarden bewaard; {changed} wijken af van de standaard."
        )
        return redirect(back)
    return render(
        request,
        "insights/admin/targets.html",
        {
            "form": form,
            "dialogue": dialogue,
            "title": DIMENSION_TITLES[dimension],
            "back": back,
            "reset": RESET,
        },
    )
