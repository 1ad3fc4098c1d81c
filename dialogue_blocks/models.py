"""Participation models and the reference data they are grouped by.

Reference data (provinces, municipalities, networks) is public information; it is
what participants are grouped by, never a way to identify them.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel


class SizeClass(models.TextChoices):
    """Municipal size classes by number of inhabitants."""

    SMALL = "klein", "kleine gemeente (minder dan 20.000 inwoners)"
    MEDIUM = "middelgroot", "middelgrote gemeente (20.000 tot 50.000 inwoners)"
    LARGE = "groot", "grote gemeente (50.000 tot 100.000 inwoners)"
    VERY_LARGE = "zeer_groot", "zeer grote gemeente (100.000 inwoners of meer)"
    UNKNOWN = "onbekend", "grootte onbekend"


# Lower bounds of each size class, largest first; the first bound a population
# reaches decides its class.
SIZE_CLASS_LOWER_BOUNDS = (
    (100_000, SizeClass.VERY_LARGE),
    (50_000, SizeClass.LARGE),
    (20_000, SizeClass.MEDIUM),
    (0, SizeClass.SMALL),
)


def size_class_for(population: int | None) -> SizeClass:
    """The size class of a municipality with this many inhabitants."""
    if population is None:
        return SizeClass.UNKNOWN
    for lower_bound, size_class in SIZE_CLASS_LOWER_BOUNDS:
        if population >= lower_bound:
            return size_class
    return SizeClass.UNKNOWN


class Province(models.Model):
    """One of the twelve provinces; each has a VNG provincial department."""

    code = models.CharField("CBS-code", max_length=4, unique=True)  # PV20 … PV31
    name = models.CharField("naam", max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "provincie"
        verbose_name_plural = "provincies"

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality as CBS registers it; kept (inactive) after a merger."""

    cbs_code = models.CharField("CBS-code", max_length=6, unique=True)  # GM0363
    name = models.CharField("naam", max_length=100)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities"
    )
    population = models.PositiveIntegerField("inwoners", null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        "peiljaar inwoners", null=True, blank=True
    )
    population_is_exact = models.BooleanField(
        "exact aantal inwoners",
        default=False,
        help_text="Uit staat dat het aantal exact uit CBS StatLine is ingelezen.",
    )
    is_active = models.BooleanField(
        "bestaat nog",
        default=True,
        help_text="Gemeenten die bij een herindeling zijn opgeheven blijven bewaard.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"

    def __str__(self) -> str:
        return self.name

    @property
    def size_class(self) -> SizeClass:
        return size_class_for(self.population)


class Network(models.Model):
    """A municipal network such as the G4 or the K80; staff keep its members."""

    code = models.CharField("code", max_length=10, unique=True)  # G4, G40, M50…
    name = models.CharField("naam", max_length=100)
    description = models.TextField("omschrijving", blank=True)
    members = models.ManyToManyField(
        Municipality, related_name="networks", blank=True, verbose_name="leden"
    )
    members_reference_date = models.DateField(
        "peildatum ledenlijst",
        null=True,
        blank=True,
        help_text="De datum waarop de ledenlijst voor het laatst is gecontroleerd.",
    )
    expected_member_count = models.PositiveSmallIntegerField(
        "verwacht aantal leden",
        null=True,
        blank=True,
        help_text="Het aantal leden dat het netwerk zelf noemt. Zolang er minder "
        "leden zijn aangevinkt, staat de ledenlijst als onvolledig.",
    )
    members_source = models.TextField(
        "bronnen",
        blank=True,
        help_text="Waar de ledenlijst en het verwachte aantal vandaan komen, met "
        "de datum van elke bron. Werk dit bij als u leden toevoegt.",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "netwerk"
        verbose_name_plural = "netwerken"

    def __str__(self) -> str:
        return f"{self.code} – {self.name}" if self.name != self.code else self.code

    @cached_property
    def member_count(self) -> int:
        """How many members are known; a listing may annotate it beforehand."""
        return self.members.count()

    @property
    def is_incomplete(self) -> bool:
        """Fewer members are known than the network says it has."""
        expected = self.expected_member_count
        return expected is not None and self.member_count < expected

    @property
    def membership_summary(self) -> str:
        """Found against expected, as staff read it: "24 van 31 leden"."""
        if self.expected_member_count is None:
            return f"{self.member_count} leden (verwacht aantal onbekend)"
        return f"{self.member_count} van {self.expected_member_count} leden"


class Role(models.TextChoices):
    """The roles participants choose from; part of the groups shown, never a name."""

    MAYOR = "burgemeester", "burgemeester"
    ALDERMAN = "wethouder", "wethouder"
    COUNCIL_MEMBER = "raadslid", "raadslid"
    MUNICIPAL_SECRETARY = "gemeentesecretaris", "gemeentesecretaris"
    CLERK = "griffier", "griffier"
    CIVIL_SERVANT = "ambtenaar", "ambtenaar"
    OTHER = "anders", "anders"


def new_salt() -> str:
    return secrets.token_hex(32)


class DialogueSalt(models.Model):
    """A dialogue's random salt for pseudonyms; emptied for good when sealed."""

    dialogue = models.OneToOneField(
        "cms.DialoguePage", primary_key=True, on_delete=models.CASCADE
    )
    salt = models.CharField(max_length=64, default=new_salt)
    sealed_at = models.DateTimeField("verzegeld op", null=True, blank=True)

    class Meta:
        verbose_name = "pseudoniemsleutel"

    def __str__(self) -> str:
        return f"Sleutel van dialoog {self.dialogue_id}"

    @property
    def is_sealed(self) -> bool:
        return self.sealed_at is not None or not self.salt


def new_participant_id() -> str:
    return secrets.token_hex(16)


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """A pseudonymous participant: groups they belong to, never who they are.

    Holds no name, e-mail address or municipality, and no moment or source of
    joining. `email_hash` is a keyed hash whose key lives outside the database
    and dies when the dialogue is sealed.

    The group attributes are stored only as far as they are safe (see
    dialogue_blocks.anonymity): a value left out is NULL (province, networks) or
    "" (size class, role), which is not the same as "no network".
    """

    id = models.CharField(
        primary_key=True, max_length=32, default=new_participant_id, editable=False
    )
    dialogue = models.ForeignKey(
        "cms.DialoguePage", on_delete=models.CASCADE, related_name="participants"
    )
    # NULL, not "", once sealed: the unique constraint must let many rows be empty.
    email_hash = models.CharField(  # noqa: DJ001
        max_length=64, null=True, editable=False
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices, blank=True)
    province = models.ForeignKey(
        Province, verbose_name="provincie", on_delete=models.PROTECT, null=True
    )
    size_class = models.CharField(
        "grootteklasse", max_length=12, choices=SizeClass.choices, blank=True
    )
    # Codes, not a link table: a link table's row ids would record join order.
    network_codes = models.JSONField("netwerken", null=True, blank=True)
    # False until the periodic derivation (invitations.derivation) has counted
    # this participant in the register: no join date finer than that batch.
    batched = models.BooleanField("verwerkt in het register", default=False)
    # What a browser's session names instead of the id; a new one at sign-out
    # ends every copy of the session cookie.
    session_token = models.CharField(
        max_length=32, unique=True, default=new_session_token, editable=False
    )
    is_blocked = models.BooleanField("geblokkeerd", default=False)

    class Meta:
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "email_hash"], name="one_participant_per_address"
            )
        ]
        indexes = [
            # The group labels count the participants per combination on every
            # phase page (anonymity.combinations_sql): from this index alone.
            models.Index(
                fields=["dialogue", "role", "province", "size_class"],
                name="participant_combination",
            )
        ]

    def __str__(self) -> str:
        return f"Deelnemer {self.id[:8]}"

    @property
    def description(self) -> str:
        """How the participant is shown to themself: 'griffier uit Utrecht'."""
        who = self.get_role_display() if self.role else "deelnemer"
        where = f" uit {self.province}" if self.province_id else ""
        return f"{who}{where}"

    @property
    def is_generalised(self) -> bool:
        """Whether a group attribute was left out to keep the participant unfindable."""
        return (
            not self.role
            or self.province_id is None
            or not self.size_class
            or self.network_codes is None
        )


