"""The register: the only place names and e-mail addresses live.

Nothing here points at a participant, and nothing on the participation side
points here. What the register knows about participation ("deelnemer", turnout)
it learns only in batches (invitations.derivation).
"""

import uuid

from django.db import models
from django.utils import timezone

from dialogue_blocks.models import Municipality, Role


class InviteeStatus(models.TextChoices):
    NOT_INVITED = "nieuw", "nog niet uitgenodigd"
    INVITED = "uitgenodigd", "uitgenodigd"
    PARTICIPANT = "deelnemer", "deelnemer"
    UNSUBSCRIBED = "afgemeld", "afgemeld"
    UNDELIVERABLE = "onbestelbaar", "onbestelbaar"


class Invitee(models.Model):
    """A person in the stakeholder register, invited personally by staff."""

    dialogue = models.ForeignKey(
        "cms.DialoguePage",
        verbose_name="dialoog",
        on_delete=models.CASCADE,
        related_name="invitees",
    )
    name = models.CharField("naam", max_length=150)
    email = models.EmailField("e-mailadres")
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    organisation = models.CharField("organisatie", max_length=150, blank=True)
    invitation_round = models.CharField(
        "uitnodigingsronde",
        max_length=60,
        blank=True,
        help_text="Bijvoorbeeld 'eerste ronde'; deelnemers onthouden alleen de ronde.",
    )
    # "deelnemer" is derived in batches, never set when someone joins.
    status = models.CharField(
        "status",
        max_length=12,
        choices=InviteeStatus.choices,
        default=InviteeStatus.NOT_INVITED,
    )
    created_at = models.DateTimeField("toegevoegd", default=timezone.now)
    invited_at = models.DateTimeField("uitgenodigd op", null=True, blank=True)

    class Meta:
        verbose_name = "genodigde"
        verbose_name_plural = "genodigden"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "email"], name="one_invitee_per_address"
            )
        ]

    def __str__(self) -> str:
        # Wagtail's log labels entries with this; a label must never be a name.
        return f"Genodigde {self.pk}"


class SignUp(models.Model):
    """Someone who signed up themself on a landing page and confirmed by link.

    Made by the batched derivation from a PendingSignUp, never when someone
    joins: a random id and the batch's date, so neither the order, the row
    version nor the date of sign-ups can be lined up with participants.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dialogue = models.ForeignKey(
        "cms.DialoguePage",
        verbose_name="dialoog",
        on_delete=models.CASCADE,
        related_name="sign_ups",
    )
    email = models.EmailField("e-mailadres")
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", on_delete=models.PROTECT
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="aangemeld via",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The day of the batch that registered the sign-up; consent was given by
    # then (in the sign-up form, confirmed with the link).
    consented_on = models.DateField("akkoord met privacyverklaring, uiterlijk op")
    # Set by the unsubscribe link or a hard bounce: no mailing reaches them.
    mail_stopped = models.CharField(
        "geen mail meer",
        max_length=12,
        blank=True,
        choices=[
            (InviteeStatus.UNSUBSCRIBED.value, InviteeStatus.UNSUBSCRIBED.label),
            (InviteeStatus.UNDELIVERABLE.value, InviteeStatus.UNDELIVERABLE.label),
        ],
    )

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["-consented_on", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "email"], name="one_sign_up_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"Aanmelding {str(self.pk)[:8]}"


class PendingSignUp(models.Model):
    """A confirmed sign-up the register has not taken in yet: ciphertext only.

    Its key is the dialogue's (invitations.ciphers), outside the database, so a
    reader of the database learns nothing of who it is until the next batch
    turns it into a SignUp, together with everything else.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dialogue = models.ForeignKey("cms.DialoguePage", on_delete=models.CASCADE)
    sealed_record = models.TextField()

    class Meta:
        verbose_name = "nog te verwerken aanmelding"
        verbose_name_plural = "nog te verwerken aanmeldingen"

    def __str__(self) -> str:
        return f"Nog te verwerken aanmelding {str(self.pk)[:8]}"


