"""Invitation and sign-up records: the only place names and e-mail addresses live."""

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
        return self.name


class SignUp(models.Model):
    """Someone who signed up themself on a landing page or the dialogue page.

    A random id and days instead of moments: neither the order nor the time of
    sign-ups can be lined up with when participants joined.
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
    consented_on = models.DateField("akkoord met privacyverklaring op")
    created_on = models.DateField("aangemeld op", default=timezone.localdate)

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["-created_on", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "email"], name="one_sign_up_per_address"
            )
        ]

    def __str__(self) -> str:
        return self.email


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
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = "toegangslink"
        verbose_name_plural = "toegangslinks"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(invitee__isnull=False, sign_up__isnull=True)
                | models.Q(invitee__isnull=True, sign_up__isnull=False),
                name="link_belongs_to_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"Toegangslink tot {self.expires_at:%Y-%m-%d}"

    @property
    def record(self) -> Invitee | SignUp:
        return self.invitee or self.sign_up

    def is_usable(self, now=None) -> bool:
        return (now or timezone.now()) < self.expires_at
