"""Staff import the stakeholder register from CSV or XLSX: preview first, one commit."""

import io
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier, Event

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from django.utils import timezone
from openpyxl import Workbook

from dialogue_blocks.anonymity import destroy_salt
from dialogue_blocks.models import Municipality
from invitations import importing, services
from invitations.models import Invitee, InviteeStatus
from tests.factories import DialoguePageFactory
from tests.page_tree import rebuild_page_tree

pytestmark = pytest.mark.django_db

UPLOAD = "/beheer/genodigden/importeren/"
COMMIT = "/beheer/genodigden/importeren/toevoegen/"
INDEX = "/beheer/invitations/invitee/"

HEADER = "naam;e-mail;rol;gemeente;organisatie;ronde"
REGISTER_CSV = "\n".join(
    [
        HEADER,
        "Bert Bos;bert@denbosch.example;burgemeester;'s-Hertogenbosch;Gemeente;1",
        'Nina Nuenen;nina@nuenen.example;griffier;"Nuenen, Gerwen en Nederwetten";;1',
        "Harm Haag;harm@denhaag.example;Gemeentesecretaris;Den Haag;Gemeente;2",
        "Cor Code;cor@code.example;raadslid;GM0518;;",
    ]
)


def upload(client, content: bytes, name="register.csv", dialogue=None, **extra):
    data = {"file": SimpleUploadedFile(name, content), **extra}
    if dialogue is not None:
        data["dialogue"] = dialogue.pk
    return client.post(UPLOAD, data)


def hidden_commit_fields(page: str) -> dict:
    """The preview's commit form, as the browser would send it back."""
    fields = dict(
        re.findall(r'<input type="hidden" name="(dialogue|rows)" value="([^"]*)"', page)
    )
    assert set(fields) == {"dialogue", "rows"}, "the preview has no commit form"
    return fields


def preview_rows(page: str) -> dict[int, str]:
    """Each row of the preview table by line: its text, tags and spacing removed."""
    rows = {}
    for line, body in re.findall(
        r'<tr class="register-import__row--[^"]+" id="regel-(\d+)">(.*?)</tr>',
        page,
        re.S,
    ):
        text = re.sub(r"<[^>]+>", " ", body).replace("&#x27;", "'")
        rows[int(line)] = " ".join(text.split())
    return rows


def import_file(client, content: bytes, dialogue, name="register.csv"):
    """Upload, check the preview, and commit it: what staff do in the admin."""
    preview = upload(client, content, name, dialogue)
    assert preview.status_code == 200
    response = client.post(COMMIT, hidden_commit_fields(preview.text), follow=True)
    return preview, response


def registered(dialogue) -> dict[str, Invitee]:
    return {each.email: each for each in Invitee.objects.filter(dialogue=dialogue)}


def test_import_reads_the_names_people_use_for_municipalities(admin_client, dialogue):
    preview = upload(admin_client, REGISTER_CSV.encode(), dialogue=dialogue)
    rows = preview_rows(preview.text)
    assert all("Wordt toegevoegd" in row for row in rows.values()), rows
    assert "Den Haag → 's-Gravenhage" in rows[4]
    assert "GM0518 → 's-Gravenhage" in rows[5]
    assert not Invitee.objects.exists()  # the preview stores nothing

    done = admin_client.post(COMMIT, hidden_commit_fields(preview.text), follow=True)
    assert "4 genodigden toegevoegd aan het register" in done.text
    people = registered(dialogue)
    assert people["bert@denbosch.example"].municipality.name == "'s-Hertogenbosch"
    assert people["bert@denbosch.example"].invitation_round == "1"
    nina = people["nina@nuenen.example"]
    assert nina.municipality.name == "Nuenen, Gerwen en Nederwetten"
    assert nina.role == "griffier" and nina.organisation == ""
    harm = people["harm@denhaag.example"]
    assert harm.role == "gemeentesecretaris"
    assert harm.municipality.cbs_code == "GM0518"
    assert people["cor@code.example"].municipality.cbs_code == "GM0518"
    assert {each.status for each in people.values()} == {InviteeStatus.NOT_INVITED}
    # The list the commit leads to shows the new invitees.
    assert "Harm Haag" in done.text and "Nina Nuenen" in done.text


