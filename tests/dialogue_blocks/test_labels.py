"""Group labels next to contributions obey k-anonymity; never the municipality."""

import random
from collections import Counter

import pytest

from dialogue_blocks.anonymity import SIZE_CLASS_SHORT, GroupLabels, assign_labels
from dialogue_blocks.models import Contribution, Participant, Province, Role
from tests.participation import QUESTION_ID, make_participant

pytestmark = pytest.mark.django_db


def griffiers(dialogue, count, municipality="Arnhem", start=100):
    return [
        make_participant(dialogue, start + n, "griffier", municipality)
        for n in range(count)
    ]


def test_role_and_province_shown_when_k_participants_share_it(dialogue):
    dialogue.k_threshold = 3
    people = griffiers(dialogue, 3)
    assert GroupLabels(dialogue).label_for(people[0]) == "griffier · Gelderland"


def test_below_k_the_label_becomes_coarser(dialogue):
    dialogue.k_threshold = 3
    gelderland = griffiers(dialogue, 2)
    griffiers(dialogue, 1, municipality="Renswoude", start=200)
    # Two griffiers in Gelderland (k−1): province suppressed; two in very large
    # municipalities (Arnhem) and one in a small one (Renswoude): size
    # suppressed too; three griffiers overall: the role alone.
    assert GroupLabels(dialogue).label_for(gelderland[0]) == "griffier"


def test_below_k_everywhere_there_is_no_label(dialogue):
    dialogue.k_threshold = 3
    lone = griffiers(dialogue, 2)
    assert GroupLabels(dialogue).label_for(lone[0]) == ""


def stored(dialogue, role, province, size_class, number):
    """A participant as stored, attributes given: labels judge what is stored."""
    return Participant.objects.create(
        dialogue=dialogue,
        email_hash=f"hash-{number}",
        role=role,
        province=Province.objects.get(name=province),
        size_class=size_class,
    )


def test_size_class_label_when_province_is_too_small(dialogue):
    dialogue.k_threshold = 2
    arnhem = stored(dialogue, "burgemeester", "Gelderland", "zeer_groot", 1)
    stored(dialogue, "burgemeester", "Noord-Holland", "zeer_groot", 2)
    assert GroupLabels(dialogue).label_for(arnhem) == (
        "burgemeester · zeer grote gemeente"
    )


def test_a_fallback_label_counts_its_recipients_not_its_attribute_sharers(dialogue):
    dialogue.k_threshold = 3
    gelderland = [
        make_participant(dialogue, n, "burgemeester", "Arnhem") for n in range(3)
    ]
    haarlem = make_participant(dialogue, 10, "burgemeester", "Haarlem")
    labels = GroupLabels(dialogue)
    assert {labels.label_for(p) for p in gelderland} == {"burgemeester · Gelderland"}
    # Four mayors of very large municipalities, but the three in Gelderland are
    # shown their province: the Haarlem mayor would be alone with the size class,
    # and alone with the role too.
    assert labels.label_for(haarlem) == ""


def test_a_fallback_label_is_shown_once_k_participants_receive_it(dialogue):
    dialogue.k_threshold = 2
    arnhem = griffiers(dialogue, 2)
    haarlem = stored(dialogue, "griffier", "Noord-Holland", "zeer_groot", 1)
    almere = stored(dialogue, "griffier", "Flevoland", "zeer_groot", 2)
    labels = GroupLabels(dialogue)
    assert {labels.label_for(p) for p in arnhem} == {"griffier · Gelderland"}
    # Alone in their provinces, together in the size class.
    assert labels.label_for(haarlem) == "griffier · zeer grote gemeente"
    assert labels.label_for(almere) == "griffier · zeer grote gemeente"


def test_the_role_alone_counts_only_those_who_are_shown_it(dialogue):
    dialogue.k_threshold = 3
    griffiers(dialogue, 3)
    zeist = make_participant(dialogue, 1, "griffier", "Zeist")  # size unknown
    haarlem = make_participant(dialogue, 2, "griffier", "Haarlem")
    labels = GroupLabels(dialogue)
    # Five griffiers, but only these two would be shown "griffier".
    assert labels.label_for(zeist) == ""
    assert labels.label_for(haarlem) == ""


