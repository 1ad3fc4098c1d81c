"""Content blocks editors place between the participation blocks of a page."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock

from cms import embeds
from dialogue_blocks.blocks import (
    DeepeningBoardBlock,
    DotVoteBlock,
    EarlierContributionsBlock,
    IdeaBoardBlock,
    PollBlock,
    QuestionBlock,
    ResultsBlock,
    RoadmapBlock,
    StatementsBlock,
    SuggestionsBlock,
)
from insights.blocks import ParticipationFiguresBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingValue(blocks.StructValue):
    def anchor(self) -> str:
        return slugify(self.get("text", ""))


class HeadingBlock(blocks.StructBlock):
    """A section heading that other pages and the table of contents can link to."""

    text = blocks.CharBlock(label="Tekst", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Kop 2"), ("h3", "Kop 3")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Kop"
        template = "cms/blocks/heading.html"
        value_class = HeadingValue


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with a restrained set of formatting options."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Tekst"
        template = "cms/blocks/paragraph.html"


class ImageBlock(blocks.StructBlock):
    """An image with the text alternative screen-reader users hear."""

    image = ImageChooserBlock(label="Afbeelding")
    alt_text = blocks.CharBlock(
        label="Alternatieve tekst",
        required=False,
        max_length=250,
        help_text="Beschrijf wat de afbeelding laat zien. Leeg bij een decoratieve "
        "afbeelding.",
    )
    caption = blocks.CharBlock(label="Onderschrift", required=False, max_length=250)
    decorative = blocks.BooleanBlock(
        label="Alleen decoratief",
        required=False,
        help_text="Een decoratieve afbeelding wordt door schermlezers overgeslagen.",
    )

    class Meta:
        icon = "image"
        label = "Afbeelding"
        template = "cms/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Geef een alternatieve tekst, of vink 'Alleen decoratief' aan."
                    )
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it, to give a step a human voice."""

    quote = blocks.TextBlock(label="Citaat", max_length=600)
    attribution = blocks.CharBlock(
        label="Van wie",
        required=False,
        max_length=150,
        help_text="Bijvoorbeeld een functie en organisatie. Noem nooit een deelnemer.",
    )

    class Meta:
        icon = "openquote"
        label = "Citaat"
        template = "cms/blocks/quote.html"


class CallToActionValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        if page:
            return page.url
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    """A prominent button that leads to one next step."""

    text = blocks.CharBlock(label="Toelichting", required=False, max_length=250)
    button_label = blocks.CharBlock(label="Tekst op de knop", max_length=60)
    page = blocks.PageChooserBlock(label="Pagina", required=False)
    external_url = blocks.URLBlock(label="Of een webadres", required=False)

    class Meta:
        icon = "link"
        label = "Knop (oproep)"
        template = "cms/blocks/call_to_action.html"
        value_class = CallToActionValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError("Kies een pagina óf vul een webadres in.")
                }
            )
        return value


class AccordionItemBlock(blocks.StructBlock):
    """One question with its answer inside an accordion."""

    question = blocks.CharBlock(label="Vraag of titel", max_length=200)
    answer = blocks.RichTextBlock(label="Antwoord", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "Vraag en antwoord"
        template = "cms/blocks/accordion_item.html"


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open one by one, such as a FAQ."""

    heading = blocks.CharBlock(label="Kop", required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label="Vragen", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Uitklapblok / veelgestelde vragen"
        template = "cms/blocks/accordion.html"


class VideoEmbedValue(blocks.StructValue):
    def frame(self) -> embeds.Frame | None:
        """The player to offer, from the stored embed; None if it is not allowed."""
        value = self.get("embed")
        if not value:
            return None
        try:
            embed = get_embed(value.url, value.max_width, value.max_height)
        except EmbedException:
            return None
        return embeds.frame_for(embed.url, embed.html, embed.width, embed.height)


class VideoEmbedBlock(blocks.StructBlock):
    """A video from an allowed provider, loaded only when the visitor asks."""

    title = blocks.CharBlock(
        label="Titel",
        max_length=150,
        help_text="Schermlezers lezen deze titel voor het ingesloten venster voor.",
    )
    embed = EmbedBlock(label="Webadres van de video")
    transcript = blocks.RichTextBlock(
        label="Uitgeschreven tekst",
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text="Een uitgeschreven tekst maakt de video toegankelijk.",
    )

    class Meta:
        icon = "media"
        label = "Video of ingesloten medium"
        template = "cms/blocks/embed.html"
        value_class = VideoEmbedValue

    def clean(self, value):
        # Before the embed block's own check, which would ask any site for oEmbed.
        embed = value.get("embed")
        if embed and embeds.provider_for(embed.url) is None:
            raise StructBlockValidationError(
                block_errors={
                    "embed": ValidationError(
                        f"Alleen video's van {embeds.PROVIDER_NAMES} kunnen hier. "
                        "Plak het webadres van de video zelf, bijvoorbeeld "
                        "https://www.youtube.com/watch?v=…"
                    )
                }
            )
        return super().clean(value)


class ContentStreamBlock(blocks.StreamBlock):
    """The content blocks every page body offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    embed = VideoEmbedBlock()

    class Meta:
        label = "Inhoud"


class PhaseStreamBlock(ContentStreamBlock):
    """A phase page's body: content blocks and the participation blocks between them."""

    question = QuestionBlock()
    idea_board = IdeaBoardBlock()
    deepening_board = DeepeningBoardBlock()
    earlier_contributions = EarlierContributionsBlock()
    dot_vote = DotVoteBlock()
    poll = PollBlock()
    statements = StatementsBlock()
    suggestions = SuggestionsBlock()
    vote_results = ResultsBlock()
    roadmap = RoadmapBlock()
    participation = ParticipationFiguresBlock()

    class Meta:
        label = "Inhoud en deelname"
