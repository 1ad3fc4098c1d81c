"""Participants contribute on the phase pages: ideas and concerns on the board,
answers to open questions, reactions and support, by mouse and by keyboard.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from cms import demo_content as content
from cms.models import PhasePage
from cms.phases import Step
from dialogue_blocks import counters, services
from dialogue_blocks.models import (
    Contribution,
    ContributionStatus,
    Participant,
    Support,
    Theme,
)
from dialogue_blocks.services import create_contribution, create_reaction

pytestmark = pytest.mark.browser

DIALOGUE_PATH = f"/{content.DIALOGUE_SLUG}/"
VERKENNEN_PATH = f"{DIALOGUE_PATH}{Step.VERKENNEN.slug}/"
VERRIJKEN_PATH = f"{DIALOGUE_PATH}{Step.VERRIJKEN.slug}/"

IDEA = "Laat raadsleden uit de hele regio twee keer per jaar samen vergaderen."
IDEA_EDITED = "Een gezamenlijke regioraad, twee keer per jaar, met alle raadsleden."
CONCERN = "De regio besluit over geld dat onze raad nooit heeft gezien."
OTHERS_CONCERN = "De VNG praat te weinig met kleine gemeenten over de regio."
REACTION = "Herkenbaar: bij ons bepaalt de grootste gemeente de agenda."
ANSWER = "Bij ons werken de griffiers van vijf gemeenten samen aan één agenda."

VIEWPORTS = {
    "wide": {"width": 1280, "height": 900},
    "narrow": {"width": 320, "height": 640},
}


def phase_page(step: Step) -> PhasePage:
    return PhasePage.objects.get(step=step)


def block_id_of(phase: PhasePage, block_type: str) -> str:
    return next(child.id for child in phase.body if child.block_type == block_type)


def messages(page: Page):
    """The feedback on the page: at the top, or placed beside what it is about."""
    return page.locator(".messages, .placed-messages")


def own_actions(page: Page, contribution: Contribution):
    """A contribution's own action bar, not the bars of the reactions inside it."""
    return page.locator(f"#bijdrage-{contribution.pk} > .contribution__actions")


@pytest.fixture
def post_moderation(dialogue):
    """Contributions appear at once, so the board shows what was just posted."""
    dialogue.moderation_mode = "post"
    dialogue.save()
    return dialogue


@pytest.fixture
def open_verrijken(dialogue) -> PhasePage:
    """Step 4 (upcoming in the demo) opened yesterday and stays open for a week."""
    phase = phase_page(Step.VERRIJKEN)
    now = timezone.now()
    phase.opens_at = now - timedelta(days=1)
    phase.closes_at = now + timedelta(days=7)
    phase.save_revision().publish()
    assert phase_page(Step.VERRIJKEN).accepts_contributions()
    return phase


def someone_elses_concern(phase: PhasePage, dialogue, theme_title: str):
    """A published concern by a demo participant, already supported twice."""
    author, *supporters = Participant.objects.filter(dialogue=dialogue)[:3]
    concern = Contribution.objects.create(
        participant=author,
        phase=phase,
        block_id=block_id_of(phase, "idea_board"),
        kind="zorg",
        theme=Theme.objects.get(dialogue=dialogue, title=theme_title),
        text=OTHERS_CONCERN,
        status=ContributionStatus.PUBLISHED,
    )
    counters.count_new(concern)
    for supporter in supporters:
        services.support(supporter, concern)
    return concern


def post_on_board(board, kind_label: str, theme_title: str, text: str) -> None:
    board.get_by_label(kind_label).check()
    board.get_by_label("Thema", exact=True).select_option(label=theme_title)
    board.get_by_label("Uw idee of zorg").fill(text)
    board.get_by_role("button", name="Plaats idee of zorg").click()


def theme_section(board, title: str):
    return board.locator("section.theme").filter(
        has=board.page.get_by_role("heading", name=title, exact=True)
    )


