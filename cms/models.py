"""The dialogue's page types: the dialogue, its phases, landing and plain pages."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from dialogue_blocks import session
from dialogue_blocks.blocks import ParticipationBlock
from dialogue_blocks.listing import PageParticipation
from dialogue_blocks.models import Municipality
from dialogue_blocks.routes import ContributionRoutesMixin
from insights.representation import audience_participation
from insights.routes import ReportRoutesMixin
from invitations.routes import JoiningRoutesMixin, SignUpRouteMixin

from .blocks import RICH_TEXT_FEATURES, ContentStreamBlock, PhaseStreamBlock
from .panels import AttributeCostPanel, SealStatusPanel
from .phases import PhaseStatus, Step, is_open_between, status_between
from .step_rows import live_steps
from .stepper import StepperItem, as_shown, build_stepper, current_phase, neighbours


class ModerationMode(models.TextChoices):
    PRE = "pre", "Vooraf modereren (bijdragen verschijnen na goedkeuring)"
    POST = "post", "Achteraf modereren (bijdragen verschijnen direct)"


class DialoguePage(JoiningRoutesMixin, ReportRoutesMixin, Page):
    """One member dialogue; its phase, landing and standard pages live beneath it."""

    intro = models.TextField(
        "inleiding", max_length=600, help_text="Eén alinea die bovenaan staat."
    )
    context = RichTextField("achtergrond", features=RICH_TEXT_FEATURES, blank=True)
    moderation_mode = models.CharField(
        "moderatie",
        max_length=4,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE,
    )
    k_threshold = models.PositiveSmallIntegerField(
        "minimale groepsgrootte (k)",
        default=10,
        validators=[MinValueValidator(2), MaxValueValidator(1000)],
        help_text="Een groep of aantal wordt alleen getoond als minstens zoveel "
        "verschillende deelnemers het delen.",
    )
    m_threshold = models.PositiveSmallIntegerField(
        "minimaal aantal gemeenten per kenmerkcombinatie (m)",
        default=5,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text="Een deelnemer bewaart provincie, grootteklasse en netwerken van "
        "de gemeente alleen als minstens zoveel gemeenten die combinatie delen, en "
        "in het register minstens zoveel deelnemers; anders minder. Minimaal 5.",
    )
    flag_threshold = models.PositiveSmallIntegerField(
        "meldingen tot terugplaatsing",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Bij zoveel open meldingen gaat een gepubliceerde bijdrage terug "
        "naar de moderatiewachtrij.",
    )
    report_published = models.BooleanField(
        "rapport gepubliceerd",
        default=False,
        help_text="Tot dan zien alleen medewerkers met toestemming het rapport.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("context"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("moderation_mode"),
                FieldPanel("flag_threshold"),
                FieldPanel("k_threshold"),
                FieldPanel("m_threshold"),
                AttributeCostPanel(),
                SealStatusPanel(),
            ],
            heading="Deelname en anonimiteit",
        ),
        FieldPanel("report_published", heading="Rapport"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cms.PhasePage", "cms.LandingPage", "cms.StandardPage"]

    class Meta:
        verbose_name = "dialoog"
        verbose_name_plural = "dialogen"

    def clean(self):
        super().clean()
        promised = (
            DialoguePage.objects.filter(pk=self.pk)
            .values_list("k_threshold", flat=True)
            .first()
        )
        if (
            promised is not None
            and self.k_threshold < promised
            and self.participants.exists()
        ):
            raise ValidationError(
                {
                    "k_threshold": f"Er doen al deelnemers mee onder de belofte dat "
                    f"groepen van minder dan {promised} niet getoond worden; de "
                    "drempel kan nu alleen omhoog."
                }
            )

    @property
    def sealed_at(self) -> datetime | None:
        """When the dialogue's salt was destroyed (see dialogue_blocks.anonymity)."""
        from dialogue_blocks.models import DialogueSalt

        salt = DialogueSalt.objects.filter(dialogue_id=self.pk).first()
        return salt.sealed_at if salt else None

    def phases(self) -> models.QuerySet["PhasePage"]:
        return PhasePage.objects.live().child_of(self).order_by("step")

    def stepper_phases(self) -> list["PhasePage"]:
        """The steps with only what the stepper and the links to the previous
        and next step print: every phase page reads them (cms/step_rows.py)."""
        return live_steps(PhasePage, self)

    def stepper(self, now: datetime | None = None) -> list[StepperItem]:
        return build_stepper(list(self.stepper_phases()), now or timezone.now())

    def current_phase(self, now: datetime | None = None) -> "PhasePage | None":
        """The step to point people at: the open one, else the next, else the last."""
        return current_phase(list(self.phases()), now or timezone.now())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stepper"] = self.stepper()
        context["landing_pages"] = LandingPage.objects.live().child_of(self)
        return context