def test_importing_the_same_file_twice_changes_nothing(admin_client, dialogue):
    import_file(admin_client, REGISTER_CSV.encode(), dialogue)
    before = list(Invitee.objects.order_by("pk").values())

    preview = upload(admin_client, REGISTER_CSV.encode(), dialogue=dialogue)
    rows = preview_rows(preview.text)
    assert len(rows) == 4
    assert all("Staat al in het register" in row for row in rows.values()), rows
    assert "Er is niets nieuws om toe te voegen" in preview.text
    assert 'name="rows"' not in preview.text
    assert list(Invitee.objects.order_by("pk").values()) == before


def test_a_commit_sent_twice_adds_each_address_once(admin_client, dialogue):
    preview = upload(admin_client, REGISTER_CSV.encode(), dialogue=dialogue)
    fields = hidden_commit_fields(preview.text)
    admin_client.post(COMMIT, fields)
    again = admin_client.post(COMMIT, fields, follow=True)
    assert Invitee.objects.count() == 4
    assert "0 genodigden toegevoegd" in again.text
    assert "4 overgeslagen" in again.text


def test_utf8_with_bom_and_tabs(admin_client, dialogue):
    content = "\ufeff" + REGISTER_CSV.replace(";", "\t")
    _preview, done = import_file(admin_client, content.encode("utf-8"), dialogue)
    assert "4 genodigden toegevoegd" in done.text
    # The BOM did not end up in the first header: the name column was found.
    assert registered(dialogue)["bert@denbosch.example"].name == "Bert Bos"


def test_excel_unicode_text_is_utf16_with_tabs(admin_client, dialogue):
    content = REGISTER_CSV.replace(";", "\t").encode("utf-16")
    _preview, done = import_file(admin_client, content, dialogue, name="lijst.txt")
    assert "4 genodigden toegevoegd" in done.text
    assert registered(dialogue)["nina@nuenen.example"].municipality.cbs_code == (
        "GM0820"
    )


def test_windows_1252_with_commas(admin_client, dialogue):
    content = "\r\n".join(
        [
            "Naam,E-mail,Rol,Gemeente,Organisatie",
            "Sjoukje Sédwest,sjoukje@sudwest.example,wethouder,Súdwest-Fryslân,",
            'René Nuenen,rene@nuenen.example,ambtenaar,"Nuenen, Gerwen en '
            'Nederwetten",Gemeente Nuenen',
        ]
    ).encode("cp1252")
    preview, done = import_file(admin_client, content, dialogue)
    assert "Súdwest-Fryslân" in preview.text and "René Nuenen" in preview.text
    assert "2 genodigden toegevoegd" in done.text
    people = registered(dialogue)
    assert people["sjoukje@sudwest.example"].municipality.name == "Súdwest-Fryslân"
    assert people["sjoukje@sudwest.example"].name == "Sjoukje Sédwest"
    assert people["rene@nuenen.example"].organisation == "Gemeente Nuenen"


def test_xlsx_with_numbers_for_codes(admin_client, dialogue):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Genodigden voor de dialoog, stand 1 december"])  # a title line
    sheet.append(["NAAM", "E-mailadres", "Rol", "Gemeente", "Organisatie", "Ronde"])
    sheet.append(["Xandra Excel", "xandra@utrecht.example", "Griffier", "Utrecht"])
    sheet.append([None, None, None, None])
    sheet.append(["Zeno Zahl", "zeno@denhaag.example", "burgemeester", 518, "", 2])
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview, done = import_file(
        admin_client, buffer.getvalue(), dialogue, name="Register.XLSX"
    )
    assert set(preview_rows(preview.text)) == {3, 5}  # the empty row is skipped
    assert "2 genodigden toegevoegd" in done.text
    people = registered(dialogue)
    assert people["zeno@denhaag.example"].municipality.cbs_code == "GM0518"
    assert people["zeno@denhaag.example"].invitation_round == "2"
    assert people["xandra@utrecht.example"].role == "griffier"


