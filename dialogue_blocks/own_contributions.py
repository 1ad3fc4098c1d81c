"""What 'Mijn bijdragen' shows: each own text, where it belongs, and the replies.

Two queries whatever a participant wrote: their contributions (with step, theme
and the text they react to) and the published replies of others to them. The
question or board comes from the step's own body, already loaded with the step.
"""

from dataclasses import dataclass, field

from .anonymity import GroupLabels
from .models import Contribution, ContributionStatus
from .services import edit_refusal


@dataclass
class Reply:
    contribution: Contribution
    label: str


@dataclass
class OwnContribution:
    contribution: Contribution
    block_kind: str  # "Open vraag", "Ideeën en zorgen"
    block_heading: str
    changeable: bool
    replies: list[Reply] = field(default_factory=list)

    @property
    def reacts_to(self) -> Contribution | None:
        """The text this reaction answers, if others may still read it."""
        parent = self.contribution.parent
        if parent is None or parent.status != ContributionStatus.PUBLISHED:
            return None
        return parent


def block_of(contribution: Contribution):
    for child in contribution.phase.body:
        if child.id == str(contribution.block_id):
            return child
    return None


def label_of(reply: Contribution, labels: GroupLabels) -> str:
    if reply.facilitator_name:
        return f"Gespreksleider · {reply.facilitator_name}"
    return labels.label_for(reply.participant)


def own_contributions(participant) -> list[OwnContribution]:
    contributions = list(
        participant.contributions.select_related("phase", "theme", "parent")
    )
    replies = (
        Contribution.objects.filter(
            parent__in=[c.pk for c in contributions if c.parent_id is None],
            status=ContributionStatus.PUBLISHED,
        )
        .exclude(participant=participant)
        .select_related("participant__province")
        .order_by("created_at", "pk")
    )
    labels = GroupLabels(participant.dialogue) if replies else None
    replies_by_parent: dict[int, list[Reply]] = {}
    for reply in replies:
        replies_by_parent.setdefault(reply.parent_id, []).append(
            Reply(reply, label_of(reply, labels))
        )
    items = []
    for contribution in contributions:
        block = block_of(contribution)
        items.append(
            OwnContribution(
                contribution=contribution,
                block_kind=block.block.label if block else "",
                block_heading=block.block.heading_of(block.value) if block else "",
                changeable=edit_refusal(contribution) is None,
                replies=replies_by_parent.get(contribution.pk, []),
            )
        )
    return items