def page_with_step(dialogue: Page, step: int, own_pk: int | None = None):
    """Another phase page of this dialogue with this step, draft or live, or None."""
    siblings = PhasePage.objects.child_of(dialogue).filter(step=step)
    return siblings.exclude(pk=own_pk).first() if own_pk else siblings.first()


def step_taken_message(existing: "PhasePage") -> str:
    """Points at the page that has the step: often a draft that autosave made of
    an earlier attempt, which holds what was typed then."""
    state = "gepubliceerd" if existing.live else "concept"
    return format_html(
        "Deze dialoog heeft al een pagina voor stap {} ({}): ‘{}’ ({}). "
        '<a href="{}">Ga verder met die pagina</a> of kies een andere stap.',
        existing.step,
        Step(existing.step).label,
        existing.title,
        state,
        reverse("wagtailadmin_pages:edit", args=[existing.pk]),
    )


class PhasePageForm(WagtailAdminPageForm):
    def clean(self):
        # A new page has no place in the tree yet, so the model cannot check this;
        # an existing page is checked by PhasePage.clean.
        cleaned_data = super().clean()
        step = cleaned_data.get("step")
        existing = (
            page_with_step(self.parent_page, step)
            if step and not self.instance.pk
            else None
        )
        if existing is not None:
            self.add_error("step", step_taken_message(existing))
        if step and not self.instance.pk:
            for message in earlier_source_errors(
                cleaned_data.get("body") or [], self.parent_page, step
            ):
                self.add_error("body", message)
        return cleaned_data


def earlier_source_errors(body, dialogue: Page, step: int) -> list[str]:
    """'Uit een eerdere stap', and a dot vote over an earlier step's contributions,
    may only take an earlier step of the same dialogue.

    Labels and counts are computed over this dialogue's participants; another
    dialogue's contributions would get groups they were never counted in.
    """
    errors = []
    for child in body:
        takes_earlier_step = child.block_type in (
            "earlier_contributions",
            "vote_results",
        ) or (
            child.block_type == "dot_vote"
            and child.value.get("source") == "eerdere_stap"
        )
        source = child.value.get("source_page") if takes_earlier_step else None
        if source is None:
            continue
        source = source.specific
        if source.get_parent().pk != dialogue.pk or source.step >= step:
            errors.append(
                f"‘{source.title}’ is geen eerdere stap van deze dialoog; kies een "
                "eerdere stap van dezelfde dialoog."
            )
    return errors + foreign_pick_errors(body, dialogue)


def foreign_pick_errors(body, dialogue: Page) -> list[str]:
    """A dot vote's picked contributions must be this dialogue's (the chooser
    lists every dialogue's)."""
    errors = []
    for child in body:
        if child.block_type != "dot_vote" or child.value.get("source") != "gekozen":
            continue
        for picked in child.value.get("picked") or []:
            if picked is not None and not picked.phase.path.startswith(dialogue.path):
                errors.append(
                    f"‘{picked}’ is een bijdrage uit een andere dialoog; kies "
                    "bijdragen uit deze dialoog."
                )
    return errors


@dataclass(frozen=True)
class ContentsEntry:
    block_id: str
    kind: str  # the block's label, e.g. "Open vraag"
    heading: str


