"""The bundled reference data and the CBS imports that keep it current."""

import csv
import io
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from dialogue_blocks.models import (
    Municipality,
    Network,
    Province,
    SizeClass,
    size_class_for,
)
from dialogue_blocks.reference_data import (
    REFERENCE_DIR,
    ReferenceDataError,
    import_municipalities,
    import_population,
    load_reference_data,
)

# Municipalities per province on 1 January 2024 (CBS StatLine 70072ned).
MUNICIPALITIES_PER_PROVINCE_2024 = {
    "PV20": ("Groningen", 10),
    "PV21": ("Fryslân", 18),
    "PV22": ("Drenthe", 12),
    "PV23": ("Overijssel", 25),
    "PV24": ("Flevoland", 6),
    "PV25": ("Gelderland", 51),
    "PV26": ("Utrecht", 26),
    "PV27": ("Noord-Holland", 44),
    "PV28": ("Zuid-Holland", 50),
    "PV29": ("Zeeland", 13),
    "PV30": ("Noord-Brabant", 56),
    "PV31": ("Limburg", 31),
}
TRICKY_NAMES = {
    "GM0796": "'s-Hertogenbosch",
    "GM0518": "'s-Gravenhage",
    "GM0820": "Nuenen, Gerwen en Nederwetten",
    "GM1900": "Súdwest-Fryslân",
    "GM1970": "Noardeast-Fryslân",
    "GM0893": "Bergen (L.)",
    "GM0373": "Bergen (NH.)",
}
MUNICIPALITIES_HEADER = (
    "Gemeentecode;GemeentecodeGM;Gemeentenaam;Provinciecode;ProvinciecodePV;"
    "Provincienaam"
)


@pytest.fixture
def reference(db):
    """The bundled reference data, loaded as the site loads it."""
    return load_reference_data()


