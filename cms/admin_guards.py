"""Guards for Wagtail's own admin views against keys that cannot name a record.

cms/modeladmin.py makes our listings and record pages lenient; these two cover
what Wagtail itself passes to the database unchecked:
- a chooser's "chosen" view takes its key as text and queries with it, so
  `images/chooser/chosen/abc/` fails in the query. Every model staff choose here
  (pages, images, documents, our snippets) has a numeric key, so a key with
  anything but digits is answered 404 before Wagtail sees it;
- a filter given a number beyond 64 bits (`?group=99999999999999999999`) makes
  SQLite's driver fail; no row has such a key in any database, so the parameter
  is dropped, as an unusable filter value is ignored elsewhere.
"""

import re

from django.http import Http404, QueryDict

from cms.security_headers import is_admin

# The route (before Wagtail's admin) that catches non-numeric chooser keys.
NON_NUMERIC_CHOSEN_KEY = r"^beheer/(?:.+/)?chosen/(?P<pk>[^/]*[^0-9/][^/]*)/$"
LARGEST_KEY = 2**63 - 1
DIGITS = re.compile(r"-?\d+")


def key_not_found(request, pk):
    raise Http404


def beyond_any_key(value: str) -> bool:
    digits = value.strip().lstrip("-")
    if not DIGITS.fullmatch(value.strip()):
        return False
    # Long strings of digits are not even converted (Python limits int()).
    return len(digits) > len(str(LARGEST_KEY)) or int(digits) > LARGEST_KEY


class DropOutOfRangeKeysMiddleware:
    """Admin query values that are integers no key column can hold are dropped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin(request):
            request.GET = without_out_of_range_keys(request.GET)
        return self.get_response(request)


def without_out_of_range_keys(query: QueryDict) -> QueryDict:
    if not any(
        beyond_any_key(value) for _, values in query.lists() for value in values
    ):
        return query
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        usable = [value for value in values if not beyond_any_key(value)]
        if usable:
            kept.setlist(name, usable)
    kept._mutable = False
    return kept
