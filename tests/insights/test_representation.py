"""Who takes part, per group, on the staff dashboard, the Deelname block and the
landing pages: the numbers on a known dialogue (tests/insights/conftest.py),
k with secondary suppression, targets, coverage, the trend and reminders."""

import html
import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.permissions import (
    COMMUNICATIONS_GROUP,
    MODERATORS_GROUP,
    department_group_name,
)
from dialogue_blocks.models import GroupDimension, Municipality, Network, Province
from insights import targets
from insights.dashboard import Dashboard
from insights.models import Target
from insights.representation import participation_tables
from invitations import mailings
from invitations.derivation import derive_participation
from invitations.models import InviteeStatus, Mailing, RegisterBatch
from tests.factories import LandingPageFactory, staff

from .conftest import K, invite, join

pytestmark = pytest.mark.django_db

URL = "/beheer/deelname/"
MAILING_CREATE = "/beheer/invitations/mailing/create/"


def rows(dashboard, dimension) -> dict:
    table = next(table for table in dashboard.tables if table.dimension == dimension)
    return {row.label: row for row in table.rows}


def province_rows(dashboard) -> dict:
    return rows(dashboard, GroupDimension.PROVINCE)


@pytest.fixture
def communications(client):
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    return client


def test_dashboard_shows_invited_joined_contributed_and_voted_per_role(world):
    dashboard = Dashboard(world["dialogue"], can_remind=True)
    by_role = rows(dashboard, GroupDimension.ROLE)
    assert (dashboard.register.invited_total, str(dashboard.joined)) == (37, "21")
    # The register exactly: the mayor who was never invited is not counted.
    assert (by_role["raadslid"].invited, by_role["raadslid"].waiting) == (12, 2)
    assert (by_role["burgemeester"].invited, by_role["burgemeester"].waiting) == (7, 6)
    assert [
        str(by_role[role].joined) for role in ("raadslid", "wethouder", "griffier")
    ] == [
        "10",
        "6",
        "5",
    ]
    assert round(by_role["wethouder"].share, 1) == 28.6
    # Targets by default: each role's share of the register (10 of 38 wethouders).
    assert by_role["wethouder"].target.share == targets.percentage(10, 38)
    assert by_role["wethouder"].gap == round(6 / 21 * 100 - 26.3, 1)
    # Contributed and voted, over the participants' stored attributes.
    assert str(by_role["raadslid"].contributed) == "5"
    assert str(by_role["wethouder"].contributed) == "6"
    assert (str(dashboard.contributed), str(dashboard.voted)) == ("11", "10")
    # Every participant here stores less than all four attributes, and says so.
    assert str(dashboard.generalised) == "21"


def test_a_hidden_group_is_not_given_away_by_the_total_or_its_writers(world):
    dashboard = Dashboard(world["dialogue"], can_remind=True)
    provinces = province_rows(dashboard)
    # Zeeland's 2 are hidden; with 21 in all and Utrecht's 13 shown, Gelderland's
    # 6 would give Zeeland away, so it is hidden as well (secondary suppression).
    assert str(provinces["Utrecht"].joined) == "13"
    assert not provinces["Zeeland"].joined.is_shown
    assert not provinces["Gelderland"].joined.is_shown
    # Gelderland's 6 writers (at least k) would bound its hidden joiners.
    assert not provinces["Gelderland"].contributed.is_shown
    # Votes: 7 raadsleden and 3 griffiers of 10; the 7 would give the 3 away.
    by_role = rows(dashboard, GroupDimension.ROLE)
    assert not by_role["griffier"].voted.is_shown
    assert not by_role["raadslid"].voted.is_shown


def test_dashboard_page_shows_the_figures_and_no_hidden_count(world, communications):
    page = communications.get(URL).text  # the only dialogue: shown at once
    assert "Overzicht van Dialoog Deelname" in page
    assert f"minder dan {K}" in page
    utrecht = re.search(r"<th scope=\"row\">Utrecht.*?</tr>", page, re.S).group()
    assert '<td class="number">25</td>' in utrecht  # invited, exact
    assert '<td class="number">13</td>' in utrecht
    gelderland = re.search(r"<th scope=\"row\">Gelderland.*?</tr>", page, re.S).group()
    assert f'<td class="number">minder dan {K}</td>' in gelderland
    assert '<td class="number">6</td>' not in gelderland
    assert "21 van 21 deelnemers" in page  # generalised
    assert "Ondervertegenwoordigde groepen" in page


