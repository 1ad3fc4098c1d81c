"""The one place that decides what links a participant to a person, and what not.

An e-mail address becomes a participant through a keyed hash. The key of a
dialogue is derived from DIALOGUE_PSEUDONYM_KEY (outside the database) and the
dialogue's own random salt (inside it, in DialogueSalt rather than on the page,
so that page revisions never copy it). Either alone is useless; sealing the
dialogue destroys the salt, after which no one can recompute a hash.
"""

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from .models import DialogueSalt


class DialogueSealedError(Exception):
    """The dialogue's salt is gone: nobody can join or be linked any more."""


def normalise_email(email: str) -> str:
    """One spelling per mailbox: trimmed, Unicode-normalised, lower case."""
    return unicodedata.normalize("NFKC", email).strip().lower()


def dialogue_key(dialogue) -> bytes:
    master_key = settings.DIALOGUE_PSEUDONYM_KEY
    if not master_key:
        raise ImproperlyConfigured("DIALOGUE_PSEUDONYM_KEY is not set.")
    salt, _ = DialogueSalt.objects.get_or_create(dialogue_id=dialogue.pk)
    if salt.is_sealed:
        raise DialogueSealedError(dialogue.pk)
    message = f"dialogue:{dialogue.pk}:{salt.salt}".encode()
    return hmac.new(master_key.encode(), message, hashlib.sha256).digest()


def dialogue_subkey(dialogue, purpose: str) -> bytes:
    """A key of this dialogue for one purpose only; it dies with the salt too."""
    return hmac.new(
        dialogue_key(dialogue), f"purpose:{purpose}".encode(), hashlib.sha256
    ).digest()


def destroy_salt(dialogue) -> None:
    """Seal: the salt is overwritten, so no hash of this dialogue can be remade."""
    DialogueSalt.objects.update_or_create(
        dialogue_id=dialogue.pk, defaults={"salt": "", "sealed_at": timezone.now()}
    )


def email_hash(dialogue, email: str) -> str:
    """The pseudonym of an address within one dialogue (HMAC-SHA256, hex)."""
    return email_hasher(dialogue)(email)


def email_hasher(dialogue):
    """email_hash for many addresses of one dialogue: its key read once."""
    key = dialogue_key(dialogue)

    def pseudonym(email: str) -> str:
        return hmac.new(
            key, normalise_email(email).encode(), hashlib.sha256
        ).hexdigest()

    return pseudonym


SIZE_CLASS_SHORT = {
    "klein": "kleine gemeente",
    "middelgroot": "middelgrote gemeente",
    "groot": "grote gemeente",
    "zeer_groot": "zeer grote gemeente",
}

# Levels of a group label, finest first.
LEVEL_ROLE_PROVINCE, LEVEL_ROLE_SIZE, LEVEL_ROLE = 0, 1, 2


class GroupLabels:
    """The group label next to a contribution, obeying k-anonymity.

    What protects a person is the group of participants that RECEIVE the same
    label, not the group that shares the attributes behind it. Counting
    attribute sharers goes wrong as soon as some of them are shown a finer
    label: with k=3, three Gelderland mayors get "burgemeester · Gelderland",
    and a lone Haarlem mayor who falls back to "burgemeester · zeer grote
    gemeente" would be the only one shown that label, although the Gelderland
    mayors of very large municipalities counted towards it.

    So the labels of all participants of the dialogue are decided together.
    Everyone starts at the finest label (role + province); every label that
    fewer than k distinct participants receive is generalised for all of its
    recipients to their next coarser one (role + size class, then the role
    alone, then none), finest level first, until nothing changes. Every label
    shown is then received by at least k participants; the rest get "". Never
    the municipality; an unknown size class is never part of a label.

    One query per dialogue, which the database answers with one row per
    combination of role, province and size class (at most a few hundred,
    however many take part); the labels are decided per combination, weighted
    by how many participants share it, once per page request. Someone who joins
    after that query gets their combination's label if it was shown (its group
    only grew), and none if their combination was not there yet.
    """

    def __init__(self, dialogue):

        self.k = dialogue.k_threshold
        with connection.cursor() as cursor:
            cursor.execute(combinations_sql(connection.vendor), [dialogue.pk])
            combinations = tuple(cursor.fetchall())
        # Shared by every page view while the combinations stay the same.
        self.labels = MappingProxyType(decided_labels(self.k, combinations))

    @staticmethod
    def candidate_labels(role, province, size_class) -> list[tuple[int, str]]:
        """(level, label) from finest to coarsest; the level orders generalisation."""
        if not role:  # left out to keep the participant unfindable: no label
            return []
        labels = []
        if province:
            labels.append((LEVEL_ROLE_PROVINCE, f"{role} · {province}"))
        if size_class in SIZE_CLASS_SHORT:
            labels.append((LEVEL_ROLE_SIZE, f"{role} · {SIZE_CLASS_SHORT[size_class]}"))
        labels.append((LEVEL_ROLE, role))
        return labels

    def label_for(self, participant) -> str:
        """The label shown for this participant; "" when none may be shown."""
        if participant is None:
            return ""
        key = (participant.role, participant.province_id, participant.size_class)
        return self.labels.get(key, "")


