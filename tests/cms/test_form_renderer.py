"""Django's own widgets are kept once rendered (cms/form_renderer.py): a kept
widget shows what a fresh one shows, and never another person's input."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from cms.form_renderer import KeptWidgetRenderer
from dialogue_blocks.rendered_items import KEPT


class Everything(forms.Form):
    kind = forms.ChoiceField(
        widget=forms.RadioSelect, choices=[("idee", "Idee"), ("zorg", "Zorg")]
    )
    theme = forms.ChoiceField(choices=[("", "Kies een thema"), (3, "Slagkracht")])
    text = forms.CharField(widget=forms.Textarea(attrs={"maxlength": 800}))
    points = forms.IntegerField(min_value=0, max_value=5)
    agree = forms.BooleanField(required=False)


def rendered(form_data, renderer) -> list[str]:
    form = Everything(form_data, renderer=renderer)
    return [str(form[name]) for name in form.fields]


@pytest.mark.parametrize(
    "data",
    [None, {"kind": "zorg", "theme": "3", "text": "Eén <b>regel</b>", "points": "2"}],
)
def test_a_kept_widget_is_what_django_renders_fresh(data):
    fresh = rendered(data, TemplatesSetting())
    kept = KeptWidgetRenderer()
    assert rendered(data, kept) == fresh
    assert len(KEPT.entries) >= 5
    assert rendered(data, kept) == fresh  # now from memory


def test_a_person_sees_their_own_input_not_what_was_kept_before():
    renderer = KeptWidgetRenderer()
    rendered(None, renderer)
    rendered({"text": "Eerste", "points": "1", "agree": "on"}, renderer)
    second = rendered({"text": "Tweede", "points": "4"}, renderer)
    assert ">\nTweede</textarea>" in second[2]
    assert 'value="4"' in second[3]
    assert "checked" not in second[4]


def test_text_kept_as_safe_markup_is_still_escaped_as_plain_text():
    renderer = KeptWidgetRenderer()
    widget = forms.TextInput()
    safe = widget.render("naam", mark_safe("<b>"), renderer=renderer)
    plain = widget.render("naam", "<b>", renderer=renderer)
    assert 'value="<b>"' in safe
    assert 'value="&lt;b&gt;"' in plain
    # 1, 1.0 and True are equal in Python, not on the page.
    one = forms.TextInput().render("n", 1, renderer=renderer)
    assert 'value="1"' in one
    assert 'value="True"' in forms.TextInput().render("n", True, renderer=renderer)
