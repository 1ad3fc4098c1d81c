from dataclasses import dataclass

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import ContentStreamBlock
from cms.models import DialoguePage
from dialogue_blocks import session


class HomePage(Page):
    """The site root: what the site is for, and the dialogues that run on it."""

    intro = models.TextField("inleiding", max_length=600, blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name="inhoud", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.DialoguePage", "cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "startpagina"

    def dialogues(self):
        return DialoguePage.objects.live().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["dialogues"] = [
            RunningDialogue(
                dialogue,
                dialogue.current_phase(),
                session.participant_for(request, dialogue),
            )
            for dialogue in self.dialogues()
        ]
        return context


@dataclass(frozen=True)
class RunningDialogue:
    """A dialogue on the home page: where it stands, and whether you take part."""

    page: DialoguePage
    current_phase: object  # PhasePage | None
    participant: object  # Participant | None
