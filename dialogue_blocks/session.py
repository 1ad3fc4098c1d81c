"""Which participant a browser session speaks for, per dialogue.

The session holds only participant ids: no address, no invitation, nothing that
leads to a person.
"""

from datetime import timedelta

from django.conf import settings

from .models import Participant

SESSION_KEY = "participations"


def sign_in(request, participant: Participant) -> None:
    request.session.cycle_key()  # a fresh session id for a new privilege level
    participations = dict(request.session.get(SESSION_KEY, {}))
    participations[str(participant.dialogue_id)] = participant.pk
    request.session[SESSION_KEY] = participations
    request.session.set_expiry(timedelta(days=settings.PARTICIPANT_SESSION_DAYS))


def sign_out(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def participant_for(request, dialogue) -> Participant | None:
    """The signed-in participant of this dialogue, or None for a visitor."""
    if dialogue is None or not hasattr(request, "session"):
        return None
    participant_id = request.session.get(SESSION_KEY, {}).get(str(dialogue.pk))
    if participant_id is None:
        return None
    cache = request.__dict__.setdefault("_participants", {})
    if participant_id not in cache:
        cache[participant_id] = (
            Participant.objects.select_related("province")
            .filter(pk=participant_id)
            .first()
        )
    return cache[participant_id]


def any_participant(request) -> Participant | None:
    """For pages outside a dialogue: the first dialogue this session takes part in."""
    participations = (
        request.session.get(SESSION_KEY, {}) if hasattr(request, "session") else {}
    )
    for participant_id in participations.values():
        participant = (
            Participant.objects.select_related("province", "dialogue")
            .filter(pk=participant_id)
            .first()
        )
        if participant is not None:
            return participant
    return None