def test_participant_posts_reacts_supports_edits_and_withdraws_on_idea_board(
    demo_site: str,
    page: Page,
    dialogue,
    post_moderation,
    open_verrijken: PhasePage,
    join_by_invitation,
):
    others = someone_elses_concern(open_verrijken, dialogue, "Rol van de VNG")
    me = join_by_invitation(page)
    page.goto(demo_site + VERRIJKEN_PATH)
    expect(page.locator(".phase-meta .status")).to_have_text("Open")
    board = page.locator(f"#blok-{block_id_of(open_verrijken, 'idea_board')}")
    legitimacy = theme_section(board, "Democratische legitimiteit")
    ideas = legitimacy.locator(".theme__column--idee")
    concerns = legitimacy.locator(".theme__column--zorg")
    # The demo holds one idea and one concern per theme.
    expect(ideas.get_by_role("heading", name="Ideeën (1)")).to_be_visible()
    expect(concerns.get_by_role("heading", name="Zorgen (1)")).to_be_visible()

    # An idea and a concern under one theme, each in its own column.
    post_on_board(board, "Een idee", "Democratische legitimiteit", IDEA)
    expect(messages(page)).to_contain_text("Uw bijdrage staat op de pagina.")
    expect(ideas.get_by_role("heading", name="Ideeën (2)")).to_be_visible()
    mine = ideas.locator("article").filter(has_text=IDEA)
    expect(mine).to_have_count(1)
    expect(mine.locator(".kind")).to_have_text("Idee")
    expect(mine.locator(".contribution__own")).to_have_text("Uw bijdrage")

    post_on_board(board, "Een zorg", "Democratische legitimiteit", CONCERN)
    # The heading first: the page before this post showed the same message.
    expect(concerns.get_by_role("heading", name="Zorgen (2)")).to_be_visible()
    expect(messages(page)).to_contain_text("Uw bijdrage staat op de pagina.")
    mine = concerns.locator("article").filter(has_text=CONCERN)
    expect(mine).to_have_count(1)
    expect(mine.locator(".kind")).to_have_text("Zorg")
    expect(ideas).not_to_contain_text(CONCERN)
    expect(concerns).not_to_contain_text(IDEA)
    # Nowhere else on the board: not under another theme.
    expect(board.locator("article").filter(has_text=IDEA)).to_have_count(1)
    expect(board.locator("article").filter(has_text=CONCERN)).to_have_count(1)
    idea = Contribution.objects.get(participant=me, text=IDEA)
    assert (idea.kind, idea.theme.title) == ("idee", "Democratische legitimiteit")
    assert Contribution.objects.get(participant=me, text=CONCERN).kind == "zorg"

    # A reaction to another participant's concern.
    their = page.locator(f"#bijdrage-{others.pk}")
    expect(their.locator(".contribution__own")).to_have_count(0)
    their.locator("summary", has_text="Reageer").click()
    their.get_by_label("Uw reactie").fill(REACTION)
    their.get_by_role("button", name="Plaats reactie").click()
    expect(messages(page)).to_contain_text("Uw reactie staat op de pagina.")
    reactions = their.get_by_role("list", name="Reacties")
    expect(reactions).to_contain_text(REACTION)
    expect(reactions.locator(".contribution__own")).to_have_text("Uw reactie")

    # Support it, see the count and the button change, then withdraw it.
    support = own_actions(page, others).locator(".support-button")
    count = own_actions(page, others).locator(".support-count")
    expect(support).to_have_text("Steun deze bijdrage")
    expect(count).to_have_text("2 keer gesteund")

    support.click()
    expect(messages(page)).to_contain_text("U steunt deze bijdrage.")
    expect(support).to_have_text("Steun intrekken voor deze bijdrage")
    expect(count).to_have_text("3 keer gesteund")
    assert Support.objects.filter(participant=me, contribution=others).exists()

    support.click()
    expect(messages(page)).to_contain_text("Uw steun is ingetrokken.")
    expect(support).to_have_text("Steun deze bijdrage")
    expect(count).to_have_text("2 keer gesteund")
    assert not Support.objects.filter(participant=me, contribution=others).exists()
    # One's own idea offers no support at all.
    expect(own_actions(page, idea).locator(".support-button")).to_have_count(0)

    # Edit the own idea.
    mine = page.locator(f"#bijdrage-{idea.pk}")
    mine.get_by_role("link", name=re.compile("^Bewerken")).click()
    expect(page.locator("h1")).to_have_text("Uw bijdrage bewerken")
    text = page.get_by_label("Uw tekst")
    expect(text).to_have_value(IDEA)
    text.fill(IDEA_EDITED)
    page.get_by_role("button", name="Wijziging opslaan").click()

    expect(page).to_have_url(re.compile(re.escape(VERRIJKEN_PATH) + "#bijdrage-"))
    expect(messages(page)).to_contain_text("Uw wijziging is opgeslagen.")
    expect(mine.locator(".contribution__text")).to_have_text(IDEA_EDITED)
    expect(mine.locator(".contribution__edited")).to_have_text("Bewerkt")
    expect(board).not_to_contain_text(IDEA)

    # Withdraw it: gone from the board, the concern stays.
    mine.get_by_role("link", name=re.compile("^Intrekken")).click()
    expect(page.locator("h1")).to_have_text("Uw bijdrage intrekken?")
    expect(page.locator("blockquote")).to_have_text(IDEA_EDITED)
    page.get_by_role("button", name="Ja, trek mijn bijdrage in").click()

    expect(messages(page)).to_contain_text("Uw bijdrage is ingetrokken.")
    expect(mine).to_have_count(0)
    expect(board).not_to_contain_text(IDEA_EDITED)
    expect(ideas.get_by_role("heading", name="Ideeën (1)")).to_be_visible()
    expect(concerns.locator("article").filter(has_text=CONCERN)).to_have_count(1)
    idea.refresh_from_db()
    assert idea.status == ContributionStatus.WITHDRAWN


