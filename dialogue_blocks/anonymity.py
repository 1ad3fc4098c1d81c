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

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count
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


def destroy_salt(dialogue) -> None:
    """Seal: the salt is overwritten, so no hash of this dialogue can be remade."""
    DialogueSalt.objects.update_or_create(
        dialogue_id=dialogue.pk, defaults={"salt": "", "sealed_at": timezone.now()}
    )


def email_hash(dialogue, email: str) -> str:
    """The pseudonym of an address within one dialogue (HMAC-SHA256, hex)."""
    return hmac.new(
        dialogue_key(dialogue), normalise_email(email).encode(), hashlib.sha256
    ).hexdigest()


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
        from .models import Participant

        self.k = dialogue.k_threshold
        rows = (
            Participant.objects.filter(dialogue=dialogue)
            .values("role", "province_id", "province__name", "size_class")
            .annotate(members=Count("pk"))
            .order_by()
        )
        candidates, members = {}, {}
        for row in rows:
            key = (row["role"], row["province_id"], row["size_class"])
            candidates[key] = self.candidate_labels(
                row["role"], row["province__name"], row["size_class"]
            )
            members[key] = row["members"]
        self.labels: dict[tuple, str] = assign_labels(candidates, self.k, members)

    @staticmethod
    def candidate_labels(role, province, size_class) -> list[tuple[int, str]]:
        """(level, label) from finest to coarsest; the level orders generalisation."""
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
