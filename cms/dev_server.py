"""Development only: e-mailed links name the address this server is answering on.

Links in e-mails are absolute and take their host from the default Site. In
production staff set it (Instellingen → Sites); in development the server may
run on any host and port, so the Site follows the address requests arrive at.
"""

from django.http.request import split_domain_port
from wagtail.models import Site


def point_default_site_at(hostname: str, port: int) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()  # save(), not update(): Wagtail's cached site paths go too


class FollowServedAddressMiddleware:
    """Point the default Site at the host and port of the requests (DEBUG only)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.synced: tuple[str, int] | None = None

    def __call__(self, request):
        # The Host header holds the address the browser used.
        hostname, port = split_domain_port(request.get_host())
        address = (hostname, int(port or request.get_port()))
        if address != self.synced:
            point_default_site_at(*address)
            self.synced = address
        return self.get_response(request)