def test_errors_block_only_their_row_and_are_told_per_column(admin_client, dialogue):
    content = "\n".join(
        [
            HEADER,
            "Goed Genoeg;goed@utrecht.example;burgemeester;Utrecht;;",
            "Gerrit Gemeenteloos;gerrit@x.example;griffier;Gemeente Nergens;;",
            "Rolf Rolloos;rolf@utrecht.example;directeur;Utrecht;;",
            "Anna Adresloos;anna-at-utrecht;griffier;Utrecht;;",
            ";;;;;",
            ";zonder-naam@utrecht.example;griffier;Den Hag;;",
        ]
    ).encode()
    preview, done = import_file(admin_client, content, dialogue)

    rows = preview_rows(preview.text)
    assert set(rows) == {2, 3, 4, 5, 7}  # the empty line 6 is skipped silently
    assert "Wordt toegevoegd" in rows[2]
    assert (
        "Fout in gemeente: ‘Gemeente Nergens’ staat niet in de lijst van gemeenten."
        in rows[3]
    )
    assert "Fout in rol: ‘directeur’ is geen rol. Kies uit: burgemeester" in rows[4]
    assert "Fout in e-mail: Dit is geen geldig e-mailadres" in rows[5]
    assert "Fout in naam: De naam ontbreekt." in rows[7]
    assert "Bedoelt u 's-Gravenhage?" in rows[7]
    assert "2 fouten: wordt niet geïmporteerd" in rows[7]
    assert "Voeg 1 genodigde toe" in preview.text

    assert (
        "1 genodigde toegevoegd aan het register. 0 overgeslagen omdat het adres "
        "al in het register of eerder in het bestand stond, 4 niet geïmporteerd "
        "wegens fouten." in done.text
    )
    assert list(registered(dialogue)) == ["goed@utrecht.example"]


def test_duplicates_in_the_file_and_in_the_register_are_never_doubled(
    admin_client, dialogue, utrecht
):
    Invitee.objects.create(
        dialogue=dialogue,
        name="Al Bekend",
        email="al@utrecht.example",
        role="griffier",
        municipality=utrecht,
    )
    content = "\n".join(
        [
            HEADER,
            "Eerste Keer;Twee@Utrecht.example;griffier;Utrecht;;",
            "Tweede Keer; twee@utrecht.EXAMPLE ;burgemeester;Utrecht;;",
            "Al Bekend;AL@utrecht.example;griffier;Utrecht;;",
        ]
    ).encode()
    preview, done = import_file(admin_client, content, dialogue)
    rows = preview_rows(preview.text)
    assert "Wordt toegevoegd" in rows[2]
    assert "Dubbel: hetzelfde adres als regel 2" in rows[3]
    assert "Staat al in het register" in rows[4]
    assert "1 genodigde toegevoegd" in done.text
    assert "2 overgeslagen" in done.text
    people = registered(dialogue)
    assert set(people) == {"al@utrecht.example", "twee@utrecht.example"}
    assert people["twee@utrecht.example"].name == "Eerste Keer"


def test_another_dialogues_register_does_not_count(admin_client, dialogue, home_page):
    other = DialoguePageFactory(parent=home_page, slug="ander", title="Andere")
    import_file(admin_client, REGISTER_CSV.encode(), other)
    _preview, done = import_file(admin_client, REGISTER_CSV.encode(), dialogue)
    assert "4 genodigden toegevoegd" in done.text
    assert Invitee.objects.filter(dialogue=dialogue).count() == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lijst.pdf", b"%PDF-1.4", "‘lijst.pdf’ is geen CSV- of Excel-bestand."),
        ("lijst.xlsx", b"PK\x03\x04kapot", "geen geldig Excel-bestand (.xlsx)"),
        ("lijst.xls", b"\xd0\xcf\x11\xe0rest", "Dit is een oud Excel-bestand (.xls)"),
        ("lijst.csv", b"naam;adres\nA;B\n", "De kopregel mist de kolommen ‘e-mail’"),
        ("lijst.csv", HEADER.encode() + b"\n;;;;;\n", "geen rijen onder de kopregel"),
    ],
)
def test_a_file_that_cannot_be_a_register_is_refused_next_to_the_field(
    admin_client, dialogue, name, content, message
):
    response = upload(admin_client, content, name, dialogue)
    assert response.status_code == 200
    error = re.search(
        r'id="id_file_error".*?<p class="error-message">(.*?)</p>', response.text, re.S
    )
    assert error, "no error next to the file field"
    assert message in error.group(1).replace("&#x27;", "'")
    assert 'aria-invalid="true"' in response.text
    assert not Invitee.objects.exists()


