"""What the participation blocks of a phase page show, in a fixed number of queries.

However many contributions a block has, a page runs the same queries: one list and
one count per block, one for the reactions of a block, one for the participant's
own support and one for the group counts behind the labels.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from moderation.permissions import MODERATE_PERMISSION

from .anonymity import GroupLabels
from .models import Contribution, ContributionStatus, Support

LISTING_BLOCK_TYPES = ("question", "idea_board", "earlier_contributions")
PAGE_SIZE = 20
MAX_SHOWN = 1000
SORT_NEWEST = "nieuw"
SORT_SUPPORT = "steun"


@dataclass
class ContributionView:
    contribution: Contribution
    label: str
    support_count: int
    supported: bool
    is_own: bool
    reaction_form: object = None
    reactions: list["ContributionView"] = field(default_factory=list)

    @property
    def is_facilitator(self) -> bool:
        return bool(self.contribution.facilitator_name)

    @property
    def is_pending(self) -> bool:
        return self.contribution.status == ContributionStatus.PENDING


class PageParticipation:
    """Per request: who is looking, what they may do, and what each block lists."""

    def __init__(self, page, dialogue, request, participant, bound_forms=None):
        self.page = page
        self.dialogue = dialogue
        self.participant = participant
        self.params = request.GET
        self.bound_forms = bound_forms or {}
        self.accepts_contributions = page.accepts_contributions()
        self.can_facilitate = request.user.has_perm(MODERATE_PERMISSION)
        if any(child.block_type in LISTING_BLOCK_TYPES for child in page.body):
            # Loaded up front, so that a block's first contribution costs no query.
            self.labels, self.own_support  # noqa: B018

    @property
    def can_contribute(self) -> bool:
        return (
            self.accepts_contributions
            and self.participant is not None
            and not self.participant.is_blocked
        )

    def limit_for(self, block_id: str) -> int:
        try:
            requested = int(self.params.get(f"meer-{block_id}", PAGE_SIZE))
        except ValueError:
            return PAGE_SIZE
        return max(PAGE_SIZE, min(requested, MAX_SHOWN))

    def sort_for(self, block_id: str) -> str:
        requested = self.params.get(f"sorteer-{block_id}")
        return SORT_SUPPORT if requested == SORT_SUPPORT else SORT_NEWEST

    def visible(self, queryset):
        """Published contributions, plus the viewer's own that still wait."""
        shown = Q(status=ContributionStatus.PUBLISHED)
        if self.participant is not None:
            shown |= Q(participant=self.participant, status=ContributionStatus.PENDING)
        return queryset.filter(shown)

    def contributions_of(self, phase, block_id: str):
        base = Contribution.objects.filter(
            phase=phase, block_id=block_id, parent__isnull=True
        )
        return (
            self.visible(base)
            .select_related("participant__province", "theme")
            .annotate(support_count=Count("supports", distinct=True))
        )

    @staticmethod
    def ordering(sort: str) -> list:
        if sort == SORT_SUPPORT:
            return [F("support_count").desc(), F("created_at").desc(), F("pk").desc()]
        return [F("created_at").desc(), F("pk").desc()]

    @cached_property
    def labels(self) -> GroupLabels:
        return GroupLabels(self.dialogue)

    @cached_property
    def own_support(self) -> set[int]:
        if self.participant is None:
            return set()
        return set(
            Support.objects.filter(participant=self.participant).values_list(
                "contribution_id", flat=True
            )
        )

    def reactions_by_parent(self, phase, block_id: str) -> dict[int, list]:
        reactions = (
            self.visible(
                Contribution.objects.filter(
                    phase=phase, block_id=block_id, parent__isnull=False
                )
            )
            .select_related("participant__province", "theme")
            .annotate(support_count=Count("supports", distinct=True))
            .order_by("created_at", "pk")
        )
        grouped: dict[int, list] = {}
        for reaction in reactions:
            grouped.setdefault(reaction.parent_id, []).append(self.view(reaction))
        return grouped

    def label_of(self, contribution: Contribution) -> str:
        if contribution.facilitator_name:
            return f"Gespreksleider · {contribution.facilitator_name}"
        return self.labels.label_for(contribution.participant)

    def view(self, contribution: Contribution, reactions=None) -> ContributionView:
        is_own = (
            self.participant is not None
            and contribution.participant_id == self.participant.pk
        )
        return ContributionView(
            contribution=contribution,
            reaction_form=self.bound_forms.get(f"reactie-{contribution.pk}"),
            label=self.label_of(contribution),
            support_count=contribution.support_count,
            supported=contribution.pk in self.own_support,
            is_own=is_own,
            reactions=reactions or [],
        )

    def listing(
        self, block_id: str, phase=None, sort: str = "", limit: int = 0
    ) -> "BlockListing":
        """A block's first contributions, newest or most supported first."""
        phase = phase or self.page
        sort = sort or self.sort_for(block_id)
        limit = limit or self.limit_for(block_id)
        contributions = self.contributions_of(phase, block_id)
        total = contributions.count()
        shown = list(contributions.order_by(*self.ordering(sort))[:limit])
        reactions = self.reactions_by_parent(phase, block_id)
        return BlockListing(
            items=[self.view(c, reactions.get(c.pk)) for c in shown],
            total=total,
            limit=limit,
            sort=sort,
        )

    def earlier(self, phase, block_id: str, top: int | None) -> "BlockListing":
        """A block of an earlier step: all, or only the `top` most supported."""
        if top:
            return self.listing(block_id, phase, sort=SORT_SUPPORT, limit=top)
        return self.listing(block_id, phase)

    def board(self, block_id: str, themes) -> list["ThemeColumn"]:
        """Per theme, its ideas and its concerns apart, each up to the limit."""
        sort = self.sort_for(block_id)
        limit = self.limit_for(block_id)
        contributions = self.contributions_of(self.page, block_id).filter(
            theme__in=themes
        )
        totals = {
            (row["theme"], row["kind"]): row["n"]
            for row in contributions.order_by()
            .values("theme", "kind")
            .annotate(n=Count("pk", distinct=True))
        }
        ranked = contributions.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("theme"), F("kind")],
                order_by=self.ordering(sort),
            )
        ).filter(position__lte=limit)
        reactions = self.reactions_by_parent(self.page, block_id)
        by_column: dict[tuple, list] = {}
        for contribution in ranked.order_by("position"):
            key = (contribution.theme_id, contribution.kind)
            by_column.setdefault(key, []).append(
                self.view(contribution, reactions.get(contribution.pk))
            )
        return [ThemeColumn(theme, by_column, totals, limit, sort) for theme in themes]


@dataclass
class BlockListing:
    items: list[ContributionView]
    total: int
    limit: int
    sort: str

    @property
    def has_more(self) -> bool:
        return self.total > len(self.items)

    @property
    def next_limit(self) -> int:
        return self.limit + PAGE_SIZE


class ThemeColumn:
    """One theme of an idea board: its ideas and concerns, each possibly cut off."""

    def __init__(self, theme, by_column, totals, limit, sort):
        self.theme = theme
        self.ideas = BlockListing(
            by_column.get((theme.pk, "idee"), []),
            totals.get((theme.pk, "idee"), 0),
            limit,
            sort,
        )
        self.concerns = BlockListing(
            by_column.get((theme.pk, "zorg"), []),
            totals.get((theme.pk, "zorg"), 0),
            limit,
            sort,
        )

    @property
    def has_more(self) -> bool:
        return self.ideas.has_more or self.concerns.has_more