class AccessLink(models.Model):
    """A single-use, expiring link to join or sign in; only its hash is stored.

    Using the link deletes it, so no record keeps the moment someone joined.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    invitee = models.ForeignKey(
        Invitee, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    sign_up = models.ForeignKey(
        SignUp, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    pending_sign_up = models.ForeignKey(
        PendingSignUp,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="links",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = "toegangslink"
        verbose_name_plural = "toegangslinks"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    invitee__isnull=False,
                    sign_up__isnull=True,
                    pending_sign_up__isnull=True,
                )
                | models.Q(
                    invitee__isnull=True,
                    sign_up__isnull=False,
                    pending_sign_up__isnull=True,
                )
                | models.Q(
                    invitee__isnull=True,
                    sign_up__isnull=True,
                    pending_sign_up__isnull=False,
                ),
                name="link_belongs_to_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"Toegangslink tot {self.expires_at:%Y-%m-%d}"

    @property
    def record(self) -> "Invitee | SignUp | PendingSignUp":
        return self.invitee or self.sign_up or self.pending_sign_up

    def is_usable(self, now=None) -> bool:
        return (now or timezone.now()) < self.expires_at


class CorrectionStatus(models.TextChoices):
    OPEN = "open", "wacht op beoordeling"
    APPROVED = "goedgekeurd", "goedgekeurd"
    REFUSED = "afgewezen", "afgewezen"


class CorrectionRequest(models.Model):
    """A person asks staff to correct the role or municipality in the register.

    The invited role and municipality hold when someone joins; staff approve a
    correction here, and the next batch carries it to the participant.
    """

    invitee = models.ForeignKey(
        Invitee,
        verbose_name="genodigde",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    sign_up = models.ForeignKey(
        SignUp,
        verbose_name="aanmelding",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    role = models.CharField("juiste rol", max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, verbose_name="juiste gemeente", on_delete=models.PROTECT
    )
    note = models.CharField("toelichting", max_length=300, blank=True)
    requested_on = models.DateField("aangevraagd op", default=timezone.localdate)
    status = models.CharField(
        "status",
        max_length=12,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.OPEN,
    )

    class Meta:
        verbose_name = "correctieverzoek"
        verbose_name_plural = "correctieverzoeken"
        ordering = ["status", "requested_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(invitee__isnull=False, sign_up__isnull=True)
                | models.Q(invitee__isnull=True, sign_up__isnull=False),
                name="correction_of_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"Correctieverzoek {self.pk}"

    @property
    def record(self) -> "Invitee | SignUp":
        return self.invitee or self.sign_up


class RegisterBatch(models.Model):
    """One run of the derivation: when the register last learnt who takes part."""

    dialogue = models.ForeignKey(
        "cms.DialoguePage", on_delete=models.CASCADE, related_name="register_batches"
    )
    ran_on = models.DateField("verwerkt op")
    participant_count = models.PositiveIntegerField("deelnemers")
    new_participant_count = models.PositiveIntegerField("nieuwe deelnemers")

    class Meta:
        verbose_name = "verwerking van deelname"
        verbose_name_plural = "verwerkingen van deelname"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Verwerking van {self.ran_on:%d-%m-%Y}"


class RegisterFigures(models.Model):
    """The register's aggregate figures, kept when sealing deletes its people."""

    dialogue = models.OneToOneField(
        "cms.DialoguePage", primary_key=True, on_delete=models.CASCADE
    )
    figures = models.JSONField("cijfers")
    stored_on = models.DateField("vastgelegd op", default=timezone.localdate)

    class Meta:
        verbose_name = "cijfers van het register"
        verbose_name_plural = "cijfers van het register"
        permissions = [("seal_dialogue", "Een afgelopen dialoog verzegelen")]

    def __str__(self) -> str:
        return f"Cijfers van dialoog {self.dialogue_id}"


class MailingKind(models.TextChoices):
    INVITATION = "uitnodiging", "uitnodiging (met persoonlijke link)"
    REMINDER = "herinnering", "herinnering (met persoonlijke link)"
    ANNOUNCEMENT = "aankondiging", "aankondiging (stap open, resultaten)"


