"""The seven-step report, built from the dialogue's own data.

`build_report(dialogue)` reads every live step once and returns a Report that
the HTML page, the PDF and the workbook all render. Every count in it passes
through dialogue_blocks.anonymity: participants per group at k with secondary
suppression where a total is shown, support only where at least k gave it.
What it quotes is published text without its author. Its cost grows with the
number of steps and blocks, not with the number of contributions: the counts
are aggregates and the quotes are the few most supported.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from dialogue_blocks.anonymity import Figure, figure, suppress_breakdown, suppress_table
from dialogue_blocks.blocks.base import ParticipationBlock
from dialogue_blocks.blocks.voting import VotingBlock
from dialogue_blocks.models import (
    Ballot,
    Contribution,
    ContributionStatus,
    Participant,
    Role,
    SizeClass,
    kind_label,
)
from dialogue_blocks.results import ALWAYS, ResultRow, Results
from dialogue_blocks.roadmap import Milestone, quoted, roadmap_of
from invitations.models import Invitee, InviteeStatus

from .representation import DimensionTable, participation_tables

QUOTED_PER_KIND = 3
NOT_STORED = "niet bewaard"
NO_THEME = "zonder thema"


@dataclass(frozen=True)
class GroupFigure:
    group: str
    participants: Figure


@dataclass(frozen=True)
class Quote:
    """A published contribution as the report quotes it: text, never author."""

    text: str
    kind: str
    theme: str
    support: Figure


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    by_kind: list[Figure]  # in the order of StepReport.kinds


@dataclass(frozen=True)
class BlockResults:
    """A voting block's results, drawn by the block's own results template."""

    anchor: str
    heading: str
    kind: str
    template: str
    context: dict

    @property
    def html(self) -> str:
        return render_to_string(
            self.template, {**self.context, "block_id": self.anchor}
        )

    @property
    def counts_points(self) -> bool:
        results = self.context["results"]
        return isinstance(results, Results) and results.counts_points

    def rows(self) -> Iterator[tuple[str, ResultRow]]:
        """(statement, row) of every option; the statement is empty but for
        a block of statements, whose results are one Results per statement."""
        results = self.context["results"]
        if isinstance(results, Results):
            for row in results.rows:
                yield "", row
            return
        for statement, statement_results in results:
            for row in statement_results.rows:
                yield statement.label, row


@dataclass
class StepReport:
    number: int
    title: str
    first_day: date
    last_day: date
    status: str
    blocks: list[tuple[str, str]]  # (kind of block, its heading or question)
    participants: Figure
    by_role: list[GroupFigure]
    kinds: list[str]
    themes: list[ThemeRow]
    quotes: list[Quote]
    results: list[BlockResults]
    summary: str


@dataclass(frozen=True)
class Dimension:
    """Participants per group of one attribute, as the report shows them."""

    name: str
    total: Figure
    groups: list[GroupFigure]


@dataclass
class Report:
    dialogue: object  # cms.models.DialoguePage
    k: int
    made_at: object
    funnel: list[tuple[str, Figure]]
    dimensions: list[Dimension]
    # Who joined per group against its target, as the Deelname block shows it.
    representation: list[DimensionTable]
    steps: list[StepReport] = field(default_factory=list)
    roadmap: list[Milestone] = field(default_factory=list)


def published(phase):
    return Contribution.objects.filter(
        phase=phase, status=ContributionStatus.PUBLISHED, participant__isnull=False
    )


def voters(phases):
    return Ballot.objects.filter(phase__in=phases, spent__gt=0)


def taking_part(phases):
    """Participants who published something or voted on one of the steps."""
    wrote = Contribution.objects.filter(
        phase__in=phases, status=ContributionStatus.PUBLISHED
    ).values("participant")
    voted = voters(phases).values("participant")
    return Participant.objects.filter(Q(pk__in=wrote) | Q(pk__in=voted))


# (name, the Participant field, its labels) of the attributes the report breaks
# participation down by; a generalised attribute is stored empty.
DIMENSIONS = (
    ("Rol", "role", dict(Role.choices)),
    ("Provincie", "province__name", None),
    ("Grootteklasse", "size_class", dict(SizeClass.choices)),
)


def by_group(participants, dimension, k: int) -> Dimension:
    """Participants per group of one attribute, at k, their total shown beside."""
    name, field_name, labels = dimension
    counts: dict[str, int] = {}
    for row in participants.values(field_name).annotate(n=Count("pk", distinct=True)):
        value = row[field_name]
        group = (labels or {}).get(value, value) or NOT_STORED
        counts[group] = counts.get(group, 0) + row["n"]
    shown = suppress_breakdown(counts, k)
    groups = [GroupFigure(group, shown[group]) for group in sorted(shown)]
    return Dimension(name, figure(sum(counts.values()), k), groups)


def theme_rows(phase, k: int) -> tuple[list[str], list[ThemeRow]]:
    """Distinct contributors per theme and kind (top-level contributions only)."""
    rows = (
        published(phase)
        .filter(parent=None)
        .values("theme__title", "theme__sort_order", "kind")
        .annotate(n=Count("participant", distinct=True))
    )
    cells, order = {}, {}
    for row in rows:
        theme = row["theme__title"] or NO_THEME
        order[theme] = row["theme__sort_order"] if row["theme__title"] else 10**6
        cells[(theme, kind_label(row["kind"]))] = row["n"]
    if not cells:
        return [], []
    kinds = sorted({kind for _, kind in cells})
    # A kind that a theme lacks is a true zero: stated, not a hidden cell.
    for theme in order:
        for kind in kinds:
            cells.setdefault((theme, kind), 0)
    shown = suppress_table(cells, k, margins=())
    themes = sorted(order, key=lambda theme: (order[theme], theme))
    return kinds, [
        ThemeRow(theme, [shown[(theme, kind)] for kind in kinds]) for theme in themes
    ]


def quotes(phase, k: int) -> list[Quote]:
    """Per kind, the most supported published contributions of the step."""
    found = []
    top_level = published(phase).filter(parent=None, facilitator_name="")
    kinds = sorted(top_level.order_by().values_list("kind", flat=True).distinct())
    for kind in kinds:
        top = (
            top_level.filter(kind=kind)
            .select_related("theme")
            .order_by("-support_count", "pk")[:QUOTED_PER_KIND]
        )
        found.extend(
            Quote(
                text=quoted(contribution.quoted_text),
                kind=kind_label(kind),
                theme=contribution.theme.title if contribution.theme else "",
                support=figure(contribution.support_count, k),
            )
            for contribution in top
        )
    return found


def results_shown(phase, child) -> bool:
    """As the Resultaten block decides: always, or once the step has closed."""
    return (
        child.value["results_visibility"] == ALWAYS or timezone.now() >= phase.closes_at
    )


def block_results(phase, dialogue) -> list[BlockResults]:
    return [
        BlockResults(
            anchor=f"stap-{phase.step}-{child.id}",
            heading=child.block.heading_of(child.value),
            kind=child.block.label,
            template=child.block.results_template,
            context=child.block.results_of(child.value, phase, child.id, dialogue),
        )
        for child in phase.body
        if isinstance(child.block, VotingBlock) and results_shown(phase, child)
    ]


def step_report(phase, dialogue, k: int) -> StepReport:
    roles = by_group(taking_part([phase]), DIMENSIONS[0], k)
    kinds, themes = theme_rows(phase, k)
    return StepReport(
        number=phase.step,
        title=phase.title,
        first_day=phase.first_day,
        last_day=phase.last_day,
        status=phase.status().label,
        blocks=[
            (child.block.label, child.block.heading_of(child.value))
            for child in phase.body
            if isinstance(child.block, ParticipationBlock)
        ],
        participants=roles.total,
        by_role=roles.groups,
        kinds=kinds,
        themes=themes,
        quotes=quotes(phase, k),
        results=block_results(phase, dialogue),
        summary=phase.facilitator_summary,
    )


def funnel(dialogue, phases, k: int) -> list[tuple[str, Figure]]:
    """Invited → joined → contributed → voted, each a count of distinct people."""
    invited = (
        Invitee.objects.filter(dialogue=dialogue)
        .exclude(status=InviteeStatus.NOT_INVITED)
        .count()
    )
    contributed = (
        Contribution.objects.filter(
            phase__in=phases,
            status=ContributionStatus.PUBLISHED,
            participant__isnull=False,
        )
        .values("participant")
        .distinct()
        .count()
    )
    voted = voters(phases).values("participant").distinct().count()
    return [
        ("Uitgenodigd", figure(invited, k)),
        ("Meegedaan", figure(Participant.objects.filter(dialogue=dialogue).count(), k)),
        ("Bijgedragen", figure(contributed, k)),
        ("Gestemd", figure(voted, k)),
    ]


def build_report(
    dialogue, progress: Callable[[int, int], None] | None = None
) -> Report:
    """The whole report; `progress(done, total)` is told after every step."""
    k = dialogue.k_threshold
    phases = list(dialogue.phases())
    everyone = taking_part(phases)
    report = Report(
        dialogue=dialogue,
        k=k,
        made_at=timezone.localtime(),
        funnel=funnel(dialogue, phases, k),
        dimensions=[by_group(everyone, dimension, k) for dimension in DIMENSIONS],
        representation=participation_tables(dialogue),
    )
    for done, phase in enumerate(phases, start=1):
        report.steps.append(step_report(phase, dialogue, k))
        if progress is not None:
            progress(done, len(phases) + 1)
    report.roadmap = roadmap_of(dialogue)
    return report