def test_the_only_dialogue_is_preselected(admin_client, dialogue):
    page = admin_client.get(UPLOAD).text
    assert re.search(rf'<option value="{dialogue.pk}" selected>', page)
    # The admin menu leads here, from the Uitnodigingen group, and so does the list.
    assert UPLOAD in admin_client.get("/beheer/").text
    assert f'<a href="{UPLOAD}" class="button button-secondary">Importeren</a>' in (
        admin_client.get(INDEX).text
    )


def test_with_two_dialogues_staff_choose(admin_client, dialogue, home_page):
    DialoguePageFactory(parent=home_page, slug="ander", title="Andere")
    page = admin_client.get(UPLOAD).text
    options = page.split('name="dialogue"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d*)" selected>', options) == [""]
    response = upload(admin_client, REGISTER_CSV.encode())
    assert "Kies de dialoog waarvoor u genodigden importeert." in response.text


def test_a_tampered_or_foreign_preview_is_refused(admin_client, dialogue):
    preview = upload(admin_client, REGISTER_CSV.encode(), dialogue=dialogue)
    fields = hidden_commit_fields(preview.text)
    tampered = {**fields, "rows": fields["rows"][:-4] + "AAAA"}
    response = admin_client.post(COMMIT, tampered, follow=True)
    assert "De voorvertoning is verlopen (na een uur) of niet meer geldig." in (
        response.text
    )

    other = get_user_model().objects.create_superuser("ander", password="x")
    admin_client.force_login(other)
    response = admin_client.post(COMMIT, fields, follow=True)
    assert "Deze voorvertoning is van iemand anders." in response.text
    assert not Invitee.objects.exists()


def test_a_preview_left_for_more_than_an_hour_must_be_uploaded_again(
    admin_client, dialogue
):
    preview = upload(admin_client, REGISTER_CSV.encode(), dialogue=dialogue)
    fields = hidden_commit_fields(preview.text)
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        response = admin_client.post(COMMIT, fields, follow=True)
    assert "De voorvertoning is verlopen (na een uur)" in response.text
    assert response.redirect_chain[-1][0] == UPLOAD
    assert not Invitee.objects.exists()


def test_only_staff_who_may_add_invitees_import(client, dialogue):
    user = get_user_model().objects.create_user("afdeling", password="x")
    user.groups.add(Group.objects.get(name="Afdeling Utrecht"))
    client.force_login(user)
    assert client.get("/beheer/").status_code == 200  # an editor, in the admin
    # Wagtail answers a refused admin view with a way back to the dashboard.
    for response in (client.get(UPLOAD), client.post(COMMIT, {})):
        assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert "Importeren" not in client.get("/beheer/").text


def test_the_preview_keeps_names_out_of_the_log(admin_client, dialogue, caplog):
    import_file(admin_client, REGISTER_CSV.encode(), dialogue)
    logged = caplog.text
    assert "bert@denbosch.example" not in logged and "Bert Bos" not in logged