class Audience(models.TextChoices):
    """Who a mailing can reach: the register's statuses, and the sign-ups."""

    NOT_INVITED = InviteeStatus.NOT_INVITED.value, "genodigden: nog niet uitgenodigd"
    INVITED = InviteeStatus.INVITED.value, "genodigden: uitgenodigd, nog geen deelnemer"
    PARTICIPANT = InviteeStatus.PARTICIPANT.value, "genodigden: deelnemer"
    SIGNED_UP = "aangemeld", "zelf aangemeld (deelnemer)"


class Mailing(models.Model):
    """A mail written by communications staff for a chosen part of the register.

    Sending makes one MailDelivery per recipient, each sent by its own task.
    """

    dialogue = models.ForeignKey(
        "cms.DialoguePage",
        verbose_name="dialoog",
        on_delete=models.CASCADE,
        related_name="mailings",
    )
    kind = models.CharField(
        "soort",
        max_length=12,
        choices=MailingKind.choices,
        default=MailingKind.INVITATION,
    )
    subject = models.CharField("onderwerp", max_length=150)
    body = models.TextField(
        "tekst",
        help_text="U kunt {naam}, {link}, {dialoog} en {afmelden} gebruiken. "
        "{link} is de persoonlijke link om mee te doen; zonder {afmelden} "
        "komt de afmeldlink onderaan.",
    )
    audience = models.JSONField(
        "ontvangers", default=list, help_text="Statussen van wie de mail krijgt."
    )
    roles = models.JSONField("rollen", default=list, blank=True)
    provinces = models.ManyToManyField(
        "dialogue_blocks.Province", verbose_name="provincies", blank=True
    )
    networks = models.ManyToManyField(
        "dialogue_blocks.Network", verbose_name="netwerken", blank=True
    )
    size_classes = models.JSONField("grootteklassen", default=list, blank=True)
    invitation_round = models.CharField(
        "alleen genodigden van deze uitnodigingsronde",
        max_length=60,
        blank=True,
        help_text="Leeg: elke ronde. Zelf aangemelde mensen horen bij geen ronde.",
    )
    not_mailed_for_days = models.PositiveSmallIntegerField(
        "alleen wie langer dan zoveel dagen geen mail kreeg",
        null=True,
        blank=True,
    )
    send_at = models.DateTimeField(
        "versturen op", null=True, blank=True, help_text="Leeg: meteen versturen."
    )
    created_at = models.DateTimeField("gemaakt", default=timezone.now)
    queued_at = models.DateTimeField("verstuurd op", null=True, blank=True)

    class Meta:
        verbose_name = "mailing"
        verbose_name_plural = "mailings"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class DeliveryStatus(models.TextChoices):
    QUEUED = "wacht", "in de wachtrij"
    SENDING = "bezig", "wordt verstuurd"
    SENT = "verzonden", "verzonden"
    FAILED = "mislukt", "mislukt"
    SKIPPED = "overgeslagen", "overgeslagen: intussen afgemeld"
    DELIVERED = "afgeleverd", "afgeleverd"
    BOUNCED = "gebouncet", "onbestelbaar (bounce)"
    COMPLAINED = "klacht", "als spam gemeld"


class MailDelivery(models.Model):
    """One recipient of one mailing, and what became of the mail.

    Register side only: it points at an Invitee or a SignUp, never at a
    participant, and it goes when the register's people are forgotten.
    """

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="deliveries"
    )
    invitee = models.ForeignKey(
        Invitee, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sign_up = models.ForeignKey(
        SignUp, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    error = models.CharField("laatste fout", max_length=300, blank=True)
    message_id = models.CharField(max_length=200, blank=True, db_index=True)
    sent_at = models.DateTimeField("verzonden op", null=True, blank=True)

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(invitee__isnull=False, sign_up__isnull=True)
                | models.Q(invitee__isnull=True, sign_up__isnull=False),
                name="delivery_to_one_record",
            ),
            models.UniqueConstraint(
                fields=["mailing", "invitee"], name="one_delivery_per_invitee"
            ),
            models.UniqueConstraint(
                fields=["mailing", "sign_up"], name="one_delivery_per_sign_up"
            ),
        ]

    def __str__(self) -> str:
        return f"Verzending {self.pk}"

    @property
    def record(self) -> "Invitee | SignUp":
        return self.invitee or self.sign_up