def test_no_participant_has_no_label(dialogue):
    dialogue.k_threshold = 2
    griffiers(dialogue, 2)
    assert GroupLabels(dialogue).label_for(None) == ""


def test_one_who_joined_later_gets_a_label_only_of_a_group_already_shown(dialogue):
    dialogue.k_threshold = 2
    griffiers(dialogue, 2)
    labels = GroupLabels(dialogue)
    # Their group was shown to two and now holds three: still at least k.
    same_group = griffiers(dialogue, 1, start=300)[0]
    assert labels.label_for(same_group) == "griffier · Gelderland"
    # A combination the labels were not decided for gets none.
    new_group = make_participant(dialogue, 400, "burgemeester", "Haarlem")
    assert labels.label_for(new_group) == ""


def test_labels_are_decided_per_combination_not_per_participant(dialogue):
    dialogue.k_threshold = 3
    griffiers(dialogue, 40)
    griffiers(dialogue, 30, municipality="Haarlem", start=200)
    labels = GroupLabels(dialogue)
    # Seventy participants, two combinations of role, province and size class.
    assert len(labels.labels) == 2


MUNICIPALITIES = ["Arnhem", "Ede", "Haarlem", "Utrecht", "Zeist", "Almere", "Ameland"]
ROLES = [Role.MAYOR, Role.ALDERMAN, Role.COUNCIL_MEMBER, Role.CLERK]


@pytest.mark.parametrize("seed", range(6))
def test_every_label_shown_is_received_by_k_participants(dialogue, seed):
    rng = random.Random(seed)
    dialogue.k_threshold = rng.choice([2, 3, 5])
    people = [
        make_participant(
            dialogue, n, rng.choice(ROLES), rng.choice(MUNICIPALITIES[: 3 + seed % 5])
        )
        for n in range(rng.randint(30, 60))
    ]
    labels = GroupLabels(dialogue)
    shown = {p.pk: labels.label_for(p) for p in people}
    recipients = Counter(label for label in shown.values() if label)
    assert all(n >= dialogue.k_threshold for n in recipients.values()), recipients
    for participant in Participant.objects.filter(dialogue=dialogue).select_related(
        "province"
    ):
        label = shown[participant.pk]
        # Utrecht is a province too: its name may appear as the province.
        assert not any(name in label for name in MUNICIPALITIES if name != "Utrecht")
        assert "onbekend" not in label
        if label:
            role, _, group = label.partition(" · ")
            assert role == participant.role
            assert group in {
                "",
                participant.province.name,
                SIZE_CLASS_SHORT.get(participant.size_class),
            }


def test_page_shows_the_label_and_never_the_municipality(client, phase, dialogue):
    dialogue.k_threshold = 2
    dialogue.save()
    people = griffiers(dialogue, 2)
    Contribution.objects.create(
        participant=people[0],
        phase=phase,
        block_id=QUESTION_ID,
        text="Mijn ervaring",
        status="gepubliceerd",
    )
    html = client.get(phase.url).text
    assert "griffier · Gelderland" in html
    assert "Arnhem" not in html


@pytest.mark.parametrize("seed", range(20))
def test_deciding_per_combination_gives_everyone_the_same_label(seed):
    """Weighted groups decide exactly what deciding person by person decides."""
    rng = random.Random(seed)
    k = rng.choice([2, 3, 5, 10])
    combinations = [
        (
            rng.choice(ROLES),
            rng.choice([None, "Gelderland", "Utrecht", "Fryslân"]),
            rng.choice(list(SIZE_CLASS_SHORT) + ["onbekend"]),
        )
        for _ in range(rng.randint(3, 12))
    ]
    people = {n: rng.choice(combinations) for n in range(rng.randint(20, 120))}
    options = {c: GroupLabels.candidate_labels(*c) for c in set(people.values())}
    per_person = assign_labels({n: options[c] for n, c in people.items()}, k)
    members = Counter(people.values())
    per_group = assign_labels(options, k, members)
    assert {n: per_group.get(c, "") for n, c in people.items()} == {
        n: per_person.get(n, "") for n in people
    }
