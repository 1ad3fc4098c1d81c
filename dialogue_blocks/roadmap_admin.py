"""The admin's Routekaart screens: staff link contributions to milestones.

The index lists every milestone of the dialogues' Routekaart blocks; a
milestone's screen offers the published contributions on its themes as
checkboxes. The offer is bounded (OFFERED most supported, plus those already
linked), so the screen costs the same however large the dialogue grows.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cms.models import DialoguePage, PhasePage
from invitations.forms_rendering import posted_data

from . import services
from .models import Contribution, ContributionStatus
from .roadmap import Milestone, find_milestone, milestones_in, quoted, roadmap_blocks

LINK_PERMISSION = "dialogue_blocks.add_roadmaplink"
OFFERED = 100


def check_permission(request) -> None:
    if not request.user.has_perm(LINK_PERMISSION):
        raise PermissionDenied


def offered_contributions(phase, block_id, milestone: Milestone) -> tuple[list, list]:
    """The contributions a milestone's screen offers: (linked, the others)."""
    dialogue = phase.get_parent()
    published = Contribution.objects.filter(
        phase__path__startswith=dialogue.path,
        parent=None,
        status=ContributionStatus.PUBLISHED,
    ).select_related("phase", "theme")
    if milestone.themes:
        published = published.filter(theme__in=milestone.themes)
    linked = published.filter(
        roadmap_links__phase=phase,
        roadmap_links__block_id=block_id,
        roadmap_links__milestone_id=milestone.id,
    )
    most_supported = published.exclude(pk__in=linked.values("pk")).order_by(
        "-support_count", "pk"
    )[:OFFERED]
    return list(linked.order_by("-support_count", "pk")), list(most_supported)


def offered_label(contribution: Contribution) -> str:
    where = contribution.phase.title
    if contribution.theme is not None:
        where = f"{where}, {contribution.theme.title}"
    return f"{quoted(contribution.text)} ({contribution.kind_label}; {where})"


class RoadmapLinksForm(forms.Form):
    """Which of the offered contributions fed the milestone."""

    contributions = forms.TypedMultipleChoiceField(
        label="Bijdragen die tot deze mijlpaal hebben geleid",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aangevinkte bijdragen verschijnen bij ‘Wat is er met uw inbreng "
        "gedaan’ op de pagina met de routekaart, zonder schrijver.",
    )

    def __init__(self, *args, offered: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = offered
        self.fields["contributions"].choices = [
            (contribution.pk, offered_label(contribution)) for contribution in offered
        ]

    def chosen(self) -> list:
        pks = set(self.cleaned_data["contributions"])
        return [c for c in self.offered if c.pk in pks]


def roadmap_index_view(request):
    """Every Routekaart of every dialogue, with its milestones."""
    check_permission(request)
    roadmaps = [
        (phase, child, milestones_in(phase, child.id, child.value))
        for dialogue in DialoguePage.objects.live().order_by("path")
        for phase, child in roadmap_blocks(dialogue)
    ]
    return render(
        request, "dialogue_blocks/admin/roadmap_index.html", {"roadmaps": roadmaps}
    )


def roadmap_links_view(request, phase_id: int, block_id: str, milestone_id: str):
    """GET: the offered contributions. POST: link the ticked ones."""
    check_permission(request)
    phase = get_object_or_404(PhasePage, pk=phase_id)
    milestone = find_milestone(phase, str(block_id), str(milestone_id))
    if milestone is None:
        raise Http404("Deze mijlpaal staat niet (meer) op de routekaart.")
    linked, others = offered_contributions(phase, block_id, milestone)
    offered = [*linked, *others]
    form = RoadmapLinksForm(
        posted_data(request),
        offered=offered,
        initial={"contributions": [contribution.pk for contribution in linked]},
    )
    if form.is_valid():
        services.set_roadmap_links(
            phase, block_id, milestone.id, offered, form.chosen()
        )
        messages.success(request, f"De bijdragen bij ‘{milestone.title}’ zijn bewaard.")
        return redirect("roadmap_links_index")
    return render(
        request,
        "dialogue_blocks/admin/roadmap_links.html",
        {
            "form": form,
            "phase": phase,
            "milestone": milestone,
            "offered_limit": OFFERED,
        },
    )
