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
