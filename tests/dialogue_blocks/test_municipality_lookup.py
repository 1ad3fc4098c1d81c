"""Finding a municipality by the name people use, its CBS code, or a near miss."""

import pytest

from dialogue_blocks.models import Municipality, Province
from dialogue_blocks.municipalities import (
    MunicipalityIndex,
    find_municipality,
    match_key,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index() -> MunicipalityIndex:
    return MunicipalityIndex.load()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # CBS's own names, in any case.
        ("Utrecht", "GM0344"),
        ("UTRECHT", "GM0344"),
        ("  amsterdam ", "GM0363"),
        ("Nuenen, Gerwen en Nederwetten", "GM0820"),
        # Without accents or diacritics.
        ("Sudwest-Fryslan", "GM1900"),
        ("SÚDWEST-FRYSLÂN", "GM1900"),
        ("Noardeast Fryslan", "GM1970"),
        # Apostrophes and hyphens, typed however.
        ("'s-Gravenhage", "GM0518"),
        ("\u2019s-Gravenhage", "GM0518"),
        ("\u2018s Hertogenbosch", "GM0796"),
        ("s-Hertogenbosch", "GM0796"),
        ("Hertogenbosch", "GM0796"),
        ("Hendrik Ido Ambacht", "GM0531"),
        ("Oost-Gelre", "GM1586"),
        # The names people use.
        ("Den Haag", "GM0518"),
        ("den haag", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("Nuenen", "GM0820"),
        # CBS's list has no suffix for these; StatLine writes one.
        ("Hengelo", "GM0164"),
        ("Hengelo (O.)", "GM0164"),
        ("Rijswijk (ZH.)", "GM0603"),
        ("Rijswijk ZH", "GM0603"),
        ("Beek (L.)", "GM0888"),
        ("Groningen (gemeente)", "GM0014"),
        # Two Bergens: CBS's suffix, written with or without its punctuation,
        # or the province.
        ("Bergen (L.)", "GM0893"),
        ("Bergen (NH.)", "GM0373"),
        ("bergen nh", "GM0373"),
        ("Bergen (L)", "GM0893"),
        ("Bergen Noord-Holland", "GM0373"),
        ("Bergen (Limburg)", "GM0893"),
        ("Bergen op Zoom", "GM0748"),
        # CBS codes, as registers and spreadsheets write them.
        ("GM0518", "GM0518"),
        ("gm0518", "GM0518"),
        ("GM 0518", "GM0518"),
        ("0518", "GM0518"),
        ("518", "GM0518"),
        ("14", "GM0014"),
    ],
)
def test_finds_the_municipality_people_mean(index, text, code):
    match = index.find(text)
    assert match.municipality is not None, match.error_message()
    assert match.municipality.cbs_code == code


def test_an_ambiguous_name_offers_each_municipality_with_its_province(index):
    match = index.find("Bergen")
    assert match.municipality is None
    assert match.ambiguous
    assert [each.name for each in match.suggestions] == ["Bergen (L.)", "Bergen (NH.)"]
    assert match.error_message() == (
        "Er zijn meer gemeenten met de naam ‘Bergen’. Bedoelt u Bergen (L.) in "
        "Limburg of Bergen (NH.) in Noord-Holland?"
    )


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("Den Hag", ["'s-Gravenhage"]),  # a typo in an alias
        ("Amsterdm", ["Amsterdam"]),
        ("Rotterdamm", ["Rotterdam"]),
        ("Sittard", ["Sittard-Geleen"]),  # the start of a name
        ("Voorburg", ["Leidschendam-Voorburg"]),  # a later word of a name
        ("Noord", ["Noord-Beveland", "Noordenveld", "Noordoostpolder"]),
    ],
)
def test_a_near_miss_gets_suggestions_in_a_dutch_message(index, text, suggested):
    match = index.find(text)
    assert match.municipality is None and not match.ambiguous
    assert [each.name for each in match.suggestions] == suggested
    assert match.error_message().startswith(
        f"‘{text}’ staat niet in de lijst van gemeenten. Bedoelt u "
    )
    assert match.error_message().endswith(f"{suggested[-1]}?")


def test_suggestions_are_at_most_three(index):
    assert len(index.find("Den").suggestions) == 3


def test_nothing_like_a_municipality_says_so(index):
    match = index.find("Atlantis")
    assert (match.municipality, match.suggestions) == (None, ())
    assert match.error_message() == (
        "‘Atlantis’ staat niet in de lijst van gemeenten. Controleer de spelling, "
        "of kies de gemeente uit de lijst."
    )


def test_an_unknown_code_is_named_as_a_code(index):
    match = index.find("GM9999")
    assert match.municipality is None
    assert match.error_message() == "Er is geen gemeente met de CBS-code ‘GM9999’."


def test_a_municipality_gone_in_a_merger_is_not_found(index):
    Municipality.objects.filter(cbs_code="GM0642").update(is_active=False)
    for text in ("Zwijndrecht", "GM0642"):
        assert find_municipality(text).municipality is None
    # An index built before the merger still knows it; a new one does not.
    assert index.find("Zwijndrecht").municipality.cbs_code == "GM0642"


def test_a_municipality_added_by_an_import_is_found_by_name_and_code():
    province = Province.objects.get(code="PV28")
    Municipality.objects.create(
        cbs_code="GM1999", name="Nieuwkerk aan Zee", province=province
    )
    assert find_municipality("nieuwkerk aan zee").municipality.cbs_code == "GM1999"
    assert find_municipality("1999").municipality.name == "Nieuwkerk aan Zee"


def test_every_name_and_code_finds_its_own_municipality(index):
    """No alias or derived spelling hides another name; only "Bergen" is shared."""
    for municipality in Municipality.objects.filter(is_active=True):
        assert index.find(municipality.name).municipality == municipality
        assert index.find(municipality.cbs_code).municipality == municipality
    plain = [key for key, found in index.by_key.items() if len(found) > 1]
    assert plain == [match_key("Bergen")]


def test_one_index_answers_many_lookups_with_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        index = MunicipalityIndex.load()
        for text in ("Den Haag", "Bergen", "GM0363", "Amsterdm", "Atlantis"):
            index.find(text)