class MunicipalityTurnout(models.Model):
    """How many people of a municipality take part; deliberately unlinked to anyone.

    Written only by the batched derivation (invitations.derivation), which
    rewrites every row of a dialogue at once from the register's municipalities.
    """

    dialogue = models.ForeignKey("cms.DialoguePage", on_delete=models.CASCADE)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    participant_count = models.PositiveIntegerField("deelnemers", default=0)

    class Meta:
        verbose_name = "opkomst per gemeente"
        verbose_name_plural = "opkomst per gemeente"
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "municipality"], name="one_turnout_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.participant_count}"


class ContributionStatus(models.TextChoices):
    PENDING = "wacht", "wacht op moderatie"
    PUBLISHED = "gepubliceerd", "gepubliceerd"
    REJECTED = "afgewezen", "afgewezen"
    HIDDEN = "verborgen", "verborgen"
    WITHDRAWN = "ingetrokken", "ingetrokken"


class Theme(models.Model):
    """A theme of a dialogue, usually distilled from what step 3 brought up."""

    dialogue = models.ForeignKey(
        "cms.DialoguePage",
        verbose_name="dialoog",
        on_delete=models.CASCADE,
        related_name="themes",
    )
    title = models.CharField("titel", max_length=120)
    description = models.TextField("korte omschrijving", max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField("volgorde", default=0)

    panels = [
        FieldPanel("dialogue"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["sort_order", "title"]

    def __str__(self) -> str:
        return self.title


class RejectionReason(models.TextChoices):
    OFF_TOPIC = "onderwerp", "hoort niet bij het onderwerp"
    PERSONAL = "persoonlijk", "persoonlijke aanval of kwetsend"
    IDENTIFYING = "herleidbaar", "maakt personen of gemeenten herkenbaar"
    SPAM = "reclame", "reclame of spam"
    DUPLICATE = "dubbel", "dubbele bijdrage"
    OTHER = "anders", "andere reden (zie toelichting)"


class ContributionKind(models.TextChoices):
    """The built-in kinds. A Verdiepen board stores the kinds its editor named
    ("knelpunt", "oplossing", …) as they are; they read as themselves."""

    ANSWER = "antwoord", "antwoord"
    IDEA = "idee", "idee"
    CONCERN = "zorg", "zorg"
    REACTION = "reactie", "reactie"
    STATEMENT = "stelling", "voorgestelde stelling"
    SUGGESTION = "suggestie", "suggestie"


KIND_LENGTH = 40
TITLE_LENGTH = 150


def moderated_text(title: str, text: str) -> str:
    """Everything an author wrote, as the automatic checks read it."""
    return f"{title}\n{text}" if title else text


def quoted_text(title: str, text: str) -> str:
    """A text as one line quotes it (the report, exports), after its title if any."""
    return f"{title}: {text}" if title else text


def kind_label(kind: str) -> str:
    """How a kind reads: a built-in kind's label, an editor's kind as named."""
    return ContributionKind(kind).label if kind in ContributionKind.values else kind


class Contribution(models.Model):
    """Something a participant wrote in a participation block of a phase page.

    `participant` becomes empty when its author erases their profile but keeps
    their contributions: the text stays, the last pseudonymous link goes. The
    moment is stored for moderation; public pages show only the day.
    """

    participant = models.ForeignKey(
        Participant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    phase = models.ForeignKey(
        "cms.PhasePage",
        verbose_name="stap",
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    block_id = models.UUIDField("blok")
    kind = models.CharField(
        "soort", max_length=KIND_LENGTH, default=ContributionKind.ANSWER
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name="thema",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="reactie op",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    # A short name some kinds carry above their text: a suggestion's
    # organisation or function ("Wie moet er meedoen?"). Moderated with the text.
    title = models.CharField("kop", max_length=TITLE_LENGTH, blank=True)
    text = models.TextField("tekst")
    status = models.CharField(
        "status",
        max_length=12,
        choices=ContributionStatus.choices,
        default=ContributionStatus.PENDING,
    )
    created_at = models.DateTimeField("geplaatst", default=timezone.now)
    edited_at = models.DateTimeField("bewerkt", null=True, blank=True)
    # Why an automatic check held this text back, whatever the moderation mode.
    hold_reason = models.CharField("reden van vasthouden", max_length=200, blank=True)
    rejection_reason = models.CharField(
        "reden van afwijzing",
        max_length=20,
        choices=RejectionReason.choices,
        blank=True,
    )
    # Notes are limited by the form in visible characters (text.py), not here.
    rejection_note = models.TextField("toelichting", blank=True)
    # A facilitator's reply carries the display name they chose, and no participant.
    facilitator_name = models.CharField("gespreksleider", max_length=80, blank=True)
    # Kept by dialogue_blocks.counters in the transaction of every change, so a
    # page never counts rows: its supports, and its published reactions.
    support_count = models.PositiveIntegerField("steun", default=0, editable=False)
    reaction_count = models.PositiveIntegerField("reacties", default=0, editable=False)

    class Meta:
        verbose_name = "bijdrage"
        verbose_name_plural = "bijdragen"
        ordering = ["-created_at", "-pk"]
        # One per listing query (dialogue_blocks.listing): equality columns first,
        # then the sort order, so that a page reads only the rows it shows. The
        # lists hold published top-level contributions only; as a condition
        # rather than a column, since PostgreSQL does not take `IS NULL` for an
        # equality that lets an index deliver the order of the columns after it.
        indexes = [
            models.Index(
                fields=[*column, *order],
                condition=models.Q(parent__isnull=True, status="gepubliceerd"),
                name=name,
            )
            for column, order, name in [
                (("phase", "block_id"), ("created_at", "id"), "contribution_newest"),
                (
                    ("phase", "block_id"),
                    ("support_count", "created_at", "id"),
                    "contribution_most_support",
                ),
                (
                    ("phase", "block_id", "theme", "kind"),
                    ("created_at", "id"),
                    "contribution_column_newest",
                ),
                (
                    ("phase", "block_id", "theme", "kind"),
                    ("support_count", "created_at", "id"),
                    "contribution_column_support",
                ),
            ]
        ] + [
            models.Index(
                fields=["parent", "status", "created_at", "id"],
                name="contribution_reactions",
            ),
            models.Index(fields=["participant", "status"], name="contribution_own"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def quoted_text(self) -> str:
        """The text as one line quotes it, after its title if it has one."""
        return quoted_text(self.title, self.text)

    @cached_property
    def created_on(self):
        return timezone.localdate(self.created_at)


class Support(models.Model):
    """One participant's support for one contribution ("Steun")."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="supports"
    )
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports"
    )

    class Meta:
        verbose_name = "steun"
        verbose_name_plural = "steun"
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "contribution"], name="support_once"
            )
        ]

    def __str__(self) -> str:
        return f"Steun voor bijdrage {self.contribution_id}"


class ListingTally(models.Model):
    """How many published contributions a block lists, per theme and kind.

    Only top-level contributions count; reactions are counted on their parent.
    Kept by dialogue_blocks.counters in the transaction that publishes or
    unpublishes one, so a page shows its totals without counting rows.
    `theme_key` is the theme's id, or 0 for none: a plain number rather than a
    foreign key, so that a deleted theme's count can move to "none" along with
    its contributions.
    """

    phase = models.ForeignKey(
        "cms.PhasePage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.UUIDField("blok")
    theme_key = models.PositiveIntegerField("thema", default=0)
    kind = models.CharField("soort", max_length=KIND_LENGTH)
    published = models.PositiveIntegerField("gepubliceerd", default=0)

    class Meta:
        verbose_name = "aantal per blok"
        verbose_name_plural = "aantallen per blok"
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "block_id", "theme_key", "kind"],
                name="one_tally_per_column",
            )
        ]

    def __str__(self) -> str:
        return f"{self.published} in blok {self.block_id}"


class FlagReason(models.TextChoices):
    OFFENSIVE = "kwetsend", "kwetsend of persoonlijke aanval"
    IDENTIFYING = "herleidbaar", "maakt iemand herkenbaar"
    OFF_TOPIC = "onderwerp", "hoort niet bij het onderwerp"
    SPAM = "reclame", "reclame of spam"
    OTHER = "anders", "iets anders"


class Flag(models.Model):
    """A participant's report that a published contribution is out of place."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="flags"
    )
    participant = models.ForeignKey(
        Participant, null=True, on_delete=models.SET_NULL, related_name="flags"
    )
    reason = models.CharField("reden", max_length=12, choices=FlagReason.choices)
    note = models.TextField("toelichting", blank=True)
    created_at = models.DateTimeField("gemeld", default=timezone.now)
    resolved_at = models.DateTimeField("afgehandeld", null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "participant"], name="flag_once"
            )
        ]

    def __str__(self) -> str:
        return f"Melding: {self.get_reason_display()}"


class FlaggedContribution(Contribution):
    """Contributions seen through their reports: the moderators' flags list."""

    class Meta:
        proxy = True
        verbose_name = "gemelde bijdrage"
        verbose_name_plural = "gemelde bijdragen"


class Ballot(models.Model):
    """One participant's points in one voting block: the budget and what is spent.

    The database keeps the promise itself: `spent` never exceeds `budget`
    (CHECK), and services.cast_vote raises `spent` only with a conditional
    update that matches no row when the points would not fit. Like Support, no
    moment is stored: nothing lines a vote up with a join.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="ballots"
    )
    phase = models.ForeignKey(
        "cms.PhasePage", verbose_name="stap", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.UUIDField("blok")
    budget = models.PositiveSmallIntegerField("te verdelen")
    spent = models.PositiveSmallIntegerField("verdeeld", default=0)

    class Meta:
        verbose_name = "stembiljet"
        verbose_name_plural = "stembiljetten"
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "phase", "block_id"], name="ballot_once"
            ),
            models.CheckConstraint(
                condition=models.Q(spent__lte=models.F("budget")),
                name="ballot_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spent} van {self.budget} in blok {self.block_id}"


class Vote(models.Model):
    """Points on one option of a ballot (a poll's answer: one point).

    `option` is the option's stable key within its block: a theme's id, a poll
    option's item id, or a point of a scale.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    option = models.CharField("keuze", max_length=36)
    points = models.PositiveSmallIntegerField("punten")

    class Meta:
        verbose_name = "stem"
        verbose_name_plural = "stemmen"
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "option"], name="vote_once_per_option"
            ),
            models.CheckConstraint(
                condition=models.Q(points__gt=0), name="vote_has_points"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.points} op {self.option}"


# The tally row of a whole voting block, next to those of its options.
WHOLE_BLOCK = ""


class VoteTally(models.Model):
    """Per option of a voting block: points given, and by how many participants.

    The row with option "" (WHOLE_BLOCK) holds the block's totals: points
    spent and participants who voted. Kept by dialogue_blocks.counters in the
    transaction of every vote, so results never count rows on render.
    """

    phase = models.ForeignKey(
        "cms.PhasePage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.UUIDField("blok")
    option = models.CharField("keuze", max_length=36, blank=True)
    points = models.PositiveIntegerField("punten", default=0)
    voters = models.PositiveIntegerField("deelnemers", default=0)

    class Meta:
        verbose_name = "stemmen per keuze"
        verbose_name_plural = "stemmen per keuze"
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "block_id", "option"], name="one_tally_per_option"
            )
        ]

    def __str__(self) -> str:
        return f"{self.points} punten van {self.voters} in blok {self.block_id}"


class GroupDimension(models.TextChoices):
    """The stored attributes of a Participant that results compare groups by."""

    ROLE = "rol", "rol"
    SIZE_CLASS = "grootte", "grootteklasse"
    PROVINCE = "provincie", "provincie"
    NETWORK = "netwerk", "netwerk"


class GroupVoteTally(models.Model):
    """Per voting block, option and group: how many of the group's participants.

    A group is one value of one stored attribute (role "griffier", province 7,
    network "G40"); a participant counts in every group their stored
    attributes place them in, and in none of a dimension that was left out.
    The row with option "" (WHOLE_BLOCK) holds how many of the group voted.
    Kept by dialogue_blocks.counters in the transaction of every vote, and
    recounted when the derivation generalises stored attributes, so
    "Wat ons verbindt" and "Waar we verschillen" read a bounded number of
    rows, whatever the number of votes.
    """

    phase = models.ForeignKey(
        "cms.PhasePage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.UUIDField("blok")
    dimension = models.CharField(
        "kenmerk", max_length=10, choices=GroupDimension.choices
    )
    group = models.CharField("groep", max_length=36)
    option = models.CharField("keuze", max_length=36, blank=True)
    voters = models.PositiveIntegerField("deelnemers", default=0)

    class Meta:
        verbose_name = "stemmen per groep"
        verbose_name_plural = "stemmen per groep"
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "block_id", "dimension", "group", "option"],
                name="one_group_tally_per_option",
            )
        ]

    def __str__(self) -> str:
        return f"{self.voters} van {self.dimension} {self.group} op {self.option}"