def test_pre_moderated_answer_waits_and_only_its_author_sees_it(
    demo_site: str, page: Page, browser: Browser, dialogue, join_by_invitation
):
    assert dialogue.moderation_mode == "pre"
    verkennen = phase_page(Step.VERKENNEN)
    question = page.locator(f"#blok-{block_id_of(verkennen, 'question')}")
    join_by_invitation(page)
    page.goto(demo_site + VERKENNEN_PATH)

    question.get_by_label("Uw antwoord").fill(ANSWER)
    question.get_by_role("button", name="Plaats antwoord").click()

    expect(messages(page)).to_contain_text("Uw bijdrage wacht op moderatie")
    answer = Contribution.objects.get(text=ANSWER)
    assert answer.status == ContributionStatus.PENDING
    mine = page.locator(f"#bijdrage-{answer.pk}")
    expect(mine).to_contain_text(ANSWER)
    expect(mine.locator(".status")).to_have_text("wacht op moderatie")
    # Nobody can support or react to it before a moderator has looked.
    expect(mine.locator(".support-button")).to_have_count(0)
    expect(mine.locator("details.reaction-form")).to_have_count(0)

    page.get_by_role("region", name="Uw deelname").get_by_role(
        "link", name="Mijn bijdragen"
    ).click()
    expect(page.locator("h1")).to_have_text("Mijn bijdragen")
    listed = page.locator(".my-contribution").filter(has_text=ANSWER)
    expect(listed).to_have_count(1)
    expect(listed.locator(".status")).to_have_text("wacht op moderatie")

    published = Contribution.objects.filter(
        phase=verkennen, status=ContributionStatus.PUBLISHED, parent=None
    ).first()
    visitor_context = browser.new_context()
    try:
        visitor = visitor_context.new_page()
        visitor.goto(demo_site + VERKENNEN_PATH)
        # The page shows published answers, just not the waiting one.
        expect(visitor.locator(f"#bijdrage-{published.pk}")).to_be_visible()
        expect(visitor.locator(f"#bijdrage-{answer.pk}")).to_have_count(0)
        expect(visitor.get_by_text(ANSWER)).to_have_count(0)
    finally:
        visitor_context.close()


