"""The site's URLs plus one that fails, to show the server error page for real."""

from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

BROKEN_PATH = "/kapot/"


def broken(request):
    raise RuntimeError("a failure that shows the server error page")


urlpatterns = [path(BROKEN_PATH.strip("/") + "/", broken), *site_urlpatterns]
