"""What a participant stores of their municipality points to at least m of them."""

import random
from collections import Counter

import pytest

from dialogue_blocks.anonymity import (
    NOTHING_STORED,
    StoredAttributes,
    attributes_for,
    dimensions_kept,
    generalise,
    reference_attributes,
)
from dialogue_blocks.models import Municipality, Province


def is_coarsening(stored: StoredAttributes, original: StoredAttributes) -> bool:
    return stored == original.at_depth(stored.depth)


@pytest.mark.parametrize("seed", range(25))
def test_every_stored_value_has_m_members_and_none_gains_precision(seed):
    rng = random.Random(seed)
    m = rng.choice([5, 6, 10])
    members = {
        key: StoredAttributes(
            rng.choice(["burgemeester", "griffier", "raadslid"]),
            rng.randint(1, 4),
            rng.choice(["klein", "groot"]),
            tuple(sorted(rng.sample(["G40", "M50", "P10"], rng.randint(0, 2)))),
        )
        for key in range(rng.randint(1, 120))
    }
    stored = generalise(members, m)
    sizes = Counter(stored.values())
    for key, value in stored.items():
        assert is_coarsening(value, members[key])
        assert value == NOTHING_STORED or sizes[value] >= m


def test_a_rare_group_borrows_neighbours_rather_than_losing_its_province():
    city = StoredAttributes("", 1, "zeer_groot", ("G4",))
    towns = [StoredAttributes("", 1, "klein", ()) for _ in range(6)]
    villages = [StoredAttributes("", 1, "middelgroot", ()) for _ in range(20)]
    stored = generalise(dict(enumerate([city, *towns, *villages])), 5)
    assert stored[0] == StoredAttributes("", 1, "", None)
    # The smallest neighbouring group came along; the bigger one kept everything.
    assert {stored[key] for key in range(1, 7)} == {stored[0]}
    assert {stored[key] for key in range(7, 27)} == {villages[0]}


def test_fewer_than_m_in_all_store_nothing():
    members = {n: StoredAttributes("griffier", 1, "klein", ()) for n in range(4)}
    assert set(generalise(members, 5).values()) == {NOTHING_STORED}


@pytest.mark.django_db
def test_no_stored_combination_points_to_fewer_than_m_municipalities():
    for m in (5, 8, 20):
        stored = reference_attributes(m)
        assert len(stored) == Municipality.objects.filter(is_active=True).count()
        sizes = Counter(stored.values())
        assert all(sizes[value] >= m for value in stored.values())


@pytest.mark.django_db
def test_a_big_city_keeps_its_province_but_not_its_network():
    utrecht = Municipality.objects.get(name="Utrecht")
    stored = attributes_for("griffier", utrecht, 5)
    assert stored.role == "griffier"
    assert stored.province_id == Province.objects.get(name="Utrecht").pk
    assert stored.network_codes is None  # G4 alone would name the city


@pytest.mark.django_db
def test_staff_see_what_the_rule_costs_per_dimension(admin_client, dialogue):
    kept = dimensions_kept(dialogue.m_threshold)
    assert kept["province"] <= kept["total"]
    assert kept["networks"] <= kept["size_class"] <= kept["province"]
    page = admin_client.get(f"/beheer/pages/{dialogue.pk}/edit/").text
    assert f"de netwerken: {kept['networks']} van de {kept['total']} gemeenten" in page
