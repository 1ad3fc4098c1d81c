"""The participation dashboard for staff: every figure of one dialogue at once.

Built from insights.representation (k and secondary suppression there); adds
what only staff see: the register's exact counts, who contributed and voted,
coverage, the trend per batch day, and a reminder per under-represented group.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.urls import reverse

from dialogue_blocks.anonymity import figure
from invitations import mailings
from invitations.models import RegisterBatch

from .groups import DIMENSIONS, MunicipalityGroups
from .representation import (
    UNDER_REPRESENTED_BELOW,
    DimensionTable,
    coverage,
    daily_joins,
    dimension_table,
    read_participants,
    read_register,
)

REMIND_PERMISSION = "invitations.add_mailing"
MAILING_CREATE_URL = "invitations_mailing_modeladmin_create"


def reminder_url(dialogue, dimension: str, group: str) -> str:
    """The new mailing, filled in for the group's invitees who have not joined."""
    fields = mailings.reminder_for_group(dialogue, dimension, group)
    return f"{reverse(MAILING_CREATE_URL)}?{urlencode(fields, doseq=True)}"


class Dashboard:
    """Everything the "Deelname" page shows about one dialogue."""

    def __init__(self, dialogue, can_remind: bool):
        self.dialogue = dialogue
        self.k = dialogue.k_threshold
        self.threshold = round(100 * UNDER_REPRESENTED_BELOW)
        self.register = read_register(dialogue, MunicipalityGroups())
        participants = read_participants(dialogue)
        self.tables = [
            self.with_reminders(
                dimension_table(dialogue, dimension, self.register, participants),
                can_remind,
            )
            for dimension in DIMENSIONS
        ]
        self.participants = figure(participants.total, self.k)
        self.contributed = figure(participants.contributed_total, self.k)
        self.voted = figure(participants.voted_total, self.k)
        self.generalised = figure(participants.generalised, self.k)
        self.joined = figure(self.register.joined_total, self.k)
        self.provinces, self.networks = coverage(dialogue)
        self.trend = daily_joins(dialogue)
        self.last_batch = RegisterBatch.objects.filter(dialogue=dialogue).first()

    def with_reminders(self, table: DimensionTable, can_remind: bool):
        if not can_remind:
            return table
        rows = [
            replace(
                row,
                reminder_url=reminder_url(
                    self.dialogue, table.dimension, row.group.key
                ),
            )
            if row.under_represented and row.waiting
            else row
            for row in table.rows
        ]
        return replace(table, rows=rows)

    @property
    def under_represented(self) -> list[tuple[DimensionTable, object]]:
        return [
            (table, row) for table in self.tables for row in table.under_represented
        ]

    @property
    def uncovered(self) -> int:
        return sum(area.total - area.covered for area in self.provinces)