class PhasePage(ContributionRoutesMixin, Page):
    """One step of the dialogue, open for contributions between two moments."""

    step = models.PositiveSmallIntegerField("stap", choices=Step.choices)
    opens_at = models.DateTimeField("open vanaf")
    closes_at = models.DateTimeField(
        "gesloten vanaf",
        help_text="Het eerste moment waarop de stap dicht is: sluit hij op 1 april om "
        "0.00 uur, dan is 31 maart de laatste dag om mee te doen. Na publiceren "
        "ziet u de laatste dag.",
    )
    summary = models.TextField(
        "samenvatting",
        max_length=400,
        help_text="Kort: wat gebeurt er in deze stap? Staat ook in het overzicht.",
    )
    body = StreamField(PhaseStreamBlock(), verbose_name="inhoud", blank=True)
    facilitator_summary = RichTextField(
        "samenvatting van de gespreksleider",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Wat kwam er in deze stap naar voren? Staat op de pagina en in het "
        "rapport.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("step"),
        FieldRowPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at")], heading="Looptijd"
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("facilitator_summary"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.DialoguePage"]
    subpage_types: list[str] = []
    base_form_class = PhasePageForm

    class Meta:
        verbose_name = "stap"
        verbose_name_plural = "stappen"

    def accepts_contributions(self, now: datetime | None = None) -> bool:
        return is_open_between(self.opens_at, self.closes_at, now or timezone.now())

    def status(self, now: datetime | None = None) -> PhaseStatus:
        return status_between(self.opens_at, self.closes_at, now or timezone.now())

    @property
    def step_label(self) -> str:
        return Step(self.step).label

    @property
    def shows_facilitator_summary(self) -> bool:
        """The summary is the step's outcome: it shows once the step has closed."""
        return bool(self.facilitator_summary) and self.status() == PhaseStatus.CLOSED

    @property
    def first_day(self) -> date:
        return timezone.localtime(self.opens_at).date()

    @property
    def last_day(self) -> date:
        """The last day on which the phase is open; closing is exclusive."""
        return timezone.localtime(self.closes_at - timedelta(microseconds=1)).date()

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": "De sluiting moet na de opening liggen."}
            )
        self._validate_step_is_unique()
        if self.path and self.step:
            errors = earlier_source_errors(self.body, self.get_parent(), self.step)
            if errors:
                raise ValidationError({"body": errors})

    def _validate_step_is_unique(self) -> None:
        # Before the first save the admin form checks this (it knows the parent).
        parent = self.get_parent() if self.path else None
        existing = page_with_step(parent, self.step, self.pk) if parent else None
        if existing is not None:
            raise ValidationError({"step": step_taken_message(existing)})

    def dialogue_page(self) -> DialoguePage:
        return self.get_parent().specific

    def get_admin_display_title(self):
        """In the page explorer: which step, and whether it is open."""
        if not (self.opens_at and self.closes_at):
            return super().get_admin_display_title()
        return (
            f"{super().get_admin_display_title()} · stap {self.step}, "
            f"{self.status().label.lower()}"
        )

    def contents(self) -> list[ContentsEntry]:
        """The participation blocks, for a short table of contents when several."""
        entries = [
            ContentsEntry(
                child.id, child.block.label, child.block.heading_of(child.value)
            )
            for child in self.body
            if isinstance(child.block, ParticipationBlock)
        ]
        return entries if len(entries) > 1 else []

    def get_context(self, request, *args, bound_forms=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        dialogue = self.dialogue_page()
        phases = list(dialogue.stepper_phases())
        participant = session.participant_for(request, dialogue)
        context["dialogue"] = dialogue
        context["participant"] = participant
        context["participation"] = PageParticipation(
            self, dialogue, request, participant, bound_forms
        )
        # In a preview this page carries the draft's dates: the stepper shows them
        # too, not the published ones beside them.
        phases = as_shown(phases, self)
        context["stepper"] = build_stepper(phases, timezone.now(), active=self)
        context["previous_phase"], context["next_phase"] = neighbours(phases, self)
        return context


class LandingPage(SignUpRouteMixin, Page):
    """The page a provincial department or a municipal network links to."""

    province = models.ForeignKey(
        "dialogue_blocks.Province",
        verbose_name="provinciale afdeling",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="landing_pages",
    )
    network = models.ForeignKey(
        "dialogue_blocks.Network",
        verbose_name="gemeentelijk netwerk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="landing_pages",
    )
    intro = models.TextField("inleiding", max_length=600)
    body = StreamField(ContentStreamBlock(), verbose_name="inhoud", blank=True)
    call_to_action = models.CharField(
        "tekst bij 'Doe mee'",
        max_length=250,
        default="Doe mee aan de dialoog: uw bijdrage is anoniem.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("province"), FieldPanel("network")],
            heading="Voor wie is deze pagina?",
            help_text="Kies één provinciale afdeling óf één netwerk.",
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("call_to_action"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.DialoguePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "landingspagina"
        verbose_name_plural = "landingspagina's"

    @property
    def audience(self) -> str:
        if self.province_id:
            return f"VNG-afdeling {self.province}"
        return f"netwerk {self.network.code}" if self.network_id else ""

    def audience_municipalities(self) -> models.QuerySet[Municipality]:
        """The municipalities this page speaks to: its province's or network's."""
        if self.network_id:
            return self.network.members.all()
        return Municipality.objects.filter(province_id=self.province_id)

    def clean(self):
        super().clean()
        if bool(self.province_id) == bool(self.network_id):
            raise ValidationError(
                {"province": "Kies één provinciale afdeling óf één netwerk."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        dialogue = self.dialogue_page()
        context["dialogue"] = dialogue
        context["current_phase"] = dialogue.current_phase()
        context["own_participation"] = audience_participation(dialogue, self)
        return context


class StandardPage(Page):
    """A plain page: privacy statement, accessibility statement, about, FAQ."""

    intro = models.TextField("inleiding", max_length=600, blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name="inhoud", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "cms.DialoguePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "standaardpagina"
        verbose_name_plural = "standaardpagina's"


@register_setting(icon="list-ul")
class SiteFooter(BaseSiteSetting):
    """The pages every footer links to; staff choose them."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="privacyverklaring",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="toegankelijkheidsverklaring",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="over deze site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField("e-mailadres voor vragen", blank=True)

    class Meta:
        verbose_name = "voettekst"