def write(tmp_path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


def snapshot() -> dict:
    """Everything the reference data consists of, to compare two loads."""
    return {
        "provinces": list(Province.objects.values_list("code", "name")),
        "municipalities": list(
            Municipality.objects.order_by("cbs_code").values_list(
                "cbs_code",
                "name",
                "province__code",
                "population",
                "population_year",
                "population_is_exact",
                "is_active",
            )
        ),
        "networks": [
            (
                network.code,
                network.name,
                network.description,
                network.members_reference_date,
                sorted(network.members.values_list("cbs_code", flat=True)),
            )
            for network in Network.objects.all()
        ],
    }


# --- the bundled files ----------------------------------------------------


def test_bundled_files_load_342_active_municipalities_in_12_provinces(reference):
    assert Municipality.objects.filter(is_active=True).count() == 342
    provinces = {p.code: p.name for p in Province.objects.all()}
    assert provinces == {
        code: name for code, (name, _) in MUNICIPALITIES_PER_PROVINCE_2024.items()
    }
    per_province = Counter(
        Municipality.objects.values_list("province__code", flat=True)
    )
    assert per_province == {
        code: count for code, (_, count) in MUNICIPALITIES_PER_PROVINCE_2024.items()
    }


def test_every_bundled_code_is_gm_and_four_digits(reference):
    codes = list(Municipality.objects.values_list("cbs_code", flat=True))
    assert len(codes) == len(set(codes)) == 342
    assert [code for code in codes if not re.fullmatch(r"GM\d{4}", code)] == []


def test_tricky_names_survive_the_csv(reference):
    names = dict(
        Municipality.objects.filter(cbs_code__in=TRICKY_NAMES).values_list(
            "cbs_code", "name"
        )
    )
    assert names == TRICKY_NAMES


def test_bundle_reflects_the_mergers_up_to_2024(reference):
    current = Municipality.objects.in_bulk(field_name="cbs_code")
    assert current["GM1992"].name == "Voorne aan Zee"
    assert current["GM1992"].province.code == "PV28"
    for code, name in {
        "GM1979": "Eemsdelta",
        "GM1980": "Dijk en Waard",
        "GM1982": "Land van Cuijk",
        "GM1991": "Maashorst",
    }.items():
        assert current[code].name == name
    # Brielle, Hellevoetsluis, Westvoorne, Weesp, Heerhugowaard, Uden: merged.
    for gone in ("GM0501", "GM0530", "GM0614", "GM0457", "GM0398", "GM0856"):
        assert gone not in current


def test_loading_twice_changes_nothing(reference):
    before = snapshot()
    again = load_reference_data()
    assert snapshot() == before
    for result in again.values():
        assert (result.created, result.updated, result.deactivated) == (0, 0, 0)
    assert again["gemeenten"].unchanged == 342


def bundled_populations() -> dict[str, int]:
    """The bundled CBS figures, read straight from the file."""
    path = REFERENCE_DIR / "population-2024.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: int(row["inhabitants"]) for row in csv.DictReader(handle)}


def test_every_municipality_has_its_cbs_population_and_size_class(reference):
    expected = bundled_populations()
    municipalities = list(Municipality.objects.filter(is_active=True))
    assert len(municipalities) == len(expected) == 342
    for municipality in municipalities:
        assert municipality.population == expected[municipality.cbs_code]
        assert municipality.population_year == 2024
        assert municipality.population_is_exact is True
        assert municipality.size_class == size_class_for(municipality.population)
    assert [m for m in municipalities if m.size_class == SizeClass.UNKNOWN] == []
    # CBS 03759ned gives 17,942,942 inhabitants for the Netherlands (NL01) on
    # 1 January 2024: the municipalities add up to exactly that.
    assert sum(m.population for m in municipalities) == 17_942_942


@pytest.mark.parametrize(
    ("code", "population", "size_class"),
    [
        ("GM0363", 931_298, SizeClass.VERY_LARGE),  # Amsterdam, the largest
        ("GM0014", 243_768, SizeClass.VERY_LARGE),  # Groningen, unknown before
        ("GM0518", 566_221, SizeClass.VERY_LARGE),  # 's-Gravenhage
        ("GM0531", 32_689, SizeClass.MEDIUM),  # Hendrik-Ido-Ambacht
        ("GM1701", 20_003, SizeClass.MEDIUM),  # Westerveld, just above 20,000
        ("GM0088", 972, SizeClass.SMALL),  # Schiermonnikoog, the smallest
    ],
)
def test_bundled_population_gives_the_size_class(
    reference, code, population, size_class
):
    municipality = Municipality.objects.get(cbs_code=code)
    assert (municipality.population, municipality.size_class) == (
        population,
        size_class,
    )


def test_reload_keeps_an_exact_population(reference):
    Municipality.objects.filter(cbs_code="GM0363").update(
        population=940_000, population_year=2025, population_is_exact=True
    )
    load_reference_data()
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    assert (amsterdam.population, amsterdam.population_year) == (940_000, 2025)
    assert amsterdam.population_is_exact is True


def test_bundled_networks_and_their_members(reference):
    networks = {network.code: network for network in Network.objects.all()}
    assert set(networks) == {"G4", "G40", "M50", "P10", "K80"}
    g4 = set(networks["G4"].members.values_list("name", flat=True))
    assert g4 == {"Amsterdam", "Rotterdam", "'s-Gravenhage", "Utrecht"}
    found = {code: network.members.count() for code, network in networks.items()}
    assert found == {"G4": 4, "G40": 41, "M50": 61, "P10": 24, "K80": 10}
    expected = {
        code: network.expected_member_count for code, network in networks.items()
    }
    assert expected == {"G4": 4, "G40": 41, "M50": 61, "P10": 31, "K80": 64}
    incomplete = {code for code, network in networks.items() if network.is_incomplete}
    assert incomplete == {"P10", "K80"}
    assert str(networks["M50"].members_reference_date) == "2023-04-01"
    assert str(networks["K80"].members_reference_date) == "2022-03-01"
    # Each list says where it comes from, and where its expected size does.
    assert "middelgrotegemeenten.nl" in networks["M50"].members_source
    assert "VNG Magazine" in networks["P10"].members_source
    assert "k80.nl" in networks["K80"].members_source
    assert all(network.members_source for network in networks.values())


def test_only_members_that_a_source_names_are_bundled(reference):
    p10 = Network.objects.get(code="P10")
    founders = {
        "Aa en Hunze",
        "Borger-Odoorn",
        "Westerveld",
        "Opsterland",
        "Ooststellingwerf",
        "Berkelland",
        "Bronckhorst",
        "Hulst",
        "Sluis",
        "Schouwen-Duiveland",
    }
    assert founders <= set(p10.members.values_list("name", flat=True))
    # Medemblik applied in 2017, but no source confirms it was admitted; Asten
    # hosted a K80 meeting, but no source says it is a member.
    assert not p10.members.filter(name="Medemblik").exists()
    assert not Network.objects.get(code="K80").members.filter(name="Asten").exists()


def test_reload_keeps_expected_size_and_sources_edited_by_staff(reference):
    Network.objects.filter(code="P10").update(
        expected_member_count=32, members_source="p-10.nl, november 2026"
    )
    # A database from before expected sizes existed gets them on the next load.
    Network.objects.filter(code="G40").update(
        expected_member_count=None, members_source=""
    )
    load_reference_data()
    p10 = Network.objects.get(code="P10")
    assert (p10.expected_member_count, p10.members_source) == (
        32,
        "p-10.nl, november 2026",
    )
    g40 = Network.objects.get(code="G40")
    assert g40.expected_member_count == 41
    assert "Gruttestêdebelied" in g40.members_source


def test_reload_keeps_membership_edited_by_staff(reference):
    g40 = Network.objects.get(code="G40")
    g40.members.set(Municipality.objects.filter(cbs_code="GM0034"))
    k80 = Network.objects.get(code="K80")
    k80.members.set(Municipality.objects.filter(cbs_code="GM0339"))
    load_reference_data()
    assert list(g40.members.values_list("cbs_code", flat=True)) == ["GM0034"]
    assert list(k80.members.values_list("cbs_code", flat=True)) == ["GM0339"]


def test_reload_leaves_municipalities_outside_the_bundle_alone(reference):
    province = Province.objects.get(code="PV28")
    Municipality.objects.create(cbs_code="GM1999", name="Nieuwkerk", province=province)
    load_reference_data()
    assert Municipality.objects.get(cbs_code="GM1999").is_active is True


# --- size classes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "size_class"),
    [
        (0, SizeClass.SMALL),
        (19_999, SizeClass.SMALL),
        (20_000, SizeClass.MEDIUM),
        (49_999, SizeClass.MEDIUM),
        (50_000, SizeClass.LARGE),
        (99_999, SizeClass.LARGE),
        (100_000, SizeClass.VERY_LARGE),
        (None, SizeClass.UNKNOWN),
    ],
)
def test_size_class_boundaries(population, size_class):
    assert size_class_for(population) == size_class