PHONE = {"width": 375, "height": 667}


def expect_in_view_with_its_message(page: Page, contribution, message: str) -> None:
    """What was just posted and the message about it, both on the screen at once."""
    item = page.locator(f"#bijdrage-{contribution.pk}")
    placed = item.locator(".message--placed")
    expect(placed).to_contain_text(message)
    expect(placed).to_be_in_viewport(ratio=1)
    expect(item.locator(".contribution__text").first).to_be_in_viewport(ratio=1)
    expect(item.locator(".contribution__text").first).to_contain_text(contribution.text)
    # Not again at the top of the page.
    expect(page.locator(".messages").filter(has_text=message)).to_have_count(0)


def landed_on_a_contribution(page: Page) -> Contribution:
    expect(page).to_have_url(re.compile(r"#bijdrage-\d+$"))
    return Contribution.objects.get(pk=page.url.rsplit("-", 1)[1])


def test_after_each_post_the_item_and_its_message_are_in_view_on_a_phone(
    demo_site: str,
    page: Page,
    dialogue,
    post_moderation,
    open_verrijken: PhasePage,
    join_by_invitation,
):
    page.set_viewport_size(PHONE)
    me = join_by_invitation(page)
    verkennen = phase_page(Step.VERKENNEN)
    question_id = block_id_of(verkennen, "question")
    question = page.locator(f"#blok-{question_id}")

    # An answer.
    page.goto(demo_site + VERKENNEN_PATH)
    question.get_by_label("Uw antwoord").fill(ANSWER)
    question.get_by_role("button", name="Plaats antwoord").click()
    answer = landed_on_a_contribution(page)
    assert (answer.participant, answer.text) == (me, ANSWER)
    expect_in_view_with_its_message(page, answer, "Uw bijdrage staat op de pagina.")

    # A reaction to the most supported answer, read in that order: the page
    # comes back in the same order, with the reaction in view.
    by_support = f"?sorteer-{question_id}=steun"
    page.goto(demo_site + VERKENNEN_PATH + by_support)
    top = question.locator("ol.contributions > li > article").first
    top_id = int(top.get_attribute("id").rsplit("-", 1)[1])
    top.locator("summary", has_text="Reageer").click()
    top.get_by_label("Uw reactie").fill(REACTION)
    top.get_by_role("button", name="Plaats reactie").click()
    reaction = landed_on_a_contribution(page)
    assert (reaction.parent_id, reaction.text) == (top_id, REACTION)
    assert by_support in page.url
    expect_in_view_with_its_message(page, reaction, "Uw reactie staat op de pagina.")

    # Support for someone else's answer.
    others = Contribution.objects.exclude(participant=me).get(pk=top_id)
    own_actions(page, others).get_by_role("button", name=re.compile("^Steun")).click()
    expect_in_view_with_its_message(page, others, "U steunt deze bijdrage.")

    # An idea on the board of step 4.
    page.goto(demo_site + VERRIJKEN_PATH)
    board = page.locator(f"#blok-{block_id_of(open_verrijken, 'idea_board')}")
    post_on_board(board, "Een idee", "Rol van de VNG", IDEA)
    idea = landed_on_a_contribution(page)
    assert (idea.kind, idea.text) == ("idee", IDEA)
    expect_in_view_with_its_message(page, idea, "Uw bijdrage staat op de pagina.")


