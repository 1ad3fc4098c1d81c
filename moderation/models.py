"""Staff-side records of moderation: never about who a participant is."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from dialogue_blocks.models import ContributionStatus


@register_setting(icon="warning")
class ModerationSettings(BaseGenericSetting):
    """Automatic holds: words and link counts that send a text to the queue."""

    held_words = models.TextField(
        "woorden die een bijdrage tegenhouden",
        blank=True,
        help_text="Eén woord of woordgroep per regel. Een bijdrage met zo'n woord "
        "wacht altijd op een moderator, ook bij achteraf modereren.",
    )
    max_links = models.PositiveSmallIntegerField(
        "maximaal aantal links",
        default=2,
        help_text="Een bijdrage met meer links wacht altijd op een moderator.",
    )

    panels = [FieldPanel("held_words"), FieldPanel("max_links")]

    class Meta:
        verbose_name = "moderatie-instellingen"

    def word_list(self) -> list[str]:
        return [
            line.strip().lower()
            for line in self.held_words.splitlines()
            if line.strip()
        ]


class FacilitatorProfile(models.Model):
    """The name a facilitator's replies carry on the public page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator"
    )
    display_name = models.CharField(
        "naam bij reacties",
        max_length=80,
        help_text="Zo staat u bij uw reacties, bijvoorbeeld ‘Marieke, VNG’.",
    )

    class Meta:
        verbose_name = "gespreksleider"
        verbose_name_plural = "gespreksleiders"

    def __str__(self) -> str:
        return self.display_name


class ModeratorNotice(models.Model):
    """When a moderator was last e-mailed about waiting items (for batching)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_sent_at = models.DateTimeField()

    class Meta:
        verbose_name = "moderatiebericht"

    def __str__(self) -> str:
        return f"Bericht aan {self.user_id}"


class BlockReason(models.TextChoices):
    """Why a moderator blocks a participant; kept in the log, not on the participant."""

    PERSONAL = "persoonlijk", "herhaaldelijk persoonlijke aanvallen of kwetsend"
    IDENTIFYING = "herleidbaar", "maakt herhaaldelijk personen of gemeenten herkenbaar"
    SPAM = "reclame", "reclame of spam"
    DISRUPTIVE = "verstorend", "verstoort de dialoog bewust"
    OTHER = "anders", "andere reden (zie toelichting)"


class EarlierVersion(models.Model):
    """The text of a contribution as it was before its author changed it.

    Moderation data: what the moderator compares the new text with. It holds the
    text and why it was held, nothing about the author, and only the version
    before the first change since a moderator last decided: one row per
    contribution, deleted when a moderator acts on it or the contribution goes.
    """

    contribution = models.OneToOneField(
        "dialogue_blocks.Contribution",
        on_delete=models.CASCADE,
        related_name="earlier_version",
    )
    text = models.TextField("eerdere tekst")
    status = models.CharField(
        "status toen", max_length=12, choices=ContributionStatus.choices
    )
    hold_reason = models.CharField(
        "toen vastgehouden omdat", max_length=200, blank=True
    )

    class Meta:
        verbose_name = "eerdere versie"
        verbose_name_plural = "eerdere versies"

    def __str__(self) -> str:
        return f"Eerdere versie van bijdrage {self.contribution_id}"
