"""`{% kept_include "template" name=value … %}`: an include kept under its values.

The template sees only the values named (and what every kept fragment gets:
rendered_items.kept), so those values are all it can print, and a frozen
copy of them is an exact key. For fragments that everyone who sees the same
numbers sees alike, such as a block's results: their tables and chart cost
about two milliseconds on a voting page. Values that are not plain (a form,
a model) make it render as a plain include would.
"""

from django import template

from dialogue_blocks.rendered_items import NotPlain, frozen, kept

register = template.Library()


@register.simple_tag(takes_context=True)
def kept_include(context, template_name: str, **values) -> str:
    try:
        shown = frozen(values)
    except NotPlain:
        shown = None
    return kept(context, template_name, values, {}, shown)


@register.simple_tag(takes_context=True)
def kept_fields(context, form) -> str:
    """Every field of a KeptWhenUnbound form in its order, each through
    includes/field.html, kept while the form is unbound."""
    return kept(
        context,
        "includes/fields.html",
        {"fields": list(form)},
        {},
        form.shown(),
    )