# --- import_population ----------------------------------------------------


def test_import_population_reads_a_statline_export(reference, tmp_path):
    path = write(
        tmp_path,
        "bevolking.csv",
        "\ufeffRegio's;Perioden;Bevolking op 1 januari (aantal)\n"
        '"GM0363  ";"2025JJ00";"934526"\n'
        "GM0088;2025;971\n"
        '"GM9999  ";"2025";"1200"\n'
        '"NL01  ";"2024";"17942942"\n'
        "GM0014;2025;.\n",
    )
    result = import_population(path)

    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    assert (amsterdam.population, amsterdam.population_year) == (934_526, 2025)
    assert amsterdam.population_is_exact is True
    schiermonnikoog = Municipality.objects.get(cbs_code="GM0088")
    assert (schiermonnikoog.population, schiermonnikoog.population_year) == (
        971,
        2025,
    )
    assert result.updated == 2
    skipped = {(row.line, row.value): row.reason for row in result.skipped}
    assert set(skipped) == {(4, "GM9999"), (5, "NL01"), (6, "GM0014")}
    assert "onbekende gemeentecode" in skipped[(4, "GM9999")]
    assert "geen gemeentecode" in skipped[(5, "NL01")]
    assert "geen aantal inwoners" in skipped[(6, "GM0014")]
    # An unusable row leaves the bundled figure as it was.
    groningen = Municipality.objects.get(cbs_code="GM0014")
    assert (groningen.population, groningen.population_year) == (243_768, 2024)


def test_a_later_year_is_never_replaced_by_an_older_one(reference, tmp_path):
    import_population(
        write(tmp_path, "2025.csv", "RegioS;Inwoners\nGM0363;934526\n"), 2025
    )
    result = import_population(
        write(tmp_path, "2023.csv", "Perioden;RegioS;Inwoners\n2023;GM0363;918117\n")
    )
    assert [str(row) for row in result.skipped] == [
        "regel 2 (GM0363): heeft al een inwonertal van 2025"
    ]
    load_reference_data()  # the bundle is 2024
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    assert (amsterdam.population, amsterdam.population_year) == (934_526, 2025)
    # The other municipalities still have their bundled figure.
    assert Municipality.objects.filter(population_year=2024).count() == 341


