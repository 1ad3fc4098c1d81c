"""Encryption with a key of the dialogue, for what the database must not read.

A sign-up that is not yet confirmed is stored nowhere: its data travels in the
e-mailed link, encrypted. A confirmed sign-up waits as ciphertext until the next
batch. The key comes from dialogue_blocks.anonymity (the pseudonym key outside
the database plus the dialogue's salt), one per purpose, so a ciphertext made
for one purpose opens for no other, and none opens after sealing.
"""

import base64
import json

from cryptography.fernet import Fernet, InvalidToken

from dialogue_blocks.anonymity import DialogueSealedError, dialogue_subkey

SIGN_UP_LINK = "sign-up-link"
JOINING_MAIL = "joining-mail"
PENDING_SIGN_UP = "pending-sign-up"
UNSUBSCRIBE = "unsubscribe"
# The rows of a register file between its preview and its commit.
REGISTER_IMPORT = "register-import"


class NotReadable(Exception):
    """Not made with this dialogue's key for this purpose, expired, or sealed."""


def fernet(dialogue, purpose: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(dialogue_subkey(dialogue, purpose)))


def encrypt(dialogue, purpose: str, data: dict) -> str:
    """URL-safe ciphertext; without base64's '=' padding, which page URLs refuse."""
    token = fernet(dialogue, purpose).encrypt(json.dumps(data).encode()).decode()
    return token.rstrip("=")


def decrypt(dialogue, purpose: str, token: str, max_age: int | None = None) -> dict:
    padded = token + "=" * (-len(token) % 4)
    try:
        plain = fernet(dialogue, purpose).decrypt(padded.encode(), ttl=max_age)
    except (InvalidToken, DialogueSealedError, ValueError) as error:
        raise NotReadable from error
    return json.loads(plain)