# What a group label is made of, in the order of the index that counts them.
GROUPED_ATTRIBUTES = ("role", "province_id", "size_class")


@lru_cache(maxsize=4)
def combinations_sql(vendor: str) -> str:
    """The combinations of (role, province id, province name, size class,
    members) of a dialogue's participants, written once per process: every
    phase page runs it. The participants are counted along their own index
    (participant_combination), which holds every column grouped, so the count
    reads the index alone, in order; the province's name is joined to the
    groups afterwards, not to each participant. Its one parameter is the
    dialogue's id."""
    from .item_rows import column, table
    from .models import Participant, Province

    quote = connection.ops.quote_name
    grouped = ", ".join(column(name, model=Participant) for name in GROUPED_ATTRIBUTES)
    counted = (
        f"SELECT {grouped}, COUNT(*) AS {quote('members')} "  # noqa: S608 - names only
        f"FROM {table(Participant)} "
        f"WHERE {column('dialogue_id', model=Participant)} = %s GROUP BY {grouped}"
    )
    group = quote("combination")
    role, province, size_class = (
        f"{group}.{column(name, model=Participant)}" for name in GROUPED_ATTRIBUTES
    )
    return (
        f"SELECT {role}, {province}, {column('name', 'province', Province)}, "  # noqa: S608
        f"{size_class}, {group}.{quote('members')} FROM ({counted}) {group} "
        f"LEFT JOIN {table(Province)} {quote('province')} "
        f"ON {column('pk', 'province', Province)} = {province} "
        f"ORDER BY {role}, {province}, {size_class}"
    )


@lru_cache(maxsize=64)
def decided_labels(k: int, combinations: tuple) -> dict[tuple, str]:
    """The labels for these combinations of (role, province id, province name,
    size class, members): decided once per process for as long as they stay
    the same, which is most page views of a dialogue."""
    candidates, members = {}, {}
    for role, province_id, province, size_class, count in combinations:
        key = (role, province_id, size_class)
        candidates[key] = GroupLabels.candidate_labels(role, province, size_class)
        members[key] = count
    return assign_labels(candidates, k, members)


def assign_labels(candidates: dict, k: int, members: dict | None = None) -> dict:
    """Each group's label such that every label has k or more recipients.

    `candidates` maps a group of participants (or one participant) to its
    (level, label) pairs, finest first; `members` says how many participants
    each group holds (one each if not given). A group moves as a whole, since
    its members share every attribute a label is made of. Recipients are
    counted per shown label text. Each round generalises the recipients of
    every too-small label at the finest level where one exists, so a coarser
    label is judged only once all that may still fall back to it has. Moving a
    whole label group never shrinks another group below k, but the loop runs
    to a fixed point regardless: it stops only when no shown label has fewer
    than k recipients. Each round moves some group a step, so it terminates.
    """
    members = members or dict.fromkeys(candidates, 1)
    position = dict.fromkeys(candidates, 0)

    def current(group):
        options = candidates[group]
        return options[position[group]] if position[group] < len(options) else None

    while True:
        recipients: dict[str, int] = {}
        for group in candidates:
            if (choice := current(group)) is not None:
                recipients[choice[1]] = recipients.get(choice[1], 0) + members[group]
        too_small = [
            group
            for group in candidates
            if (choice := current(group)) is not None and recipients[choice[1]] < k
        ]
        if not too_small:
            break
        finest = min(current(group)[0] for group in too_small)
        for group in too_small:
            if current(group)[0] == finest:
                position[group] += 1

    return {
        group: choice[1]
        for group in candidates
        if (choice := current(group)) is not None
    }


# What a participant stores about their municipality, and how it is generalised.
#
# Role plus municipality is a name (one mayor, one secretary, one clerk per
# municipality), so a participant never stores the municipality, and stores its
# province, size class and networks only as far as that combination does not
# point at too few municipalities or people. Two rules, both with the dialogue's
# m (at least 5; display keeps its own k):
#
# - the reference rule, at joining: every stored combination is shared by at
#   least m municipalities of the reference data;
# - the population rule, at every batch (invitations.derivation): every stored
#   combination, role included, is shared by at least m participants, so that
#   joining participants to the register's "deelnemer" records on role and
#   attributes always leaves at least m candidates.
#
# Both leave attributes out in one fixed order (networks, then size class, then
# province; the population rule finally the role) and decide all members of a
# group together (assign_labels), so that the group a value points to is what
# protects, not the group sharing the finer attributes behind it.