def test_waiting_reaction_sits_at_the_depth_of_the_other_reactions(
    demo_site: str, page: Page, dialogue, join_by_invitation
):
    me = join_by_invitation(page)
    published = Contribution.objects.filter(
        phase=phase_page(Step.VERKENNEN),
        parent__isnull=False,
        status=ContributionStatus.PUBLISHED,
    ).first()
    waiting = create_reaction(me, published.parent, "Bij ons ook, en het wacht nog.")
    assert waiting.status == ContributionStatus.PENDING
    page.set_viewport_size(PHONE)
    page.goto(demo_site + VERKENNEN_PATH)

    def text_left(contribution) -> float:
        text = page.locator(f"#bijdrage-{contribution.pk} > .contribution__text")
        return text.bounding_box()["x"]

    thread = page.locator(f"#bijdrage-{published.parent_id} > .reactions")
    expect(thread.locator(".contribution--pending")).to_contain_text("wacht op")
    assert text_left(waiting) == text_left(published)
    assert text_left(waiting) > text_left(published.parent)


def test_from_my_contributions_a_rejected_answer_is_sent_again_and_one_withdrawn(
    demo_site: str, page: Page, dialogue, join_by_invitation
):
    page.set_viewport_size(PHONE)
    me = join_by_invitation(page)
    verkennen = phase_page(Step.VERKENNEN)
    question_id = block_id_of(verkennen, "question")
    rejected = Contribution.objects.create(
        participant=me,
        phase=verkennen,
        block_id=question_id,
        text="Wethouder Jansen regelt alles alleen.",
        status=ContributionStatus.REJECTED,
        rejection_reason="herleidbaar",
        rejection_note="Noem geen personen.",
    )
    kept = own_pending_answer(me)

    page.get_by_role("region", name="Uw deelname").get_by_role(
        "link", name="Mijn bijdragen"
    ).click()
    item = page.locator(f"#bijdrage-{rejected.pk}")
    expect(item).to_contain_text(content.QUESTION_WHAT_WORKS)
    expect(item).to_contain_text("maakt personen of gemeenten herkenbaar")
    item.get_by_role("link", name=re.compile("^Aanpassen en opnieuw insturen")).click()

    expect(page.locator("h1")).to_have_text("Uw bijdrage aanpassen en opnieuw insturen")
    page.get_by_label("Uw tekst").fill("Het college beslist veel zonder de raad.")
    page.get_by_role("button", name="Opnieuw insturen").click()

    expect(page).to_have_url(
        re.compile(re.escape(f"{DIALOGUE_PATH}mijn-bijdragen/#bijdrage-{rejected.pk}"))
    )
    message = item.locator(".message--placed")
    expect(message).to_contain_text("opnieuw ingestuurd en wacht op moderatie")
    expect(message).to_be_in_viewport(ratio=1)
    expect(item.locator(".status")).to_have_text("wacht op moderatie")
    rejected.refresh_from_db()
    assert rejected.status == ContributionStatus.PENDING

    other = page.locator(f"#bijdrage-{kept.pk}")
    other.get_by_role("link", name=re.compile("^Intrekken")).click()
    expect(
        page.get_by_role("heading", name="Wie kan de tekst daarna nog lezen?")
    ).to_be_visible()
    page.get_by_role("button", name="Ja, trek mijn bijdrage in").click()
    expect(other.locator(".message--placed")).to_have_text(
        "Uw bijdrage is ingetrokken."
    )
    expect(other.locator(".message--placed")).to_be_in_viewport(ratio=1)
    expect(other.locator(".status")).to_have_text("ingetrokken")


