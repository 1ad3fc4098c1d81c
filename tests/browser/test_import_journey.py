"""Staff import the stakeholder register in the admin: upload, preview, commit."""

import re

import pytest
from playwright.sync_api import Page, expect

from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from invitations.models import Invitee

from .test_content_security import assert_kept_to_the_policy
from .test_editor_journey import log_in

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
NARROW = {"width": 320, "height": 720}

REGISTER = "\r\n".join(
    [
        "Naam;E-mail;Rol;Gemeente;Organisatie;Ronde",
        "Bert van den Bosch;bert.bos@denbosch.example;burgemeester;"
        "'s-Hertogenbosch;Gemeente 's-Hertogenbosch;eerste ronde",
        'Nina Nuenen;nina@nuenen.example;griffier;"Nuenen, Gerwen en Nederwetten";;',
        "Harm Haag;harm@denhaag.example;Gemeentesecretaris;Den Haag;;eerste ronde",
        "Gijs Geen;gijs@nergens.example;wethouder;Gemeente Nergens;;",
        ";;;;;",
        "Tweede Bert;BERT.BOS@denbosch.example;raadslid;'s-Hertogenbosch;;",
    ]
).encode("cp1252")


# Every word (hyphens may break) in the table's cells whose letters lie on more
# than one line: a word broken in the middle.
BROKEN_WORDS = """
(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set(
          [...range.getClientRects()].map((rect) => Math.round(rect.top))
        );
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}
"""


def broken_words(page: Page, selector: str) -> list[str]:
    return page.evaluate(BROKEN_WORDS, selector)


def test_staff_import_a_register_file_and_see_the_invitees_in_the_list(
    demo_site: str, page: Page, dialogue, axe, screenshot, csp_violations, request_hosts
):
    page.set_viewport_size(WIDE)
    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    page.get_by_role("button", name="Uitnodigingen").click()
    page.get_by_role("link", name="Genodigden").click()
    # The register's list leads to the import, as the Uitnodigingen menu does.
    page.locator("main").get_by_role("link", name="Importeren").click()
    expect(page.get_by_role("heading", name="Genodigden importeren")).to_be_visible()
    # The demo has one dialogue: it is chosen already.
    expect(page.get_by_role("combobox", name="Dialoog")).to_have_value(str(dialogue.pk))

    # A file of the wrong type is refused next to the field, in Dutch.
    file_field = page.get_by_label("Bestand", exact=False)
    file_field.set_input_files(
        files=[{"name": "lijst.pdf", "mimeType": "application/pdf", "buffer": b"%PDF"}]
    )
    page.get_by_role("button", name="Bekijk de regels").click()
    expect(page.locator("#id_file_error")).to_contain_text(
        "‘lijst.pdf’ is geen CSV- of Excel-bestand. Kies een bestand dat eindigt op "
        ".csv of .xlsx."
    )
    expect(file_field).to_have_attribute("aria-invalid", "true")
    axe(page)
    screenshot(page, "import-upload-error-1280")

    file_field.set_input_files(
        files=[{"name": "register.csv", "mimeType": "text/csv", "buffer": REGISTER}]
    )
    page.get_by_role("button", name="Bekijk de regels").click()

    expect(page.get_by_role("heading", name="Controleer de regels")).to_be_visible()
    rows = page.get_by_role("region", name="Elke regel van het bestand")
    unknown = rows.get_by_role("row").filter(has_text="Gijs Geen")
    expect(unknown).to_contain_text(
        "Fout in gemeente: ‘Gemeente Nergens’ staat niet in de lijst van gemeenten."
    )
    expect(unknown).to_contain_text("1 fout: wordt niet geïmporteerd")
    expect(rows.get_by_role("row").filter(has_text="Harm Haag")).to_contain_text(
        "Den Haag → 's-Gravenhage"
    )
    expect(rows.get_by_role("row").filter(has_text="Tweede Bert")).to_contain_text(
        "Dubbel: hetzelfde adres als regel 2"
    )
    expect(rows.get_by_role("row")).to_have_count(6)  # header + 5; empty row gone
    assert not Invitee.objects.filter(email__endswith="nuenen.example").exists()

    axe(page)
    assert broken_words(page, ".register-import__table td") == []
    screenshot(page, "import-preview-1280")
    page.set_viewport_size(PHONE)
    screenshot(page, "import-preview-375")
    page.set_viewport_size(NARROW)
    axe(page)
    # At 320 px the table scrolls inside its region, not the page.
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= NARROW["width"], f"the page is {page_width} px wide"

    page.set_viewport_size(WIDE)
    page.get_by_role("button", name="Voeg 3 genodigden toe").click()
    expect(
        page.get_by_text("3 genodigden toegevoegd aan het register.")
    ).to_be_visible()
    expect(page.get_by_text("1 niet geïmporteerd wegens fouten")).to_be_visible()
    # The register's list keeps its words whole at 1280 px.
    expect(page.locator("table.listing tbody tr").first).to_be_visible()
    assert broken_words(page, "table.listing tbody td") == []
    fits = "table => table.scrollWidth <= table.parentElement.clientWidth"
    assert page.locator("table.listing").evaluate(fits), "the list runs off its column"
    screenshot(page, "invitee-list-1280")
    # The register is long; staff find the new invitees with its search field.
    for name in ("Bert van den Bosch", "Nina Nuenen", "Harm Haag", "Gijs Geen"):
        page.locator("#id_q").fill(name)
        page.locator("#id_q").press("Enter")
        expect(page).to_have_url(re.compile(r"q=" + name.split()[0]))
        found = page.get_by_role("link", name=name, exact=True)
        expect(found).to_have_count(0 if name == "Gijs Geen" else 1)
    harm = Invitee.objects.get(dialogue=dialogue, email="harm@denhaag.example")
    assert harm.municipality.name == "'s-Gravenhage"
    assert harm.invitation_round == "eerste ronde"
    screenshot(page, "import-done-1280")
    # The import's pages keep to the admin's Content-Security-Policy.
    assert_kept_to_the_policy(demo_site, csp_violations, request_hosts)
