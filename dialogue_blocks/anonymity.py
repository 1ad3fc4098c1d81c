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
from django.db import models
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


class GroupLabels:
    """The group label next to a contribution, obeying k-anonymity.

    A label is shown only when at least k distinct participants of the dialogue
    share it; otherwise a coarser one, or none. Never the municipality. Counts
    come from one aggregate query per dialogue.
    """

    def __init__(self, dialogue):
        from .models import Participant

        self.k = dialogue.k_threshold
        self.counts: dict[tuple, int] = {}
        rows = (
            Participant.objects.filter(dialogue=dialogue)
            .values_list("role", "province__name", "size_class")
            .annotate(n=models.Count("pk"))
        )
        for role, province, size_class, n in rows:
            for key in self.candidate_keys(role, province, size_class):
                self.counts[key] = self.counts.get(key, 0) + n

    @staticmethod
    def candidate_keys(role, province, size_class) -> list[tuple]:
        """From finest to coarsest; the first that k participants share is shown."""
        keys = []
        if province:
            keys.append(("role+province", role, province))
        if size_class in SIZE_CLASS_SHORT:
            keys.append(("role+size", role, SIZE_CLASS_SHORT[size_class]))
        keys.append(("role", role))
        return keys

    def label_for(self, participant) -> str:
        if participant is None:
            return ""
        keys = self.candidate_keys(
            participant.role,
            participant.province.name if participant.province_id else None,
            participant.size_class,
        )
        for key in keys:
            if self.counts.get(key, 0) >= self.k:
                return " · ".join(key[1:])
        return ""
