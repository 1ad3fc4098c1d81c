"""The report's representativeness: who joined per group against the targets,
on the known dialogue of tests/insights/conftest.py, in the page and the
workbook, with k as the dashboard applies it."""

import html
import io
import re

import pytest
from openpyxl import load_workbook

from cms.permissions import COMMUNICATIONS_GROUP
from dialogue_blocks.models import GroupDimension
from insights import targets
from insights.models import Target
from insights.report import build_report
from insights.report_files import xlsx_bytes
from tests.factories import staff

from .conftest import K

pytestmark = pytest.mark.django_db

REPORT = "/deelname/rapport/"


def rows(report, dimension) -> dict:
    table = next(t for t in report.representation if t.dimension == dimension)
    return {row.label: row for row in table.rows}


def test_the_report_sets_each_roles_share_against_its_target(world):
    by_role = rows(build_report(world["dialogue"]), GroupDimension.ROLE)
    # 10 of the 21 who joined are raadsleden; 12 of the 38 in the register.
    raadslid = by_role["raadslid"]
    assert (str(raadslid.joined), round(raadslid.share, 1)) == ("10", 47.6)
    assert raadslid.target.share == targets.percentage(12, 38)
    assert raadslid.gap_text == "+16,0"
    assert by_role["wethouder"].gap_text == "+2,3"
    # No mayor joined though 6 of 38 were invited: flagged, hidden or not.
    assert by_role["burgemeester"].under_represented
    assert not raadslid.under_represented


def test_a_target_staff_chose_is_what_the_report_measures_against(world):
    Target.objects.create(
        dialogue=world["dialogue"],
        dimension=GroupDimension.ROLE,
        group="raadslid",
        share=60,
    )
    raadslid = rows(build_report(world["dialogue"]), GroupDimension.ROLE)["raadslid"]
    assert raadslid.gap_text == "\u221212,4"
    assert raadslid.under_represented  # 47.6 % is below four fifths of 60 %


def test_the_report_page_shows_representation_and_hides_what_k_hides(world, client):
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    page = client.get(REPORT).content.decode()
    section = page[page.index('id="rapport-vertegenwoordiging"') :]
    assert "Per provincie" in section and "Per rol" in section
    gelderland = re.search(r'<th scope="row">Gelderland.*?</tr>', section, re.S)
    # Gelderland's 6 would give Zeeland's 2 away beside the total of 21.
    assert f"minder dan {K}" in gelderland.group()
    assert ">6<" not in gelderland.group() and "(28" not in gelderland.group()
    burgemeester = re.search(r'<th scope="row">burgemeester.*?</tr>', section, re.S)
    flag = html.unescape(burgemeester.group()).replace("\xad", "")  # soft hyphens
    assert "ondervertegenwoordigd" in flag


def test_the_workbook_lists_every_group_against_its_target(world):
    report = build_report(world["dialogue"])
    sheet = load_workbook(io.BytesIO(xlsx_bytes(report)))["Vertegenwoordiging"]
    found = {(row[0], row[1]): row[2:] for row in sheet.iter_rows(values_only=True)}
    assert found["Rol", "raadslid"] == (10, 47.6, 31.6, 16.0, "nee")
    assert found["Provincie", "Zeeland"][0] == f"minder dan {K}"
    assert found["Provincie", "Zeeland"][1] is None  # no share of a hidden count
