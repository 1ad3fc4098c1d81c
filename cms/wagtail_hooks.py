"""Admin-wide additions: a few rules the admin's own styles leave out, and what
an editor is told on publishing a step (cms/publish_checks.py)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages

from .models import PhasePage
from .publish_checks import open_days, publish_warnings


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("after_publish_page")
def tell_the_editor_about_the_published_step(request, page):
    if not isinstance(page.specific, PhasePage):
        return
    phase = page.specific
    # Wagtail styles success, warning and error messages; info shows blank.
    messages.success(request, open_days(phase))
    for warning in publish_warnings(phase):
        buttons = (
            [messages.button(warning.link, warning.link_text)] if warning.link else None
        )
        messages.warning(request, warning.text, buttons=buttons)
