"""The Content-Security-Policy and Permissions-Policy every response carries.

Why django-csp: Django 5.2 has no CSP middleware of its own. django-csp (Mozilla)
is maintained, builds the header from a dict of directives, does nonces, and
lets a subclass choose the policy per request; Django 6.0's built-in CSP follows
the same model, so moving there later is a change of settings, not of pages.

Public pages get the strict policy of settings.CONTENT_SECURITY_POLICY. The
Wagtail admin gets that policy plus ADMIN_ALLOWANCES: Wagtail 8 still renders
inline scripts for date, time and chooser widgets and sets style attributes,
which no nonce can reach (widgets render without the request). frame-ancestors
follows X-Frame-Options, so the one page framed by the site itself (Wagtail's
preview, SAMEORIGIN) may be framed by it and nothing else may.
"""

from csp.constants import HEADER, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# Where cms/urls.py mounts the Wagtail admin.
ADMIN_PREFIX = "/beheer/"
# The least the admin pages staff use need beyond the public policy, measured in
# Chromium (tests/browser/test_content_security.py): Wagtail's widget scripts
# and the style elements and attributes its editor sets. Event-handler
# attributes stay blocked; the preview panel frames the site itself.
ADMIN_ALLOWANCES = {
    "script-src-elem": [SELF, UNSAFE_INLINE],
    "script-src-attr": [NONE],
    "style-src": [UNSAFE_INLINE],
    "frame-src": [SELF],
}
FRAME_ANCESTORS = {"SAMEORIGIN": [SELF]}


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's allowances and Permissions-Policy.

    It sits above Django's XFrameOptionsMiddleware, so X-Frame-Options is set
    when this one writes its headers.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        update = dict(parts.update or {})
        if is_admin(request):
            update = {**ADMIN_ALLOWANCES, **update}
        framing = response.headers.get("X-Frame-Options", "").upper()
        parts.replace = {
            "frame-ancestors": FRAME_ANCESTORS.get(framing, [NONE]),
            **(parts.replace or {}),
        }
        parts.update = update
        return parts

    def process_response(self, request, response):
        if is_admin(request):
            # Wagtail's preview renders the page through the middleware with a
            # made-up public request, whose policy (framing: 'none') would stick.
            response.headers.pop(HEADER, None)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return super().process_response(request, response)


def is_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)
