"""The Routekaart: the editor's milestones, and what participants' input fed.

A Routekaart block (blocks/roadmap.py) holds milestones, each with a date, an
owner, a status and the themes it takes up. Staff link published contributions
to a milestone (RoadmapLink, roadmap_admin.py); participants then see, per
theme, "Wat is er met uw inbreng gedaan". The report renders the same
Milestones (`roadmap_of`).

What a page reads does not grow with the number of links: one query per block
reads at most FED_SHOWN + 1 links per milestone (a window over the milestone),
the last only to tell that there are more. No count of links is shown: a
number of contributions is a figure, and it would say little.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from .models import ContributionStatus, RoadmapLink, Theme

STATUS_CHOICES = [
    ("gepland", "Gepland"),
    ("uitvoering", "In uitvoering"),
    ("gereed", "Gereed"),
    ("vervallen", "Vervallen"),
]
STATUS_LABELS = dict(STATUS_CHOICES)
ROADMAP_BLOCK_TYPE = "roadmap"
FED_SHOWN = 5
QUOTE_CHARACTERS = 200


@dataclass(frozen=True)
class Fed:
    """A published contribution shown under the milestone it fed, without author."""

    text: str
    url: str
    step: str
    theme_id: int | None


@dataclass
class Milestone:
    id: str
    title: str
    description: str
    date: date
    owner: str
    status: str
    themes: list[Theme]
    fed: list[Fed] = field(default_factory=list)
    more_fed: bool = False

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def anchor(self) -> str:
        return f"mijlpaal-{self.id}"


@dataclass(frozen=True)
class TakenUp:
    """A milestone under one theme, with what was linked to it on that theme."""

    milestone: Milestone
    fed: list[Fed]


@dataclass(frozen=True)
class ThemeOutcome:
    """A theme and the milestones taking it up: "Wat is er met uw inbreng gedaan"."""

    theme: Theme
    taken_up: list[TakenUp]


def quoted(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARACTERS:
        return text
    return text[: QUOTE_CHARACTERS - 1].rstrip() + "…"


def milestone_from(item) -> Milestone:
    """A Milestone from one bound item of a Routekaart block's list."""
    return Milestone(
        id=str(item.id),
        title=item.value["title"],
        description=item.value["description"],
        date=item.value["date"],
        owner=item.value["owner"],
        status=item.value["status"],
        themes=[theme for theme in item.value["themes"] if theme is not None],
    )


def milestones_in(phase, block_id, value) -> list[Milestone]:
    """The block's milestones by date, each with the contributions linked to it."""
    milestones = [milestone_from(item) for item in value["milestones"].bound_blocks]
    attach_fed(phase, block_id, {m.id: m for m in milestones})
    return sorted(milestones, key=lambda milestone: milestone.date)


def find_milestone(phase, block_id: str, milestone_id: str) -> Milestone | None:
    """The milestone with this id in the page's Routekaart block with that id."""
    for child in phase.body:
        if child.block_type == ROADMAP_BLOCK_TYPE and str(child.id) == block_id:
            for item in child.value["milestones"].bound_blocks:
                if str(item.id) == milestone_id:
                    return milestone_from(item)
    return None


def published_links(phase, block_id):
    return RoadmapLink.objects.filter(
        phase=phase,
        block_id=uuid.UUID(str(block_id)),
        contribution__status=ContributionStatus.PUBLISHED,
    )


def attach_fed(phase, block_id, milestones: dict[str, Milestone]) -> None:
    """The first FED_SHOWN contributions of every milestone, most supported first."""
    if not milestones:
        return
    ranked = (
        published_links(phase, block_id)
        .select_related("contribution__phase")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("milestone_id"),
                order_by=[F("contribution__support_count").desc(), F("contribution")],
            )
        )
        .filter(rank__lte=FED_SHOWN + 1)
        .order_by("milestone_id", "rank")
    )
    step_urls: dict[int, str] = {}  # a page's url costs queries: once per step
    for link in ranked:
        milestone = milestones.get(str(link.milestone_id))
        if milestone is None:
            continue  # the editor removed the milestone; its links stay unseen
        if link.rank > FED_SHOWN:
            milestone.more_fed = True
            continue
        contribution = link.contribution
        if contribution.phase_id not in step_urls:
            step_urls[contribution.phase_id] = contribution.phase.url
        milestone.fed.append(
            Fed(
                text=quoted(contribution.text),
                url=f"{step_urls[contribution.phase_id]}#blok-{contribution.block_id}",
                step=contribution.phase.title,
                theme_id=contribution.theme_id,
            )
        )


def outcomes_by_theme(milestones: list[Milestone]) -> list[ThemeOutcome]:
    """Per theme (in the dialogue's order), the milestones that take it up.

    Under a theme a milestone shows the linked contributions on that theme, or
    on none: a milestone on two themes does not repeat the other's input.
    """
    themes: dict[int, Theme] = {}
    taken_up: dict[int, list[TakenUp]] = {}
    for milestone in milestones:
        for theme in milestone.themes:
            themes[theme.pk] = theme
            fed = [f for f in milestone.fed if f.theme_id in (theme.pk, None)]
            taken_up.setdefault(theme.pk, []).append(TakenUp(milestone, fed))
    ordered = sorted(themes.values(), key=lambda t: (t.sort_order, t.title))
    return [ThemeOutcome(theme, taken_up[theme.pk]) for theme in ordered]


def roadmap_blocks(dialogue):
    """(phase, stream child) of every Routekaart block on the dialogue's live steps."""
    for phase in dialogue.get_children().live().specific().order_by("path"):
        for child in getattr(phase, "body", []):
            if child.block_type == ROADMAP_BLOCK_TYPE:
                yield phase, child


def roadmap_of(dialogue) -> list[Milestone]:
    """Every milestone of the dialogue's Routekaart blocks, by date: for the report."""
    milestones = [
        milestone
        for phase, child in roadmap_blocks(dialogue)
        for milestone in milestones_in(phase, child.id, child.value)
    ]
    return sorted(milestones, key=lambda milestone: milestone.date)
