"""What staff may download about a dialogue: published text, support and votes.

Pure functions that yield rows (lists of cell values); insights.writers turns
them into CSV or XLSX. What a row leaves out matters as much as what it holds:

- no participant id, pseudonym, e-mail hash or session token, and no stable
  per-person number either: a column that stays the same across a person's rows
  would let a reader gather everything one person wrote;
- the day a contribution was placed, never the time: a moment lines a
  contribution up with a join, a mail or a meeting;
- the author's group attributes (role, province, size class, networks) only
  where that whole combination is stored by at least k distinct participants of
  the dialogue; otherwise all four cells stay empty (an empty cell means "not
  shown": unknown, left out when joining, or a group smaller than k);
- rows are numbered in the order of the export, not by database id, and sorted
  by step, block, support and text, so that neither a number nor the order of
  rows tells who wrote first (ids and creation times follow insertion order);
- vote figures only through dialogue_blocks.results, which suppresses at k.

Every query reads the dialogue as a whole (phases, groups, rows) and rows are
fetched with .iterator(), so the number of queries does not grow with the
number of contributions and memory stays bounded.
"""

from collections.abc import Iterator

from django.db.models import Count
from django.utils import timezone

from cms.models import PhasePage
from dialogue_blocks.anonymity import SIZE_CLASS_SHORT
from dialogue_blocks.blocks.base import ParticipationBlock
from dialogue_blocks.blocks.voting import VotingBlock
from dialogue_blocks.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    Participant,
    Province,
    Role,
    quoted_text,
)
from dialogue_blocks.results import read_results

from .writers import Sheet

CHUNK_SIZE = 2000

GROUP_HEADER = ["rol", "provincie", "grootteklasse", "netwerken"]
CONTRIBUTION_HEADER = [
    "nummer",
    "stap",
    "blok",
    "soort",
    "thema",
    "tekst",
    "steun",
    "reacties",
    "datum",
    *GROUP_HEADER,
]
REACTION_HEADER = [
    "stap",
    "blok",
    "soort",
    "thema",
    "reactie op nummer",
    "tekst",
    "steun",
    "datum",
    "gespreksleider",
    *GROUP_HEADER,
]
VOTE_HEADER = [
    "stap",
    "blok",
    "keuze",
    "deelnemers",
    "punten",
    "deelnemers in blok",
]

KIND_LABELS = dict(ContributionKind.choices)
ROLE_LABELS = dict(Role.choices)

# Ordering of published contributions. Not created_at or id: both follow the
# order in which people wrote, and people join and write in an order that
# others may know (who was at which meeting). block_id is a random UUID; the
# primary key comes last only to break ties between identical rows, so that
# the numbers given here and the parents of reactions agree.
CONTRIBUTION_ORDER = ("phase__step", "block_id", "-support_count", "text", "pk")
REACTION_ORDER = (
    "phase__step",
    "block_id",
    "-parent__support_count",
    "parent__text",
    "parent_id",
    "-support_count",
    "text",
    "pk",
)
AUTHOR_FIELDS = (
    "participant__role",
    "participant__province_id",
    "participant__size_class",
    "participant__network_codes",
)