def test_under_represented_group_is_flagged_by_what_its_hidden_count_can_hold(world):
    dashboard = Dashboard(world["dialogue"], can_remind=True)
    by_role = rows(dashboard, GroupDimension.ROLE)
    # No mayor joined: the shown roles hold all 21, so the hidden mayors hold
    # none for sure, far below their target of 7 in 38.
    assert by_role["burgemeester"].under_represented
    assert by_role["burgemeester"].reminder_url
    # Zeeland is hidden too, but may hold up to 4 of 21: not surely too few.
    assert not province_rows(dashboard)["Zeeland"].under_represented
    assert not by_role["raadslid"].under_represented


def test_reminder_reaches_exactly_the_groups_invitees_who_have_not_joined(
    world, communications
):
    page = communications.get(URL).text
    link = html.unescape(
        re.search(
            r'href="([^"]+)">Stuur herinnering<span class="w-sr-only"> '
            r"aan rol burgemeester",
            page,
        ).group(1)
    )
    assert link.startswith(MAILING_CREATE)
    form = communications.get(link).context["form"]
    assert form.initial["kind"] == "herinnering"
    data = {**form.initial, "send_at": "", "not_mailed_for_days": ""}
    response = communications.post(link, data)
    assert response.status_code == 302, response.context["form"].errors
    mailing = Mailing.objects.get()
    assert mailing.roles == ["burgemeester"] and mailing.audience == ["uitgenodigd"]
    expected = {invitee.email for invitee in world["register"]["burgemeester"]}
    assert {record.email for record in mailings.recipients(mailing)} == expected


def test_reminder_for_a_network_names_the_network(world):
    fields = mailings.reminder_for_group(
        world["dialogue"], GroupDimension.NETWORK, "M50"
    )
    assert fields["networks"] == [str(world_network_pk("M50"))]


def world_network_pk(code):
    from dialogue_blocks.models import Network

    return Network.objects.get(code=code).pk


def test_only_communications_and_moderators_see_the_dashboard(world, client):
    for group, status in (
        (COMMUNICATIONS_GROUP, 200),
        (MODERATORS_GROUP, 200),
        (department_group_name(Province.objects.get(name="Utrecht")), 403),
    ):
        client.force_login(staff(f"iemand-{group}", group))
        response = client.get(URL)
        assert response.status_code == status, group
        admin_home = client.get("/beheer/").text
        assert (URL in admin_home) == (status == 200), "the menu item"
    # A moderator sends no mailing and sets no target.
    client.force_login(staff("moderator-2", MODERATORS_GROUP))
    page = client.get(URL).text
    assert "Stuur herinnering" not in page and "aanpassen" not in page
    dialogue = world["dialogue"]
    assert client.get(f"{URL}{dialogue.pk}/streefwaarden/provincie/").status_code == 403


def test_targets_default_to_the_reference_data_and_staff_can_change_them(
    world, communications
):
    dialogue = world["dialogue"]
    utrecht = Province.objects.get(name="Utrecht")
    active = Municipality.objects.filter(is_active=True)
    expected = targets.percentage(
        active.filter(province=utrecht).count(), active.count()
    )
    assert targets.targets(dialogue, "provincie")[str(utrecht.pk)].share == expected
    url = f"{URL}{dialogue.pk}/streefwaarden/provincie/"
    form = communications.get(url).context["form"]
    data = {
        name: str(field.initial).replace(".", ",")
        for name, field in form.fields.items()
    }
    field = f"groep_{utrecht.pk}"
    refused = communications.post(url, {**data, field: "veel"})
    assert "Vul een getal in, bijvoorbeeld 12,5." in refused.text
    assert 'value="veel"' in refused.text, "what was typed stays"
    too_much = communications.post(url, {**data, field: "99"})
    assert "niet meer dan 100 % zijn" in too_much.text
    saved = communications.post(url, {**data, field: "5,5"})
    assert saved.status_code == 302
    assert list(Target.objects.values_list("group", "share")) == [
        (str(utrecht.pk), targets.Decimal("5.5"))
    ]
    row = province_rows(Dashboard(dialogue, can_remind=True))["Utrecht"]
    assert row.target == targets.TargetShare(targets.Decimal("5.5"), False)
    communications.post(url, {**data, "standaard": "1"})
    assert not Target.objects.exists()