def test_command_imports_and_reports_without_personal_data(dialogue, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(
        REGISTER_CSV + "\nFout Persoon;fout-adres;griffier;Utrecht;;\n",
        encoding="utf-8-sig",
    )
    call_command("import_invitees", str(path), "--dialogue", dialogue.slug)
    output = capsys.readouterr().out
    assert "4 genodigden toegevoegd aan het register" in output
    assert "1 niet geïmporteerd wegens fouten" in output
    assert "regel 6: 1 fout: wordt niet geïmporteerd; e-mail: Dit is geen" in output
    assert "fout-adres" not in output and "Fout Persoon" not in output
    assert Invitee.objects.filter(dialogue=dialogue).count() == 4

    call_command("import_invitees", str(path), "--dialogue", dialogue.slug)
    output = capsys.readouterr().out
    assert "0 genodigden toegevoegd" in output
    assert output.count("Staat al in het register") == 4
    assert Invitee.objects.filter(dialogue=dialogue).count() == 4


def test_command_dry_run_stores_nothing(dialogue, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(REGISTER_CSV.encode("cp1252"))
    call_command(
        "import_invitees", str(path), "--dialogue", str(dialogue.pk), "--dry-run"
    )
    assert "Proef, niets opgeslagen: 4 nieuw" in capsys.readouterr().out
    assert not Invitee.objects.exists()


def test_command_refuses_an_unknown_dialogue_or_file(dialogue, tmp_path):
    with pytest.raises(CommandError, match="Geen dialoog gevonden"):
        call_command("import_invitees", "x.csv", "--dialogue", "bestaat-niet")
    with pytest.raises(CommandError, match="Kan ‘.*’ niet lezen"):
        call_command(
            "import_invitees", str(tmp_path / "weg.csv"), "--dialogue", dialogue.slug
        )
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="Het bestand is leeg."):
        call_command("import_invitees", str(empty), "--dialogue", dialogue.slug)


def test_no_new_invitation_for_someone_who_takes_part(admin_client, invitee):
    Invitee.objects.filter(pk=invitee.pk).update(
        status=InviteeStatus.PARTICIPANT, invited_at="2026-11-01T10:00:00Z"
    )
    listing = admin_client.get(INDEX + "?q=Anna").text
    assert "Anna de Griffier" in listing
    assert "Opnieuw uitnodigen" not in listing
    response = admin_client.post(f"{INDEX}send_invitation/{invitee.pk}/", follow=True)
    assert "doet al mee en krijgt geen nieuwe uitnodiging" in response.text


def test_a_sealed_dialogue_takes_no_import(admin_client, dialogue, tmp_path):
    destroy_salt(dialogue)
    response = upload(admin_client, REGISTER_CSV.encode(), dialogue=dialogue)
    assert re.search(
        r'id="id_dialogue_error".*?is verzegeld: er kunnen geen genodigden meer bij',
        response.text,
        re.S,
    )
    path = tmp_path / "register.csv"
    path.write_text(REGISTER_CSV, encoding="utf-8")
    with pytest.raises(CommandError, match="is verzegeld"):
        call_command("import_invitees", str(path), "--dialogue", dialogue.slug)
    assert not Invitee.objects.exists()


def test_every_municipality_three_times_in_one_preview_and_one_commit(
    admin_client, dialogue, django_assert_max_num_queries
):
    """The real job: mayor, secretary and clerk of all 342 municipalities."""
    codes = Municipality.objects.filter(is_active=True).values_list(
        "cbs_code", flat=True
    )
    lines = [HEADER] + [
        f"{role} {code};{role}@{code.lower()}.example;{role};{code};;1"
        for code in codes
        for role in ("burgemeester", "gemeentesecretaris", "griffier")
    ]
    content = "\n".join(lines).encode()
    with django_assert_max_num_queries(40):
        preview = upload(admin_client, content, dialogue=dialogue)
    assert f"Voeg {len(lines) - 1} genodigden toe" in preview.text
    fields = hidden_commit_fields(preview.text)
    with django_assert_max_num_queries(40):
        admin_client.post(COMMIT, fields)
    assert Invitee.objects.filter(dialogue=dialogue).count() == len(lines) - 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so it cannot show a race",
)
def test_the_same_file_committed_four_times_at_once_adds_each_address_once():
    dialogue = DialoguePageFactory(parent=rebuild_page_tree(), slug="regio")
    rows = importing.read_register_file(REGISTER_CSV.encode()).rows
    threads = 4
    barrier = Barrier(threads)

    def commit(_):
        barrier.wait()
        try:
            return len(services.import_invitees(dialogue, rows).new)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(threads) as pool:
        added = list(pool.map(commit, range(threads)))
    assert sorted(added) == [0, 0, 0, 4]
    assert Invitee.objects.filter(dialogue=dialogue).count() == 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so it cannot show a race",
)
def test_an_address_added_by_hand_during_a_commit_is_counted_not_doubled():
    dialogue = DialoguePageFactory(parent=rebuild_page_tree(), slug="regio")
    rows = importing.read_register_file(REGISTER_CSV.encode()).rows
    inserted = Event()

    def add_by_hand():
        # The admin's form takes no lock: its row is there, uncommitted, while
        # the import checks; the import's insert then waits for it.
        try:
            with transaction.atomic():
                Invitee.objects.create(
                    dialogue=dialogue,
                    name="Met de hand",
                    email="harm@denhaag.example",
                    role="griffier",
                )
                inserted.set()
                time.sleep(2)
        finally:
            connections.close_all()

    def commit():
        inserted.wait()
        try:
            return services.import_invitees(dialogue, rows)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(2) as pool:
        by_hand = pool.submit(add_by_hand)
        check = pool.submit(commit).result()
        by_hand.result()
    assert len(check.new) == 3 and check.duplicate_count == 1
    people = registered(dialogue)
    assert len(people) == 4
    assert people["harm@denhaag.example"].name == "Met de hand"
