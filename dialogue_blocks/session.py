"""Which participant a browser session speaks for, per dialogue.

The session cookie holds, per dialogue, the participant's current session
token: no participant id, no address, nothing that leads to a person. Signing
out gives the participant a new token, which ends the session on every device
and in every copy of the cookie at once.
"""

from datetime import timedelta

from django.conf import settings

from .item_rows import instances_where
from .models import Participant, new_session_token

SESSION_KEY = "participations"


def sign_in(request, participant: Participant) -> None:
    request.session.cycle_key()  # a fresh session id for a new privilege level
    participations = dict(request.session.get(SESSION_KEY, {}))
    participations[str(participant.dialogue_id)] = participant.session_token
    request.session[SESSION_KEY] = participations
    request.session.set_expiry(timedelta(days=settings.PARTICIPANT_SESSION_DAYS))


def forget_dialogue(request, dialogue) -> None:
    """This browser no longer speaks for anyone in this dialogue."""
    participations = dict(request.session.get(SESSION_KEY, {}))
    participations.pop(str(dialogue.pk), None)
    request.session[SESSION_KEY] = participations
    request.session.cycle_key()


def sign_out(request, participant: Participant) -> None:
    """End this participant's sessions everywhere, this browser's first."""
    forget_dialogue(request, participant.dialogue)
    Participant.objects.filter(pk=participant.pk).update(
        session_token=new_session_token()
    )


def participant_for(request, dialogue) -> Participant | None:
    """The signed-in participant of this dialogue, or None for a visitor."""
    if dialogue is None or not hasattr(request, "session"):
        return None
    token = request.session.get(SESSION_KEY, {}).get(str(dialogue.pk))
    if token is None:
        return None
    cache = request.__dict__.setdefault("_participants", {})
    if token not in cache:
        cache[token] = signed_in_as(token, dialogue)
    return cache[token]


def signed_in_as(token: str, dialogue) -> Participant | None:
    """The participant holding this session token, with the province their
    description names. Read on every page they open, so without compiling a
    query (item_rows.instances_where)."""
    found = instances_where(
        Participant, "province", session_token=token, dialogue_id=dialogue.pk
    )
    if not found:
        return None
    participant = found[0]
    participant.dialogue = dialogue  # it is this one: no query to read it again
    return participant


def any_participant(request) -> Participant | None:
    """For pages outside a dialogue: the first dialogue this session takes part in."""
    participations = (
        request.session.get(SESSION_KEY, {}) if hasattr(request, "session") else {}
    )
    for token in participations.values():
        participant = (
            Participant.objects.select_related("province", "dialogue")
            .filter(session_token=token)
            .first()
        )
        if participant is not None:
            return participant
    return None
