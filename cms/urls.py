from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.admin_guards import NON_NUMERIC_CHOSEN_KEY, key_not_found
from insights import views as insights_views
from invitations import views as invitation_views
from search import views as search_views

# Pages must not fail on the database a second time while telling it failed.
handler500 = "cms.errors.server_error"

urlpatterns = [
    re_path(NON_NUMERIC_CHOSEN_KEY, key_not_found),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", search_views.search, name="search"),
    path("captcha/", include("captcha.urls")),
    path(
        "geen-mail-meer/<int:dialogue_id>/<str:token>/",
        invitation_views.unsubscribe,
        name="unsubscribe",
    ),
    # The report's files, next to the report page that Wagtail's page route serves.
    re_path(
        r"^(?P<dialogue_slug>[-\w]+)/rapport\.(?P<extension>pdf|xlsx)$",
        insights_views.report_file_view,
        name="report_file",
    ),
    # The provider's delivery reports, behind ANYMAIL["WEBHOOK_SECRET"].
    path("anymail/", include("anymail.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
