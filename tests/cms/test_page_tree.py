"""Where each page type may live, and the rules editors meet when they create one."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import DialoguePage, LandingPage, PhasePage, StandardPage
from cms.phases import Step
from dialogue_blocks.models import Network, Province
from home.models import HomePage
from tests.factories import DialoguePageFactory, PhasePageFactory


class TestPageTreeRules(WagtailPageTestCase):
    def test_home_holds_dialogues_and_standard_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {DialoguePage, StandardPage})

    def test_dialogue_holds_phases_landing_and_standard_pages(self):
        self.assertAllowedSubpageTypes(
            DialoguePage, {PhasePage, LandingPage, StandardPage}
        )

    def test_phase_and_landing_pages_live_only_under_a_dialogue(self):
        self.assertAllowedParentPageTypes(PhasePage, {DialoguePage})
        self.assertAllowedParentPageTypes(LandingPage, {DialoguePage})

    def test_leaf_pages_have_no_children(self):
        for page_type in (PhasePage, LandingPage, StandardPage):
            self.assertAllowedSubpageTypes(page_type, set())

    def test_dialogue_cannot_be_created_under_a_phase(self):
        self.assertCanNotCreateAt(PhasePage, DialoguePage)
        self.assertCanNotCreateAt(Page, PhasePage)
        self.assertCanCreateAt(HomePage, DialoguePage)
        self.assertCanCreateAt(DialoguePage, PhasePage)


@pytest.mark.django_db
def test_a_step_exists_at_most_once_per_dialogue(home_page):
    dialogue = DialoguePageFactory(parent=home_page)
    PhasePageFactory(parent=dialogue, step=Step.VINDEN)
    duplicate = PhasePageFactory.build(step=Step.VINDEN, slug="vinden-2")
    with pytest.raises(ValidationError) as error:
        dialogue.add_child(instance=duplicate)
    assert "al een pagina voor stap 1" in str(error.value)


@pytest.mark.django_db
def test_the_same_step_may_exist_in_another_dialogue(home_page):
    PhasePageFactory(parent=DialoguePageFactory(parent=home_page), step=Step.VINDEN)
    other = PhasePageFactory(
        parent=DialoguePageFactory(parent=home_page), step=Step.VINDEN
    )
    assert other.pk


@pytest.mark.django_db
def test_phase_must_close_after_it_opens(home_page):
    dialogue = DialoguePageFactory(parent=home_page)
    phase = PhasePageFactory.build(step=Step.VINDEN)
    phase.closes_at = phase.opens_at
    with pytest.raises(ValidationError) as error:
        dialogue.add_child(instance=phase)
    assert "na de opening" in str(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ["none", "both"])
def test_landing_page_is_for_exactly_one_department_or_network(home_page, audience):
    dialogue = DialoguePageFactory(parent=home_page)
    page = LandingPage(title="Welkom", slug="welkom", intro="Hallo")
    if audience == "both":
        page.province = Province.objects.get(name="Utrecht")
        page.network = Network.objects.get(code="G4")
    with pytest.raises(ValidationError) as error:
        dialogue.add_child(instance=page)
    assert "óf één netwerk" in str(error.value)


@pytest.mark.django_db
def test_earlier_block_must_show_an_earlier_step_of_the_same_dialogue(home_page):
    dialogue = DialoguePageFactory(parent=home_page)
    other = PhasePageFactory(
        parent=DialoguePageFactory(parent=home_page), step=Step.VINDEN
    )
    own_earlier = PhasePageFactory(parent=dialogue, step=Step.VINDEN)
    later = PhasePageFactory(parent=dialogue, step=Step.VERRIJKEN)
    block_value = {"heading": "Eerder", "block_id": "x", "top": None}
    later.body = [("earlier_contributions", {**block_value, "source_page": other})]
    with pytest.raises(ValidationError, match="geen eerdere stap van deze dialoog"):
        later.full_clean()
    later.body = [
        ("earlier_contributions", {**block_value, "source_page": own_earlier})
    ]
    later.full_clean()


@pytest.mark.django_db
def test_k_threshold_cannot_drop_once_people_joined(home_page):
    from tests.participation import make_participant

    dialogue = DialoguePageFactory(parent=home_page, k_threshold=10)
    dialogue.k_threshold = 5
    dialogue.full_clean()  # nobody joined yet: still free to choose
    make_participant(dialogue)
    with pytest.raises(ValidationError, match="kan nu alleen omhoog"):
        dialogue.full_clean()
    dialogue.k_threshold = 15
    dialogue.full_clean()


@pytest.mark.django_db
def test_a_step_taken_by_a_draft_points_the_editor_at_that_draft(
    admin_client, home_page
):
    """Autosave leaves a draft of an abandoned new page; the next attempt for
    the same step says so and links to it instead of only refusing."""
    dialogue = DialoguePageFactory(parent=home_page)
    draft = PhasePageFactory(parent=dialogue, step=Step.VINDEN, live=False)
    data = nested_form_data(
        {
            "title": "Vinden",
            "slug": "vinden-opnieuw",
            "step": Step.VINDEN.value,
            "opens_at": "2027-01-04 09:00",
            "closes_at": "2027-01-18 09:00",
            "summary": "Wie moeten er meepraten?",
            "body": streamfield([]),
            "facilitator_summary": rich_text(""),
        }
    )
    response = admin_client.post(
        f"/beheer/pages/add/cms/phasepage/{dialogue.pk}/", data
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"‘{draft.title}’ (concept)" in html
    assert (
        f'<a href="/beheer/pages/{draft.pk}/edit/">Ga verder met die pagina</a>' in html
    )
    assert PhasePage.objects.child_of(dialogue).count() == 1