class RoadmapLink(models.Model):
    """A published contribution that fed a milestone of a Routekaart block.

    Staff make the link ("Wat is er met uw inbreng gedaan"); it names the
    milestone by the Routekaart block's page, its block id and the milestone's
    own id in that block, as a StreamField keeps them. It holds no moment and no
    one: who linked it is in Wagtail's log only.
    """

    phase = models.ForeignKey(
        "cms.PhasePage",
        verbose_name="stap van de routekaart",
        on_delete=models.CASCADE,
        related_name="+",
    )
    block_id = models.UUIDField("routekaart")
    milestone_id = models.UUIDField("mijlpaal")
    contribution = models.ForeignKey(
        Contribution,
        verbose_name="bijdrage",
        on_delete=models.CASCADE,
        related_name="roadmap_links",
    )

    class Meta:
        verbose_name = "koppeling aan de routekaart"
        verbose_name_plural = "koppelingen aan de routekaart"
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "block_id", "milestone_id", "contribution"],
                name="one_link_per_milestone_and_contribution",
            )
        ]

    def __str__(self) -> str:
        return f"bijdrage {self.contribution_id} bij mijlpaal {self.milestone_id}"


class HandledSuggestion(models.Model):
    """Staff turned a suggestion ("Wie moet er meedoen?") into invitees.

    Only how many and on which day: no invitee, no staff member. The invitees
    are in the register with no link back, written in a transaction of their
    own (invitations.suggestions).
    """

    contribution = models.OneToOneField(
        Contribution,
        primary_key=True,
        verbose_name="suggestie",
        on_delete=models.CASCADE,
        related_name="handled",
    )
    invitee_count = models.PositiveSmallIntegerField("genodigden")
    handled_on = models.DateField("omgezet op", default=timezone.localdate)

    class Meta:
        verbose_name = "omgezette suggestie"
        verbose_name_plural = "omgezette suggesties"

    def __str__(self) -> str:
        return f"omgezet in {self.invitee_count} genodigden"


def groups_of(participant) -> list[tuple[str, str]]:
    """(dimension, group) of every group the participant's stored attributes give."""
    groups = []
    if participant.role:
        groups.append((GroupDimension.ROLE, participant.role))
    if participant.size_class and participant.size_class != SizeClass.UNKNOWN:
        groups.append((GroupDimension.SIZE_CLASS, participant.size_class))
    if participant.province_id is not None:
        groups.append((GroupDimension.PROVINCE, str(participant.province_id)))
    for code in participant.network_codes or []:
        groups.append((GroupDimension.NETWORK, str(code)))
    return groups