def test_import_population_takes_the_year_from_the_argument(reference, tmp_path):
    path = write(tmp_path, "b.csv", "RegioS,Inwoners\nGM0034,226.500\n")
    with pytest.raises(ReferenceDataError, match="peiljaar"):
        import_population(path)
    import_population(path, year=2025)
    almere = Municipality.objects.get(cbs_code="GM0034")
    assert (almere.population, almere.population_year) == (226_500, 2025)


def test_import_population_takes_the_year_from_the_header(reference, tmp_path):
    path = write(tmp_path, "b.csv", "Gemeente,Inwoners 2025\nGM0034,226500\n")
    import_population(path)
    assert Municipality.objects.get(cbs_code="GM0034").population_year == 2025


def test_import_population_uses_totals_and_the_latest_year(reference, tmp_path):
    path = write(
        tmp_path,
        "b.csv",
        "Geslacht;Regio's;Perioden;Gemiddelde bevolking (aantal);"
        "Bevolking op 1 januari (aantal)\n"
        "Mannen;GM0034;2024;1;110000\n"
        "Totaal mannen en vrouwen;GM0034;2023;2;218000\n"
        "Totaal mannen en vrouwen;GM0034;2024;3;222000\n",
    )
    result = import_population(path)
    almere = Municipality.objects.get(cbs_code="GM0034")
    assert (almere.population, almere.population_year) == (222_000, 2024)
    reasons = {row.line: row.reason for row in result.skipped}
    assert "uitsplitsing" in reasons[2]
    assert "2024" in reasons[3]


def test_import_population_never_reads_the_average_population(reference, tmp_path):
    text = "Perioden,RegioS,Gemiddelde bevolking,Bevolking\n2024,GM0034,1,226500\n"
    import_population(write(tmp_path, "b.csv", text))
    assert Municipality.objects.get(cbs_code="GM0034").population == 226_500


def test_import_population_without_codes_says_how_to_export(reference, tmp_path):
    path = write(tmp_path, "b.csv", "Regio's;Bevolking\nAmsterdam;931298\n")
    with pytest.raises(ReferenceDataError, match="GM0363"):
        import_population(path)


# --- import_municipalities ------------------------------------------------


