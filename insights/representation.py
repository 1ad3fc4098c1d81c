"""Who takes part, per group, as far as k allows: the figures behind the
dashboard, the "Deelname" block and the landing pages.

Two sources, never joined to each other:

- the register (invitations): who was invited, and who joined, as the batched
  derivation (invitations.derivation) has set each record's status; grouped
  by the record's role and municipality. So "joined" moves only per batch.
- the participants' own stored attributes (dialogue_blocks.Participant), as
  far as generalisation kept them: who contributed and who voted. A
  participant whose attribute was left out counts in that dimension's rest.

Every participation count passes through dialogue_blocks.anonymity: shown at
k or more, with secondary suppression along a dimension whose total is shown
(role, province, size class; networks overlap and have no total). The
register's own counts (invited, still to join) are for staff and exact.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum

from dialogue_blocks.anonymity import Figure, figure, suppress_breakdown
from dialogue_blocks.models import (
    Ballot,
    Contribution,
    GroupDimension,
    Municipality,
    MunicipalityTurnout,
    Network,
    Participant,
    Province,
)
from dialogue_blocks.results import BarChart, BarInput
from invitations.models import Invitee, InviteeStatus, RegisterBatch, SignUp

from .groups import (
    DIMENSION_TITLES,
    DIMENSIONS,
    PARTITIONS,
    Group,
    MunicipalityGroups,
    groups,
    stored_keys,
    with_rest,
)
from .targets import TargetShare, targets

# A group is under-represented when its share of participants is below this
# part of its target: relative, so that a network aiming at 1.2 % counts as
# much as a province aiming at 15 %.
UNDER_REPRESENTED_BELOW = 0.8


# Reading the two sources, each in a bounded number of grouped queries.


@dataclass
class RegisterCounts:
    """Per (dimension, group): invited, joined, and invited but not joined yet."""

    invited: Counter = field(default_factory=Counter)
    joined: Counter = field(default_factory=Counter)
    waiting: Counter = field(default_factory=Counter)
    invited_total: int = 0
    joined_total: int = 0
    signed_up: int = 0

    def add(self, reference, role, municipality_id, *, invited, joined, waiting):
        for dimension in DIMENSIONS:
            for key in reference.keys(dimension, role, municipality_id):
                self.invited[dimension, key] += invited
                self.joined[dimension, key] += joined
                self.waiting[dimension, key] += waiting
        self.invited_total += invited
        self.joined_total += joined


def read_register(dialogue, reference: MunicipalityGroups) -> RegisterCounts:
    """The register's counts: one row per role, municipality and status."""
    counts = RegisterCounts()
    rows = (
        Invitee.objects.filter(dialogue=dialogue)
        .values_list("role", "municipality_id", "status")
        .annotate(
            n=Count("pk"),
            invited=Count(
                "pk",
                filter=Q(invited_at__isnull=False)
                | Q(status=InviteeStatus.PARTICIPANT),
            ),
        )
        .order_by()
    )
    for role, municipality_id, status, n, invited in rows:
        counts.add(
            reference,
            role,
            municipality_id,
            invited=invited,
            joined=n if status == InviteeStatus.PARTICIPANT else 0,
            waiting=n if status == InviteeStatus.INVITED else 0,
        )
    # Everyone who signed up themself has joined: sign-ups become records in
    # the batch that counts them.
    for role, municipality_id, n in (
        SignUp.objects.filter(dialogue=dialogue)
        .values_list("role", "municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.add(reference, role, municipality_id, invited=0, joined=n, waiting=0)
        counts.signed_up += n
    return counts


@dataclass
class ParticipantCounts:
    """Per (dimension, group) of stored attributes: who contributed, who voted."""

    contributed: Counter = field(default_factory=Counter)
    voted: Counter = field(default_factory=Counter)
    total: int = 0
    contributed_total: int = 0
    voted_total: int = 0
    generalised: int = 0


def read_participants(dialogue) -> ParticipantCounts:
    """One grouped query over the participants' stored attributes."""
    counts = ParticipantCounts()
    rows = (
        Participant.objects.filter(dialogue=dialogue)
        .annotate(
            wrote=Exists(Contribution.objects.filter(participant=OuterRef("pk"))),
            cast=Exists(Ballot.objects.filter(participant=OuterRef("pk"), spent__gt=0)),
        )
        .values_list(
            "role", "province_id", "size_class", "network_codes", "wrote", "cast"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    for role, province_id, size_class, codes, wrote, cast, n in rows:
        counts.total += n
        counts.contributed_total += n * wrote
        counts.voted_total += n * cast
        left_out = not role or province_id is None or not size_class or codes is None
        counts.generalised += n * left_out
        for dimension in DIMENSIONS:
            for key in stored_keys(dimension, role, province_id, size_class, codes):
                counts.contributed[dimension, key] += n * wrote
                counts.voted[dimension, key] += n * cast
    return counts


def published(
    dimension: str, counts: Counter, keys: list[str], k: int, hidden_already=()
) -> dict:
    """The counts of one dimension's groups as they may be shown."""
    return suppress_breakdown(
        {key: counts[dimension, key] for key in keys},
        k,
        total_shown=dimension in PARTITIONS,
        hidden_already=hidden_already,
    )


# One dimension's table.


@dataclass(frozen=True)
class GroupRow:
    """One group: its participation, share and target; staff columns if filled."""

    group: Group
    joined: Figure
    share: float | None  # percent of everyone who joined, when both are shown
    most: float | None  # the largest share a hidden count could be, from what is shown
    target: TargetShare | None
    invited: int | None = None
    waiting: int | None = None
    contributed: Figure | None = None
    voted: Figure | None = None
    reminder_url: str = ""

    @property
    def label(self) -> str:
        return self.group.label

    @property
    def gap(self) -> float | None:
        """Share minus target, in percentage points."""
        if self.share is None or self.target is None:
            return None
        return round(self.share - float(self.target.share), 1)

    @property
    def gap_text(self) -> str:
        """The gap as a reader writes it: "+2,5" or "−4,0" (a real minus)."""
        if self.gap is None:
            return ""
        return f"{self.gap:+.1f}".replace(".", ",").replace("-", "\u2212")

    @property
    def under_represented(self) -> bool:
        """Below target: by its share, or by the most its hidden count can hold."""
        if self.target is None or not self.target.share:
            return False
        known = self.share if self.share is not None else self.most
        threshold = UNDER_REPRESENTED_BELOW * float(self.target.share)
        return known is not None and known < threshold


@dataclass(frozen=True)
class DimensionTable:
    dimension: str
    rows: list[GroupRow]
    joined_total: Figure
    k: int
    is_partition: bool

    @property
    def title(self) -> str:
        return DIMENSION_TITLES[self.dimension]

    @property
    def under_represented(self) -> list[GroupRow]:
        return [row for row in self.rows if row.under_represented]

    @property
    def chart(self) -> BarChart:
        """Each group's share of participants, with its target marked."""
        rows = [row for row in self.rows if row.target is not None]
        # Room after the longest bar for its percentage.
        longest = 1.2 * max(
            [row.share or 0 for row in rows]
            + [float(row.target.share) for row in rows]
            + [1.0]
        )
        return BarChart.of_bars(
            [
                BarInput(
                    label=row.label,
                    text=share_text(row.share, self.k),
                    is_shown=row.share is not None,
                    fraction=(row.share or 0) / longest,
                    marker=float(row.target.share) / longest,
                )
                for row in rows
            ]
        )

    @property
    def summary(self) -> str:
        """The chart in words, for its description."""
        return (
            "; ".join(
                f"{row.label}: {share_text(row.share, self.k)} van de deelnemers, "
                f"streven {row.target.share} %"
                for row in self.rows
                if row.target is not None
            )
            + "."
        )


def share_text(share: float | None, k: int) -> str:
    return f"{share:.1f}%".replace(".", ",") if share is not None else f"minder dan {k}"


def dimension_table(
    dialogue,
    dimension: str,
    register: RegisterCounts,
    participants: ParticipantCounts | None = None,
) -> DimensionTable:
    """A dimension's groups through k; the staff columns when participants are given."""
    k = dialogue.k_threshold
    found = with_rest(dimension, groups(dimension))
    keys = [group.key for group in found]
    joined = published(dimension, register.joined, keys, k)
    total = figure(register.joined_total, k)
    most = hidden_most(dimension, joined, total, k)
    aims = targets(dialogue, dimension)
    if participants is not None:
        # A group's writers and voters are among its joined: shown beside a
        # hidden joined count they would bound it, so they are hidden with it.
        unshown = [key for key, value in joined.items() if not value.is_shown]
        contributed = published(dimension, participants.contributed, keys, k, unshown)
        voted = published(dimension, participants.voted, keys, k, unshown)
    rows = []
    for group in found:
        count = joined[group.key]
        staff = {}
        if participants is not None:
            staff = {
                "invited": register.invited[dimension, group.key],
                "waiting": register.waiting[dimension, group.key],
                "contributed": contributed[group.key],
                "voted": voted[group.key],
            }
        rows.append(
            GroupRow(
                group=group,
                joined=count,
                share=100 * count.value / total.value
                if count.is_shown and total.is_shown
                else None,
                most=most if not count.is_shown else None,
                target=aims.get(group.key),
                **staff,
            )
        )
    return DimensionTable(dimension, rows, total, k, dimension in PARTITIONS)


def hidden_most(dimension: str, joined: dict, total: Figure, k: int) -> float | None:
    """The largest share a hidden group has, as far as the page tells.

    Every hidden count reads "minder dan k"; along a partition the hidden
    groups together also hold no more than the total minus the groups shown.
    """
    if not total.is_shown or not total.value:
        return None
    most = k - 1
    if dimension in PARTITIONS:
        shown = sum(value.value for value in joined.values() if value.is_shown)
        most = min(most, total.value - shown)
    return 100 * most / total.value


def participation_tables(dialogue, dimensions=DIMENSIONS) -> list[DimensionTable]:
    """The public tables: who joined, by group, against target."""
    register = read_register(dialogue, MunicipalityGroups())
    return [dimension_table(dialogue, dimension, register) for dimension in dimensions]


# Coverage and trend.


@dataclass(frozen=True)
class Coverage:
    """How many of an area's municipalities have at least one participant."""

    label: str
    covered: int
    total: int
    missing: list[str]


def coverage(dialogue) -> tuple[list[Coverage], list[Coverage]]:
    """Per province and per network, from the batched turnout per municipality."""
    covered = set(
        MunicipalityTurnout.objects.filter(
            dialogue=dialogue, participant_count__gt=0
        ).values_list("municipality_id", flat=True)
    )
    municipalities = list(Municipality.objects.filter(is_active=True).order_by("name"))
    by_province: dict[int, list[Municipality]] = {}
    for municipality in municipalities:
        by_province.setdefault(municipality.province_id, []).append(municipality)
    provinces = [
        area(province.name, by_province.get(province.pk, []), covered)
        for province in Province.objects.all()
    ]
    networks = [
        area(str(network), list(network.members.filter(is_active=True)), covered)
        for network in Network.objects.prefetch_related("members")
    ]
    return provinces, networks


def area(label: str, municipalities: list, covered: set) -> Coverage:
    missing = sorted(m.name for m in municipalities if m.pk not in covered)
    return Coverage(
        label, len(municipalities) - len(missing), len(municipalities), missing
    )


@dataclass(frozen=True)
class TrendDay:
    day: object
    joined: Figure
    total: Figure | None  # None from the first day whose joins are hidden


def daily_joins(dialogue) -> list[TrendDay]:
    """New participants per batch day, the only moments the register knows.

    A running total is shown only up to the first hidden day: after it, two
    totals would give the hidden day away.
    """
    k = dialogue.k_threshold
    days = dict(
        RegisterBatch.objects.filter(dialogue=dialogue)
        .values_list("ran_on")
        .annotate(new=Sum("new_participant_count"))
        .order_by()
    )
    trend, running, hidden = [], 0, False
    for day in sorted(days):
        joined = figure(days[day], k)
        running += days[day]
        hidden = hidden or not joined.is_shown
        trend.append(TrendDay(day, joined, None if hidden else figure(running, k)))
    return trend


# A landing page's own group.


@dataclass(frozen=True)
class AudienceParticipation:
    """How a landing page's province or network takes part, against its target."""

    label: str  # "Utrecht", "het netwerk G40"
    row: GroupRow
    total: Figure
    covered: int | None  # municipalities with a participant, shown with the count
    municipalities: int


def audience_participation(dialogue, landing_page) -> AudienceParticipation | None:
    """The page's own row of the public table, so it hides what the table hides."""
    if landing_page.network_id:
        dimension, key = GroupDimension.NETWORK, landing_page.network.code
        label = f"het netwerk {key}"
    elif landing_page.province_id:
        dimension, key = GroupDimension.PROVINCE, str(landing_page.province_id)
        label = landing_page.province.name
    else:
        return None
    table = participation_tables(dialogue, [dimension])[0]
    row = next(row for row in table.rows if row.group.key == key)
    municipalities = landing_page.audience_municipalities().filter(is_active=True)
    covered = None
    if row.joined.is_shown:
        covered = MunicipalityTurnout.objects.filter(
            dialogue=dialogue, municipality__in=municipalities, participant_count__gt=0
        ).count()
    return AudienceParticipation(
        label, row, table.joined_total, covered, municipalities.count()
    )
