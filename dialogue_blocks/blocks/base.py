"""What every participation block shares: its context comes from the page."""

from wagtail import blocks


class ParticipationBlock(blocks.StructBlock):
    """Shared rendering: the block's own form and listing come from the page."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        participation = (parent_context or {}).get("participation")
        block_id = (parent_context or {}).get("block_id")
        context["block_id"] = block_id
        context["participation"] = participation
        if participation is not None and block_id:
            context.update(self.participation_context(value, participation, block_id))
        return context

    # Whether the page's `bijdragen/<block id>/` route hands POSTs to this block;
    # a block that does implements `new_form` and `receive`.
    accepts_input = False
    # Why a POST on a step that is not open kept nothing, in the block's words.
    closed_message = "Deze stap is niet open; uw bijdrage is niet opgeslagen."

    def participation_context(self, value, participation, block_id) -> dict:
        raise NotImplementedError

    def new_form(self, value, dialogue, block_id, data=None):
        """The form that validates a POST to this block (and renders it empty)."""
        raise NotImplementedError

    def receive(self, page, participant, block_id: str, value, form) -> "Received":
        """Act on a valid POST through a service; where to go and what to say.

        None: refused after all, with the reason added to the form, which the
        page then shows again as it was filled in.
        """
        raise NotImplementedError

    def heading_of(self, value) -> str:
        """What the block is about, as its heading says: for contents and lists."""
        return value["heading"]


class Received:
    """What a block did with a POST: the anchor to return to and the message."""

    def __init__(self, anchor: str, message: str):
        self.anchor = anchor
        self.message = message