def test_keyboard_only_participant_answers_and_sees_live_counter(
    demo_site: str, page: Page, dialogue, join_by_invitation
):
    verkennen = phase_page(Step.VERKENNEN)
    block_id = block_id_of(verkennen, "question")
    question = page.locator(f"#blok-{block_id}")
    me = join_by_invitation(page)
    page.goto(demo_site + VERKENNEN_PATH)
    answer_field = question.get_by_label("Uw antwoord")
    counter = question.locator(".contribution-form .counter")
    expect(counter).to_have_text("Nog 1000 van 1000 tekens")

    for _ in range(120):  # header, menu, banner, breadcrumbs, stepper, then the form
        page.keyboard.press("Tab")
        if answer_field.evaluate("field => field === document.activeElement"):
            break
    expect(answer_field).to_be_focused()

    page.keyboard.type("Samen")
    expect(counter).to_have_text("Nog 995 van 1000 tekens")
    page.keyboard.type(" inkopen werkt.")
    expect(counter).to_have_text("Nog 980 van 1000 tekens")

    page.keyboard.press("Tab")
    expect(question.get_by_role("button", name="Plaats antwoord")).to_be_focused()
    page.keyboard.press("Enter")

    expect(messages(page)).to_contain_text("Uw bijdrage wacht op moderatie")
    stored = Contribution.objects.get(participant=me, block_id=block_id)
    assert stored.text == "Samen inkopen werkt."
    expect(page.locator(f"#bijdrage-{stored.pk}")).to_contain_text(stored.text)


# --- Accessibility of a phase page full of contributions -------------------


def own_pending_answer(participant) -> Contribution:
    verkennen = phase_page(Step.VERKENNEN)
    return create_contribution(
        participant, verkennen, block_id_of(verkennen, "question"), ANSWER
    )


def check_small_screen(page: Page, viewport: dict) -> None:
    if viewport["width"] <= 320:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], (
            f"{page.url} scrolls sideways at {viewport['width']} px: "
            f"the document is {scroll_width} px wide"
        )


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("who", ["participant", "visitor"])
def test_phase_full_of_contributions_has_no_accessibility_violations(
    demo_site: str,
    page: Page,
    axe,
    screenshot,
    join_by_invitation,
    who: str,
    viewport: dict,
):
    page.set_viewport_size(viewport)
    if who == "participant":
        own_pending_answer(join_by_invitation(page))
    page.goto(demo_site + VERKENNEN_PATH)
    contributions = page.locator("article.contribution")
    expect(contributions.first).to_be_visible()
    assert contributions.count() >= 20, "the demo's answers are not on the page"
    forms = page.get_by_role("button", name="Plaats antwoord")
    if who == "participant":
        expect(forms).to_have_count(2)
        expect(page.locator(".contribution--pending")).to_have_count(1)
        # One reaction form open, so its field is checked as well.
        first_reaction = page.locator("details.reaction-form").first
        first_reaction.locator("summary").click()
        expect(first_reaction.get_by_label("Uw reactie")).to_be_visible()
    else:
        expect(forms).to_have_count(0)
        expect(page.locator(".gate").first).to_contain_text("Doe mee aan de dialoog")
    screenshot(page, f"contributions-{who}-{viewport['width']}")

    expect(page.locator("h1")).to_have_count(1)
    check_small_screen(page, viewport)
    axe(page)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("action", ["bewerken", "intrekken"])
def test_edit_and_withdraw_pages_have_no_accessibility_violations(
    demo_site: str,
    page: Page,
    axe,
    screenshot,
    join_by_invitation,
    action: str,
    viewport: dict,
):
    page.set_viewport_size(viewport)
    answer = own_pending_answer(join_by_invitation(page))
    response = page.goto(demo_site + f"{VERKENNEN_PATH}bijdrage/{answer.pk}/{action}/")
    assert response is not None and response.ok
    if action == "bewerken":
        expect(page.get_by_label("Uw tekst")).to_have_value(ANSWER)
        expect(page.locator(".counter")).to_have_text(
            f"Nog {1000 - len(ANSWER)} van 1000 tekens"
        )
    else:
        expect(
            page.get_by_role("button", name="Ja, trek mijn bijdrage in")
        ).to_be_visible()
    screenshot(page, f"contribution-{action}-{viewport['width']}")

    expect(page.locator("h1")).to_have_count(1)
    check_small_screen(page, viewport)
    axe(page)
