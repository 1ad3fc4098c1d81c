"""The one permission that lets staff moderate and reply as 'Gespreksleider'."""

MODERATE_PERMISSION = "dialogue_blocks.change_contribution"