class DialogueExport:
    """The tables of one dialogue; reads its phases and groups once."""

    def __init__(self, dialogue):
        self.dialogue = dialogue
        self.k = dialogue.k_threshold
        self.phases = {
            phase.pk: phase
            for phase in PhasePage.objects.child_of(dialogue).order_by("step")
        }
        self._headings = None
        self._groups = None
        self._provinces = None

    # Where a row was written -------------------------------------------------

    def phase_title(self, phase_id) -> str:
        phase = self.phases.get(phase_id)
        return phase.title if phase else ""

    @property
    def headings(self) -> dict:
        """(phase id, block id) → the block's heading, from the phase bodies."""
        if self._headings is None:
            self._headings = {}
            for phase in self.phases.values():
                for child in phase.body:
                    if isinstance(child.block, ParticipationBlock):
                        try:
                            heading = child.block.heading_of(child.value)
                        except KeyError:
                            heading = ""
                        self._headings[(phase.pk, str(child.id))] = heading
        return self._headings

    def heading(self, phase_id, block_id) -> str:
        return self.headings.get((phase_id, str(block_id)), "")

    # Who wrote it, as a group -------------------------------------------------

    @property
    def shown_groups(self) -> set:
        """Attribute combinations stored by at least k participants: one query."""
        if self._groups is None:
            members: dict = {}
            rows = (
                Participant.objects.filter(dialogue=self.dialogue)
                .values("role", "province_id", "size_class", "network_codes")
                .annotate(members=Count("pk"))
                .order_by()
            )
            for row in rows:
                key = group_key(
                    row["role"],
                    row["province_id"],
                    row["size_class"],
                    row["network_codes"],
                )
                members[key] = members.get(key, 0) + row["members"]
            self._groups = {key for key, count in members.items() if count >= self.k}
        return self._groups

    @property
    def province_names(self) -> dict:
        if self._provinces is None:
            self._provinces = dict(Province.objects.values_list("pk", "name"))
        return self._provinces

    def group_cells(self, row: dict) -> list[str]:
        """Role, province, size class, networks; all empty for a group below k."""
        key = group_key(*(row[field] for field in AUTHOR_FIELDS))
        if key[0] is None or key not in self.shown_groups:
            return ["", "", "", ""]
        role, province_id, size_class, networks = key
        return [
            ROLE_LABELS.get(role, role),
            self.province_names.get(province_id, "") if province_id else "",
            SIZE_CLASS_SHORT.get(size_class, ""),
            "" if networks is None else (", ".join(networks) or "geen"),
        ]

    # The tables ----------------------------------------------------------------

    def published(self):
        return Contribution.objects.filter(
            phase_id__in=list(self.phases), status=ContributionStatus.PUBLISHED
        )

    def contribution_numbers(self) -> dict[int, int]:
        """Each published top-level contribution's number in this export."""
        pks = (
            self.published()
            .filter(parent__isnull=True)
            .order_by(*CONTRIBUTION_ORDER)
            .values_list("pk", flat=True)
        )
        return {pk: number for number, pk in enumerate(pks.iterator(CHUNK_SIZE), 1)}

    def contribution_rows(self) -> Iterator[list]:
        rows = (
            self.published()
            .filter(parent__isnull=True)
            .order_by(*CONTRIBUTION_ORDER)
            .values(
                "phase_id",
                "block_id",
                "kind",
                "theme__title",
                "title",
                "text",
                "support_count",
                "reaction_count",
                "created_at",
                *AUTHOR_FIELDS,
            )
        )
        for number, row in enumerate(rows.iterator(CHUNK_SIZE), 1):
            yield [
                number,
                self.phase_title(row["phase_id"]),
                self.heading(row["phase_id"], row["block_id"]),
                KIND_LABELS.get(row["kind"], row["kind"]),
                row["theme__title"] or "",
                quoted_text(row["title"], row["text"]),
                row["support_count"],
                row["reaction_count"],
                timezone.localdate(row["created_at"]),
                *self.group_cells(row),
            ]

    def reaction_rows(self) -> Iterator[list]:
        numbers = self.contribution_numbers()
        rows = (
            self.published()
            .filter(parent__status=ContributionStatus.PUBLISHED)
            .order_by(*REACTION_ORDER)
            .values(
                "phase_id",
                "block_id",
                "kind",
                "parent__theme__title",
                "parent_id",
                "text",
                "support_count",
                "created_at",
                "facilitator_name",
                *AUTHOR_FIELDS,
            )
        )
        for row in rows.iterator(CHUNK_SIZE):
            yield [
                self.phase_title(row["phase_id"]),
                self.heading(row["phase_id"], row["block_id"]),
                KIND_LABELS.get(row["kind"], row["kind"]),
                row["parent__theme__title"] or "",
                numbers.get(row["parent_id"], ""),
                row["text"],
                row["support_count"],
                timezone.localdate(row["created_at"]),
                "ja" if row["facilitator_name"] else "",
                *self.group_cells(row),
            ]

    def vote_rows(self) -> Iterator[list]:
        """Per option of every voting block: figures as the results show them."""
        for phase in self.phases.values():
            for child in phase.body:
                if not isinstance(child.block, VotingBlock):
                    continue
                block, value = child.block, child.value
                results = read_results(
                    phase,
                    child.id,
                    block.options_of(value, self.dialogue, child.id),
                    self.k,
                    counts_points=block.counts_points,
                    option_heading=block.option_heading_of(value),
                )
                for result in results.rows:
                    yield [
                        phase.title,
                        block.heading_of(value),
                        result.label,
                        cell(result.voters),
                        cell(result.value) if block.counts_points else "",
                        cell(results.respondents),
                    ]

    def sheets(self) -> list[Sheet]:
        return [
            Sheet(
                "bijdragen", "Bijdragen", CONTRIBUTION_HEADER, self.contribution_rows()
            ),
            Sheet("reacties", "Reacties", REACTION_HEADER, self.reaction_rows()),
            Sheet("stemmen", "Stemmen", VOTE_HEADER, self.vote_rows()),
        ]

    def sheet(self, name: str) -> Sheet:
        return next(sheet for sheet in self.sheets() if sheet.name == name)


def group_key(role, province_id, size_class, network_codes) -> tuple:
    """A participant's stored combination; None first for a contribution without."""
    if role is None and province_id is None and size_class is None:
        return (None, None, None, None)  # no participant (erased, or a facilitator)
    networks = None if network_codes is None else tuple(sorted(network_codes))
    return (role, province_id, size_class, networks)


def cell(figure):
    """A published figure: its number, or "minder dan k" where k hides it."""
    return figure.value if figure.is_shown else str(figure)
