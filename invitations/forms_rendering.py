"""Form fields that tell assistive technology about their help text and errors."""

from django import forms
from django.forms.boundfield import BoundField


class AccessibleBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.errors:
            attrs["aria-invalid"] = "true"
            described_by.append(f"{self.auto_id}_error")
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class AccessibleForm(forms.Form):
    bound_field_class = AccessibleBoundField


def posted_data(request):
    """The POST data to bind a form to, or None on GET.

    `request.POST or None` would leave a form unbound when a POST arrives empty,
    so a form without required input would neither save nor show its errors.
    """
    return request.POST if request.method == "POST" else None
