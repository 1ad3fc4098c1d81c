"""Django's own widgets, rendered once per process and then kept.

Django draws every input through a template: a select and each of its
options, a radio group and each of its choices, and the attributes of each.
On a phase page that was a tenth of the time: an idea board's form alone took
about two milliseconds. A widget's template prints its context and nothing
else, and that context is made of plain values (its name, value, attributes
and choices). So the context itself is an exact key: the HTML is kept in this
process's memory (rendered_items.KEPT) under the template's name and a frozen
copy of the context, compared in full on every hit.

Only Django's own widget templates are kept: ours (the captcha with its fresh
challenge, the municipality search) render as before, and so does anything
whose context holds more than plain values (a form, a field, a list of
errors) or that is given a request.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.translation import get_language

from dialogue_blocks.rendered_items import KEPT, NotPlain, frozen

KEPT_TEMPLATES = "django/forms/widgets/"


def key_of(template_name: str, context, request) -> tuple | None:
    if request is not None or not template_name.startswith(KEPT_TEMPLATES):
        return None
    try:
        return (template_name, frozen(context), get_language())
    except NotPlain:
        return None


class KeptWidgetRenderer(TemplatesSetting):
    """TEMPLATES renders the widgets (templates/ may restyle them), and
    Django's own are kept under what they show."""

    def render(self, template_name, context, request=None):
        key = key_of(template_name, context, request)
        html = KEPT.get(key) if key else None
        if html is None:
            html = super().render(template_name, context, request)
            if key:
                KEPT.keep(key, html)
        return html
