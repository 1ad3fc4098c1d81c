"""Staff invite, remind or set the round of many invitees at once."""

import pytest
from django.core import mail

from invitations.models import Invitee, InviteeStatus

pytestmark = pytest.mark.django_db

BULK = "/beheer/genodigden/bulk/"


def test_the_only_dialogue_is_chosen_and_its_register_listed(admin_client, register):
    page = admin_client.get(BULK).text
    assert f"<strong>{len(register)}</strong> genodigden in deze selectie" in page
    assert register[0].name in page


def test_ticked_invitees_get_an_invitation(admin_client, dialogue, register):
    ticked = register[:3]
    response = admin_client.post(
        f"{BULK}?dialogue={dialogue.pk}",
        {
            "action": "uitnodigen",
            "scope": "aangevinkt",
            "selected": [i.pk for i in ticked],
        },
        follow=True,
    )
    assert "Er gaat een uitnodiging naar 3 genodigden." in response.text
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.email for i in ticked)
    assert all(m.subject.startswith("Uitnodiging:") for m in mail.outbox)


def test_a_reminder_goes_only_to_who_was_invited_and_does_not_take_part(
    admin_client, dialogue, register
):
    invited, participant = register[0], register[1]
    Invitee.objects.filter(pk=invited.pk).update(status=InviteeStatus.INVITED)
    Invitee.objects.filter(pk=participant.pk).update(status=InviteeStatus.PARTICIPANT)
    response = admin_client.post(
        f"{BULK}?dialogue={dialogue.pk}",
        {"action": "herinneren", "scope": "alle"},
        follow=True,
    )
    assert [m.to[0] for m in mail.outbox] == [invited.email]
    assert mail.outbox[0].subject.startswith("Herinnering:")
    assert "Een herinnering" in mail.outbox[0].body
    assert f"{len(register) - 1} overgeslagen" in response.text


def test_the_round_is_set_for_the_whole_selection(admin_client, dialogue, register):
    admin_client.post(
        f"{BULK}?dialogue={dialogue.pk}&role=griffier",
        {"action": "ronde", "new_round": "tweede ronde", "scope": "alle"},
    )
    clerks = Invitee.objects.filter(role="griffier")
    assert set(clerks.values_list("invitation_round", flat=True)) == {"tweede ronde"}
    assert (
        not Invitee.objects.exclude(role="griffier")
        .filter(invitation_round="tweede ronde")
        .exists()
    )
    assert not mail.outbox


@pytest.mark.parametrize(
    "data, message",
    [
        ({"action": "ronde", "scope": "alle"}, "Vul de ronde in"),
        (
            {"action": "uitnodigen", "scope": "aangevinkt"},
            "Vink minstens één genodigde aan.",
        ),
        ({"scope": "alle"}, "Kies wat er met de genodigden moet gebeuren."),
    ],
)
def test_an_incomplete_action_says_what_is_missing_and_does_nothing(
    admin_client, dialogue, register, data, message
):
    response = admin_client.post(f"{BULK}?dialogue={dialogue.pk}", data)
    assert response.status_code == 200 and message in response.text
    assert not mail.outbox
    assert not Invitee.objects.exclude(invitation_round="").exists()


def test_moderators_cannot_use_bulk_actions(client, django_user_model, register):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("mod", password="x")
    user.groups.add(Group.objects.get(name="Moderatoren"))
    client.force_login(user)
    assert client.get(BULK).status_code in (302, 403)
