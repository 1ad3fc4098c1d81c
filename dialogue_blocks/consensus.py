"""Statements across groups: "Wat ons verbindt" and "Waar we verschillen".

The groups are the values of one stored attribute of the participants (role,
size class, province or network; models.groups_of), read from the group
tallies (models.GroupVoteTally) in one query, whatever the number of votes.

A group counts for a statement only if at least k distinct participants of it
answered that statement (votes_g >= k); smaller groups are left out, and a
statement needs at least two counted groups to be compared at all.

For each counted group g the smoothed agree share is

    p_g = (agree_g + 1) / (votes_g + 2)

where votes_g counts every answer of the group (eens, oneens and weet niet)
and agree_g the "eens" answers. The +1 and +2 (Laplace smoothing) keep a
small group with every answer alike from counting as certain.

- Group-informed consensus, the measure Pol.is uses:

      consensus = product over the counted groups g of p_g

  High only when every group tends to agree; one group that disagrees pulls it
  down. "Wat ons verbindt" lists the statements on which every counted group
  has p_g > 1/2, highest consensus first.

- Division: the spread of the smoothed agree shares,

      spread = max_g p_g - min_g p_g

  "Waar we verschillen" lists the statements with the largest spread, and
  names the groups at both ends.
"""

from dataclasses import dataclass, field

from .item_rows import values_where
from .models import (
    WHOLE_BLOCK,
    GroupDimension,
    GroupVoteTally,
    Province,
    Role,
    SizeClass,
)

AGREE, DISAGREE, UNSURE = "eens", "oneens", "weet_niet"
ANSWERS = {AGREE: "Eens", DISAGREE: "Oneens", UNSURE: "Weet niet"}
LISTED = 5  # statements per list

DIMENSION_PLURALS = {
    GroupDimension.ROLE: "rollen",
    GroupDimension.SIZE_CLASS: "grootteklassen van gemeenten",
    GroupDimension.PROVINCE: "provincies",
    GroupDimension.NETWORK: "netwerken",
}


def smoothed_agree(agree: int, votes: int) -> float:
    """p_g = (agree_g + 1) / (votes_g + 2)."""
    return (agree + 1) / (votes + 2)


def group_informed_consensus(groups: list[tuple[int, int]]) -> float:
    """The product over groups g of (agree_g + 1) / (votes_g + 2); (agree, votes)."""
    product = 1.0
    for agree, votes in groups:
        product *= smoothed_agree(agree, votes)
    return product


def spread(groups: list[tuple[int, int]]) -> float:
    """max_g p_g - min_g p_g over the groups' smoothed agree shares."""
    shares = [smoothed_agree(agree, votes) for agree, votes in groups]
    return max(shares) - min(shares)


@dataclass(frozen=True)
class GroupShare:
    label: str
    share: float  # p_g, 0 to 1

    @property
    def percentage(self) -> int:
        return round(100 * self.share)


@dataclass(frozen=True)
class StatementComparison:
    key: str
    label: str
    groups: list[GroupShare]  # counted groups only, highest share first
    consensus: float
    spread: float

    @property
    def all_agree(self) -> bool:
        return all(group.share > 0.5 for group in self.groups)

    @property
    def highest(self) -> GroupShare:
        return self.groups[0]

    @property
    def lowest(self) -> GroupShare:
        return self.groups[-1]


@dataclass
class Comparison:
    """What the two lists show, and what was left out."""

    dimension: str
    dimension_plural: str
    k: int
    statements: list[StatementComparison] = field(default_factory=list)
    left_out: int = 0  # (statement, group) pairs with fewer than k participants

    @property
    def common(self) -> list[StatementComparison]:
        """Wat ons verbindt: every counted group agrees, highest consensus first."""
        agreed = [each for each in self.statements if each.all_agree]
        return sorted(agreed, key=lambda each: -each.consensus)[:LISTED]

    @property
    def divided(self) -> list[StatementComparison]:
        """Waar we verschillen: the largest spread first."""
        apart = [each for each in self.statements if each.spread > 0]
        return sorted(apart, key=lambda each: -each.spread)[:LISTED]


def group_names(dimension: str, groups) -> dict[str, str]:
    """What each group is called; provinces in one query."""
    if dimension == GroupDimension.ROLE:
        return {group: Role(group).label for group in groups if group in Role.values}
    if dimension == GroupDimension.SIZE_CLASS:
        return {
            group: SizeClass(group).label
            for group in groups
            if group in SizeClass.values
        }
    if dimension == GroupDimension.PROVINCE:
        ids = [int(group) for group in groups if group.isdigit()]
        return {
            str(pk): name
            for pk, name in Province.objects.filter(pk__in=ids).values_list(
                "pk", "name"
            )
        }
    return {group: group for group in groups}


def compare(phase, statements, dimension: str, k: int) -> Comparison:
    """Each statement's consensus and spread across the groups of `dimension`.

    `statements` are results.Option (key: the statement's id). Two queries:
    the group tallies, and the provinces' names when grouping by province.
    """
    keys = [statement.key for statement in statements]
    counts: dict[str, dict[str, dict[str, int]]] = {}
    rows = values_where(
        GroupVoteTally,
        ("block_id", "group", "option", "voters"),
        phase_id=phase.pk,
        block_id=keys,
        dimension=dimension,
        option=[WHOLE_BLOCK, AGREE],
    )
    for block_id, group, option, voters in rows:
        counts.setdefault(str(block_id), {}).setdefault(group, {})[option] = voters
    names = group_names(dimension, {group for per in counts.values() for group in per})
    comparison = Comparison(
        dimension=GroupDimension(dimension).label,
        dimension_plural=DIMENSION_PLURALS[dimension],
        k=k,
    )
    for statement in statements:
        counted = []
        for group, tally in counts.get(statement.key, {}).items():
            votes = tally.get(WHOLE_BLOCK, 0)
            if votes >= k:
                counted.append((group, tally.get(AGREE, 0), votes))
            elif votes:
                comparison.left_out += 1
        if len(counted) < 2:
            continue
        pairs = [(agree, votes) for _, agree, votes in counted]
        shares = sorted(
            (
                GroupShare(names.get(group, group), smoothed_agree(agree, votes))
                for group, agree, votes in counted
            ),
            key=lambda share: (-share.share, share.label),
        )
        comparison.statements.append(
            StatementComparison(
                key=statement.key,
                label=statement.label,
                groups=shares,
                consensus=group_informed_consensus(pairs),
                spread=spread(pairs),
            )
        )
    return comparison