@dataclass(frozen=True)
class StoredAttributes:
    """The group attributes on a participant; a value left out is None or ""."""

    role: str
    province_id: int | None
    size_class: str
    network_codes: tuple[str, ...] | None

    @classmethod
    def of(cls, participant) -> "StoredAttributes":
        codes = participant.network_codes
        return cls(
            participant.role,
            participant.province_id,
            participant.size_class,
            None if codes is None else tuple(codes),
        )

    @property
    def depth(self) -> int:
        """How many dimensions are left out, in the fixed order."""
        return sum(
            (
                self.network_codes is None,
                not self.size_class,
                self.province_id is None,
                not self.role,
            )
        )

    def at_depth(self, depth: int) -> "StoredAttributes":
        """These attributes with the first `depth` dimensions left out."""
        value = self
        if depth >= 1:
            value = replace(value, network_codes=None)
        if depth >= 2:
            value = replace(value, size_class="")
        if depth >= 3:
            value = replace(value, province_id=None)
        if depth >= 4:
            value = replace(value, role="")
        return value

    def apply_to(self, participant) -> None:
        participant.role = self.role
        participant.province_id = self.province_id
        participant.size_class = self.size_class
        participant.network_codes = (
            None if self.network_codes is None else list(self.network_codes)
        )


NOTHING_STORED = StoredAttributes("", None, "", None)
DEPTHS = 4


def generalise(
    attributes: dict[object, StoredAttributes], m: int
) -> dict[object, StoredAttributes]:
    """Each member's attributes such that every stored value has m members or more.

    Members are municipalities (the reference rule; their role is "") or
    participants (the population rule). Depth by depth, the members of every
    value shared by fewer than m move one dimension coarser, all together. A
    coarser value that is still too small then takes in whole groups that
    would coarsen to it, smallest first, rather than lose one more dimension:
    a big city with too rare a size class keeps its province by sharing it
    with the smallest other group of that province. Whole groups move, so
    every group left behind keeps its m. What cannot reach m even with nothing
    stored (fewer than m members in all) stores nothing.

    The mapping is a pure function of the members' attributes, so anyone may
    recompute it: a value points to its group, and that group has m members.
    """
    current = dict(attributes)
    for depth in range(DEPTHS):
        groups = members_by_value(current)
        too_small = [
            value
            for value, members in groups.items()
            if value.depth <= depth and len(members) < m
        ]
        for value in too_small:
            move(current, groups, value, value.at_depth(depth + 1))
        for target in {value.at_depth(depth + 1) for value in too_small}:
            take_in_groups(current, groups, target, depth, m)
    short = {
        value
        for value, members in members_by_value(current).items()
        if len(members) < m
    }
    return {
        key: NOTHING_STORED if value in short else value
        for key, value in current.items()
    }


def members_by_value(current: dict) -> dict:
    groups: dict = {}
    for key, value in current.items():
        groups.setdefault(value, []).append(key)
    return groups


def move(current: dict, groups: dict, value, target) -> None:
    """All members of one value now store the coarser target."""
    for key in groups.get(value, []):
        current[key] = target
    groups.setdefault(target, []).extend(groups.pop(value, []))


def take_in_groups(current: dict, groups: dict, target, depth: int, m: int) -> None:
    """Fill a too-small coarser value with whole finer groups that coarsen to it."""
    candidates = sorted(
        (
            (len(members), repr(value), value)
            for value, members in groups.items()
            if value != target
            and value.depth <= depth
            and value.at_depth(depth + 1) == target
        ),
        key=lambda triple: triple[:2],  # the same choice every time
    )
    for _size, _name, value in candidates:
        if len(groups.get(target, [])) >= m:
            return
        move(current, groups, value, target)


def municipality_attributes() -> dict[int, StoredAttributes]:
    """Per active municipality (by pk): its province, size class and networks."""
    from .models import Municipality, Network, size_class_for

    networks: dict[int, list[str]] = {}
    for municipality_id, code in Network.members.through.objects.values_list(
        "municipality_id", "network__code"
    ):
        networks.setdefault(municipality_id, []).append(code)
    return {
        pk: StoredAttributes(
            "",
            province_id,
            size_class_for(population),
            tuple(sorted(networks.get(pk, []))),
        )
        for pk, province_id, population in Municipality.objects.filter(
            is_active=True
        ).values_list("pk", "province_id", "population")
    }


