"""The content blocks render as accessible HTML and refuse incomplete input."""

import pytest
import wagtail_factories
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from cms.blocks import (
    AccordionBlock,
    CallToActionBlock,
    ContentStreamBlock,
    ImageBlock,
    QuoteBlock,
)

pytestmark = pytest.mark.django_db


def test_call_to_action_needs_exactly_one_target(home_page):
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"button_label": "Doe mee"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python(
                {
                    "button_label": "Doe mee",
                    "page": home_page.pk,
                    "external_url": "https://vng.nl",
                }
            )
        )
    value = block.clean(
        block.to_python({"button_label": "Doe mee", "page": home_page.pk})
    )
    assert f'href="{home_page.url}"' in block.render(value)


def test_image_needs_alt_text_unless_decorative():
    image = wagtail_factories.ImageFactory()
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": ""}))
    assert "alternatieve tekst" in str(error.value.block_errors["alt_text"])
    decorative = block.clean(block.to_python({"image": image.pk, "decorative": True}))
    assert 'alt=""' in block.render(decorative)
    described = block.clean(block.to_python({"image": image.pk, "alt_text": "Kaart"}))
    assert 'alt="Kaart"' in block.render(described)


def test_accordion_uses_native_disclosure_widgets():
    block = AccordionBlock()
    value = block.to_python(
        {
            "heading": "Vragen",
            "items": [{"question": "Ben ik anoniem?", "answer": "<p>Ja.</p>"}],
        }
    )
    html = block.render(value)
    assert "<details" in html and "<summary>Ben ik anoniem?</summary>" in html


def test_quote_keeps_line_breaks_and_escapes_markup():
    block = QuoteBlock()
    html = block.render(
        block.to_python({"quote": "Eerste regel\n<b>tweede</b>", "attribution": "x"})
    )
    assert "Eerste regel<br>&lt;b&gt;tweede&lt;/b&gt;" in html


def test_stream_offers_every_content_block():
    assert set(ContentStreamBlock().child_blocks) == {
        "heading",
        "paragraph",
        "image",
        "quote",
        "call_to_action",
        "accordion",
        "embed",
    }


def test_paragraph_renders_rich_text():
    stream = ContentStreamBlock()
    value = stream.to_python(
        [{"type": "paragraph", "value": "<p>Hallo <b>leden</b></p>"}]
    )
    assert "<b>leden</b>" in str(value[0].render())
    assert isinstance(value[0].value, RichText)
