"""Read-only: what participants wrote in a block on an earlier step."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .base import ParticipationBlock
from .sources import BY_ID, StepBlockChoiceBlock
from .voting import CONTRIBUTION_BLOCK_TYPES


class EarlierContributionsValue(blocks.StructValue):
    def source_block_id(self) -> str:
        return str(self.get("block_id") or "").strip()


class EarlierContributionsBlock(ParticipationBlock):
    """Shows, read-only, what participants wrote in a block on an earlier step."""

    heading = blocks.CharBlock(label="Kop", max_length=150)
    source_page = blocks.PageChooserBlock(
        label="Stap", page_type="cms.PhasePage", help_text="De eerdere stap."
    )
    block_id = StepBlockChoiceBlock(
        CONTRIBUTION_BLOCK_TYPES,
        stores=BY_ID,
        label="Blok op die stap",
        help_text="De vraag of het ideeënbord, bij zijn kop.",
    )
    top = blocks.IntegerBlock(
        label="Alleen de meest gesteunde",
        required=False,
        min_value=1,
        max_value=100,
        help_text="Leeg: alle gepubliceerde bijdragen, nieuwste eerst.",
    )

    class Meta:
        icon = "history"
        label = "Uit een eerdere stap"
        template = "dialogue_blocks/blocks/earlier_contributions.html"
        value_class = EarlierContributionsValue

    def clean(self, value):
        value = super().clean(value)
        page = value.get("source_page")
        block_id = value.source_block_id()
        if page is not None and not any(
            child.id == block_id for child in page.specific.body
        ):
            raise StructBlockValidationError(
                block_errors={
                    "block_id": ValidationError(
                        f"Dit blok staat niet op ‘{page.title}’. Kies een blok van "
                        "die stap."
                    )
                }
            )
        return value

    def participation_context(self, value, participation, block_id) -> dict:
        source = value["source_page"].specific
        listing = participation.earlier(source, value.source_block_id(), value["top"])
        return {"listing": listing, "source": source}