def test_coverage_counts_municipalities_with_a_participant_from_the_turnout(world):
    dashboard = Dashboard(world["dialogue"], can_remind=True)
    by_province = {area.label: area for area in dashboard.provinces}
    assert (by_province["Utrecht"].covered, by_province["Utrecht"].total) == (13, 26)
    assert (by_province["Zeeland"].covered, by_province["Zeeland"].total) == (2, 13)
    not_joined = world["register"]["burgemeester"][0].municipality.name
    assert not_joined in by_province["Utrecht"].missing
    joined = world["register"]["griffier"][0].municipality.name
    assert joined not in by_province["Utrecht"].missing
    assert dashboard.uncovered == 342 - 21


def test_trend_per_batch_day_hides_a_small_batch_and_the_totals_after_it(world):
    dialogue = world["dialogue"]
    RegisterBatch.objects.update(ran_on=timezone.localdate() - timedelta(days=1))
    for invitee in world["register"]["burgemeester"][:2]:
        join(dialogue, invitee)
    derive_participation(dialogue, force=True)  # as sealing does: 2 new only
    first, second = Dashboard(dialogue, can_remind=False).trend
    assert (str(first.joined), str(first.total)) == ("21", "21")
    assert not second.joined.is_shown and second.total is None


def with_participation_block(phase):
    phase.body = json.dumps(
        [
            {
                "type": "participation",
                "id": "66666666-6666-4666-8666-666666666666",
                "value": {
                    "heading": "Wie doen er mee?",
                    "intro": "",
                    "dimensions": ["rol", "provincie"],
                },
            }
        ]
    )
    phase.save_revision().publish()
    return phase


def test_participation_block_shows_who_takes_part_through_k(world, client):
    phase = with_participation_block(world["phase"])
    page = client.get(phase.url).text
    assert "Wie doen er mee?" in page and "21 deelnemers." in page
    assert '<svg class="bar-chart" role="img"' in page
    table = re.search(
        r"Deelnemers per provincie tegen het streven.*?</table>", page, re.S
    ).group()
    assert re.search(r"Utrecht</th><td[^>]*>13 \(61,9%\)</td>", table)
    assert re.search(r"Gelderland</th><td[^>]*>minder dan 5</td>", table)
    assert "Uitgenodigd" not in page  # the register's counts are for staff


def test_participation_block_reads_as_many_queries_for_many_joined_as_for_few(
    world, client
):
    phase = with_participation_block(world["phase"])
    client.get(phase.url)  # the first request also reads the site

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(phase.url)
        return len(captured)

    few = queries()
    for number, municipality in enumerate(Municipality.objects.all()[:200]):
        invite(
            world["dialogue"],
            "ambtenaar",
            municipality,
            1000 + number,
            InviteeStatus.PARTICIPANT,
        )
    assert queries() == few


def test_landing_page_shows_its_own_provinces_participation_against_target(
    world, client
):
    dialogue = world["dialogue"]
    utrecht = LandingPageFactory(
        parent=dialogue, slug="utrecht", province=Province.objects.get(name="Utrecht")
    )
    zeeland = LandingPageFactory(
        parent=dialogue, slug="zeeland", province=Province.objects.get(name="Zeeland")
    )
    page = client.get(utrecht.url).text
    assert "Deelname uit Utrecht" in page
    assert "<strong>13</strong> deelnemers: 61,9&nbsp;% van alle 21 deelnemers" in page
    assert "In 13 van de 26 gemeenten doet al iemand mee." in page
    assert "We streven naar 7,6&nbsp;% van alle deelnemers" in page
    hidden = client.get(zeeland.url).text
    assert f"Nog minder dan {K} deelnemers" in hidden
    assert "van de 13 gemeenten" not in hidden


def test_landing_page_of_a_network_shows_the_networks_row(world, client):
    page = LandingPageFactory(
        parent=world["dialogue"], slug="m50", network=Network.objects.get(code="M50")
    )
    expected = participation_tables(world["dialogue"], ["netwerk"])[0]
    m50 = next(row for row in expected.rows if row.group.key == "M50")
    text = client.get(page.url).text
    assert "Deelname uit het netwerk M50" in text
    assert f"<strong>{m50.joined}</strong> deelnemers" in text