def municipalities_csv(skip: set[str], rename: dict[str, str]) -> str:
    """CBS's list from the database, with some rows changed or left out."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    rows = Municipality.objects.select_related("province").exclude(cbs_code__in=skip)
    for m in rows:
        number = m.cbs_code[2:]
        name = rename.get(m.cbs_code, m.name)
        pv = m.province
        writer.writerow([number, m.cbs_code, name, pv.code[2:], pv.code, pv.name])
    return out.getvalue()


def test_import_municipalities_applies_renames_new_and_gone(reference, tmp_path):
    literal = {"GM0796", "GM0820"}
    gone = "GM0642"  # Zwijndrecht, a member of the M50
    text = (
        "\ufeff" + MUNICIPALITIES_HEADER + "\r\n"
        "0796;GM0796;'s-Hertogenbosch;30;PV30;Noord-Brabant\r\n"
        '0820;GM0820;"Nuenen, Gerwen en Nederwetten";30;PV30;Noord-Brabant\r\n'
        "1999;GM1999;Nieuwkerk aan Zee;28;PV28;Zuid-Holland\r\n"
        + municipalities_csv(literal | {gone}, {"GM0603": "Rijswijk (ZH.)"})
    )
    result = import_municipalities(write(tmp_path, "gemeenten.csv", text))

    assert (result.created, result.updated, result.deactivated) == (1, 1, 1)
    assert result.unchanged == 340
    assert result.skipped == []
    assert Municipality.objects.get(cbs_code="GM0603").name == "Rijswijk (ZH.)"
    new = Municipality.objects.get(cbs_code="GM1999")
    assert (new.name, new.province.code, new.is_active) == (
        "Nieuwkerk aan Zee",
        "PV28",
        True,
    )
    assert Municipality.objects.get(cbs_code="GM0820").name == TRICKY_NAMES["GM0820"]
    assert Municipality.objects.get(cbs_code="GM0796").name == TRICKY_NAMES["GM0796"]
    assert Municipality.objects.filter(is_active=True).count() == 342
    # Gone, but kept: the network that refers to it still resolves it.
    zwijndrecht = Network.objects.get(code="M50").members.get(cbs_code=gone)
    assert zwijndrecht.name == "Zwijndrecht"
    assert zwijndrecht.is_active is False


def test_import_municipalities_reads_excel_mangled_codes(reference, tmp_path):
    Municipality.objects.filter(cbs_code="GM0014").update(is_active=False)
    text = (
        "Gemeentecode,Gemeentenaam,Provinciecode,Provincienaam\n"
        "363,Amsterdam,27,Noord-Holland\n"
        "14,Groningen,20,Groningen\n"
        '820,"Nuenen, Gerwen en Nederwetten",30,Noord-Brabant\n'
        "GM12,Kapot,20,Groningen\n"
        "0034,Almere,99,\n"
    )
    result = import_municipalities(write(tmp_path, "g.csv", text, "cp1252"))
    active = set(
        Municipality.objects.filter(is_active=True).values_list("cbs_code", flat=True)
    )
    assert active == {"GM0363", "GM0014", "GM0820"}
    assert result.updated == 1  # Groningen came back
    assert result.deactivated == 342 - 3
    reasons = {row.line: row.reason for row in result.skipped}
    assert set(reasons) == {5, 6}
    assert "gemeentecode" in reasons[5]
    assert "provinciecode" in reasons[6]
    assert Municipality.objects.count() == 342


def test_import_municipalities_without_valid_rows_changes_nothing(reference, tmp_path):
    path = write(tmp_path, "g.csv", MUNICIPALITIES_HEADER + "\nx;y;z;1;2;3\n")
    with pytest.raises(ReferenceDataError, match="niets gewijzigd"):
        import_municipalities(path)
    assert Municipality.objects.filter(is_active=True).count() == 342


def test_import_municipalities_needs_its_columns(reference, tmp_path):
    path = write(tmp_path, "g.csv", "code;naam\nGM0363;Amsterdam\n")
    with pytest.raises(ReferenceDataError, match="Gemeentenaam"):
        import_municipalities(path)


# --- management commands --------------------------------------------------


@pytest.mark.django_db
def test_load_reference_data_command_prints_a_summary():
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    call_command("load_reference_data", stdout=out)
    second_run = out.getvalue().splitlines()[-4:]
    assert second_run[1].startswith("Gemeenten: bijgewerkt: 0, nieuw: 0")
    assert "ongewijzigd: 342" in second_run[1]
    assert second_run[2] == (
        "Inwonertallen: bijgewerkt: 0, nieuw: 0, opgeheven: 0, overgeslagen: 0, "
        "ongewijzigd: 342"
    )
    assert Municipality.objects.filter(is_active=True).count() == 342


def test_import_population_command_reports_skipped_rows(reference, tmp_path):
    path = write(tmp_path, "b.csv", "Regio's;Inwoners\nGM0363;934526\nGM9999;5\n")
    out = io.StringIO()
    call_command("import_population", path, "--jaar", "2025", stdout=out)
    output = out.getvalue()
    assert "Inwonertallen: bijgewerkt: 1" in output
    assert "overgeslagen: 1" in output
    assert "regel 3 (GM9999): onbekende gemeentecode" in output
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    assert (amsterdam.population, amsterdam.population_year) == (934_526, 2025)


def test_import_municipalities_command_prints_a_summary(reference, tmp_path):
    text = MUNICIPALITIES_HEADER + "\n" + municipalities_csv({"GM0642"}, {})
    out = io.StringIO()
    call_command("import_municipalities", write(tmp_path, "g.csv", text), stdout=out)
    assert "Gemeenten: bijgewerkt: 0, nieuw: 0, opgeheven: 1" in out.getvalue()


@pytest.mark.parametrize("command", ["import_population", "import_municipalities"])
@pytest.mark.parametrize("kind", ["missing", "directory", "binary"])
def test_unreadable_file_gives_a_command_error(reference, tmp_path, command, kind):
    path = tmp_path / "bestand.csv"
    if kind == "directory":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(bytes(range(256)))
    with pytest.raises(CommandError) as error:
        call_command(command, str(path), stdout=io.StringIO())
    assert str(path) in str(error.value)
    assert re.search("niet lezen|geen tekstbestand", str(error.value))
    assert Municipality.objects.filter(is_active=True).count() == 342
