"""Naming a block on another step: a select of that step's blocks by heading.

Blocks that show or vote on another step's block (earlier contributions, a dot
vote over the most supported contributions, results) let the editor pick it
from a list grouped by step, each entry the block's kind and heading. Nobody
types a heading or looks up an id. The choices are read when the editor opens
the page, so they follow pages as they are.
"""

from functools import partial

from django.apps import apps
from wagtail import blocks

BY_HEADING, BY_ID = "heading", "id"


def step_block_choices(block_types: tuple[str, ...], stores: str) -> list:
    """(step, [(value, "kind: heading")]) for every such block of every step.

    Reads the stored JSON, not the blocks' values: turning a body into values
    would ask these very choices again for the referring blocks in it.
    """
    phase_page = apps.get_model("cms", "PhasePage")
    groups = []
    for page in phase_page.objects.order_by("path"):
        kinds = page.body.stream_block.child_blocks
        entries = []
        for raw in page.body.raw_data:
            if raw["type"] in block_types:
                block = kinds[raw["type"]]
                heading = block.heading_of(raw["value"])
                value = heading if stores == BY_HEADING else raw["id"]
                entries.append((value, f"{block.label}: {heading}"))
        if entries:
            dialogue = page.get_parent().title
            groups.append((f"{dialogue} · stap {page.step}. {page.title}", entries))
    return groups


class StepBlockChoiceBlock(blocks.ChoiceBlock):
    """A select of the blocks of these types on every step; stores the block's
    heading or its id (`stores`), whichever the referring block looks up by.

    Wagtail would match a stored value against the choices whenever a page is
    loaded, which here costs a query per step: the values are plain strings,
    so they are taken as stored, and the choices are read only by the editor's
    form and its validation.
    """

    def __init__(self, block_types, stores: str = BY_HEADING, **kwargs):
        kwargs.setdefault("search_index", False)
        super().__init__(
            choices=partial(step_block_choices, tuple(block_types), stores), **kwargs
        )

    def normalize_choice(self, value):
        return value