def reference_attributes(m: int) -> dict[int, StoredAttributes]:
    """Per active municipality (by pk): what its participants store (reference rule)."""
    return generalise(municipality_attributes(), m)


def attributes_for(role: str, municipality, m: int) -> StoredAttributes:
    """What a participant with this role from this municipality may store, as far
    as the reference data goes (see invitations.derivation for the register).

    Without a municipality (the register may not have one), only the role.
    """
    if municipality is None:
        return replace(NOTHING_STORED, role=role)
    safe = reference_attributes(m).get(municipality.pk, NOTHING_STORED)
    return replace(safe, role=role)


def coarsest(*values: StoredAttributes) -> StoredAttributes:
    """Of coarsenings of one value, the coarsest: what satisfies every rule."""
    return max(values, key=lambda value: value.depth)


def dimensions_kept(m: int) -> dict:
    """Per dimension, how many municipalities' participants store it under m."""
    stored = reference_attributes(m).values()
    return {
        "total": len(stored),
        "province": sum(value.province_id is not None for value in stored),
        "size_class": sum(bool(value.size_class) for value in stored),
        "networks": sum(value.network_codes is not None for value in stored),
    }


# Published counts: every figure shown to anyone passes through here.
#
# A count of distinct participants is shown only if it is at least k; below k it
# reads "minder dan k". That alone is not enough where totals are shown too: a
# hidden cell would be the total minus the cells shown. So in every line of a
# table (a row or a column with a published total) that hides exactly one
# cell, the smallest other cell is hidden as well (secondary suppression),
# until no line gives a hidden cell away. A total below k is hidden itself.


@dataclass(frozen=True)
class Figure:
    """A published count: its value, or None where k forbids showing it."""

    value: int | None
    k: int

    @property
    def is_shown(self) -> bool:
        return self.value is not None

    def __str__(self) -> str:
        return str(self.value) if self.is_shown else f"minder dan {self.k}"


def figure(count: int, k: int) -> Figure:
    """One count on its own, with no total beside it."""
    return Figure(count if count >= k else None, k)


def suppress_table(
    cells: dict[tuple, int],
    k: int,
    margins: tuple[int, ...] = (0, 1),
    hidden_already: frozenset = frozenset(),
) -> dict[tuple, Figure]:
    """Each cell of a table as it may be published, totals along `margins` shown.

    `cells` maps (row, column, …) keys to counts of distinct participants.
    `margins` are the key positions along which totals are published: (0, 1)
    for row and column totals, (0,) for a breakdown whose total is shown, ()
    for none. `hidden_already` are cells hidden for a reason outside the table
    (another figure would bound them); the lines around them are kept safe too.
    """
    hidden = {key for key, count in cells.items() if count < k} | (
        hidden_already & cells.keys()
    )
    while True:
        extra = set()
        for position in margins:
            for line in lines_along(cells, position):
                if gives_hidden_away(line, hidden, cells, k):
                    shown_here = [key for key in line if key not in hidden]
                    if shown_here:
                        extra.add(min(shown_here, key=lambda key: (cells[key], key)))
        if not extra - hidden:
            break
        hidden |= extra
    return {
        key: Figure(None if key in hidden else count, k) for key, count in cells.items()
    }


def gives_hidden_away(line: set, hidden: set, cells: dict, k: int) -> bool:
    """Whether the line's published total reveals what its hidden cells hold.

    One hidden cell is its total minus the rest; several hidden cells that
    together hold fewer than k participants (6 of 7 agree, so the other two
    answers hold one person) give a small group away as surely.
    """
    hidden_here = hidden & line
    if not hidden_here or len(line) < 2:
        return False
    together = sum(cells[key] for key in hidden_here)
    return len(hidden_here) == 1 or 0 < together < k


def lines_along(cells: dict[tuple, int], position: int) -> list[set]:
    """The lines whose total runs along one key position: the cells it sums."""
    lines: dict = {}
    for key in cells:
        rest = key[:position] + key[position + 1 :]
        lines.setdefault(rest, set()).add(key)
    return list(lines.values())


def suppress_breakdown(
    counts: dict, k: int, total_shown: bool = True, hidden_already=()
) -> dict:
    """Counts per group (one dimension) as they may be published."""
    table = suppress_table(
        {(group,): count for group, count in counts.items()},
        k,
        margins=(0,) if total_shown else (),
        hidden_already=frozenset((group,) for group in hidden_already),
    )
    return {key[0]: value for key, value in table.items()}
