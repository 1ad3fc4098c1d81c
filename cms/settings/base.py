"""Settings shared by every environment; each value can come from the environment."""

import os
import shutil
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from cms import embeds

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


INSTALLED_APPS = [
    "home",
    "cms",
    "dialogue_blocks",
    "search",
    "invitations",
    "moderation",
    "insights",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "captcha",
    "csp",
    "anymail",
    "django_tasks",
    "django_tasks_db",
    # wagtail-modeladmin builds its listings on the Django admin's helpers (no URLs).
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above XFrameOptionsMiddleware: frame-ancestors follows X-Frame-Options.
    "cms.security_headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.admin_guards.DropOutOfRangeKeysMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_menu",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"
# Widgets render through TEMPLATES, so templates/ can restyle them (the captcha),
# and Django's own are kept once rendered (cms/form_renderer.py).
FORM_RENDERER = "cms.form_renderer.KeptWidgetRenderer"

# SQLite in the project folder is the embedded default for trying the site;
# production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        # A kept connection is checked before a request reuses it: after the
        # database was away, the first request reconnects instead of failing.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The key from which each dialogue's pseudonym key is derived. It lives outside the
# database, so a database leak alone never links a participant to an e-mail address.
DIALOGUE_PSEUDONYM_KEY = os.environ.get("DIALOGUE_PSEUDONYM_KEY", "")

WAGTAIL_SITE_NAME = "Verenigingsdialoog VNG"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Dutch stemming on PostgreSQL ("bewaard" finds "bewaren"); SQLite has none.
# After changing it, rebuild the index: python manage.py update_index.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
# Only the providers in cms/embeds.py are asked for a video's details.
WAGTAILEMBEDS_FINDERS = embeds.EMBED_FINDERS
# Staff avatars would come from Gravatar: a third party told when who works.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The dashboard would ask releases.wagtail.org for a newer version on every visit.
WAGTAIL_ENABLE_UPDATE_CHECK = False

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dialoog@vng.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_")
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

SHARED_CACHE = {
    "BACKEND": os.environ.get(
        "CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
    ),
    "LOCATION": os.environ.get("CACHE_LOCATION", "dialoog"),
}
# "limits" holds the rate limits and the used sign-up links: it must be shared by
# every app server (Redis beyond one machine), or a limit holds per process only.
CACHES = {
    "default": SHARED_CACHE,
    "limits": {**SHARED_CACHE, "KEY_PREFIX": "limits"},
}

CAPTCHA_FONT_SIZE = 32
CAPTCHA_LETTER_ROTATION = (-25, 25)
# The audio alternative: the package runs a speech program as it would run flite;
# ours, `captcha-speech` (installed next to Python by pip, see pyproject.toml),
# speaks the letters in Dutch with espeak-ng, a system dependency (see README).
# Without either no audio is offered, and `manage.py check` says so.
CAPTCHA_SPEECH_PROGRAM = Path(sys.executable).with_name("captcha-speech")
CAPTCHA_FLITE_PATH = (
    str(CAPTCHA_SPEECH_PROGRAM)
    if CAPTCHA_SPEECH_PROGRAM.exists() and shutil.which("espeak-ng")
    else None
)
CAPTCHA_CHALLENGE_FUNCT = "invitations.captcha_speech.unambiguous_letters"

# Sessions live in a signed cookie, not in the database: a session row would keep
# which participant a browser is, next to when it signed in.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Wagtail allows its own preview frame per view; everything else refuses framing.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Everything a page loads comes from the site itself; frames only from the video
# providers editors may embed (cms/embeds.py), and only after a visitor's click.
# No inline script or style: what a page does is in static/. The admin's few
# allowances, and frame-ancestors per response, are in cms/security_headers.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": list(embeds.FRAME_ORIGINS),
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features stay off; the video players may go full screen.
_players = " ".join(f'"{origin}"' for origin in embeds.FRAME_ORIGINS)
PERMISSIONS_POLICY = ", ".join(
    [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    ]
    + [
        f"{feature}=(self {_players})"
        for feature in ("autoplay", "fullscreen", "picture-in-picture")
    ]
)

# Requests are logged without client addresses or user agents, and no log line
# holds a link token, an e-mail address or the values a database error repeats
# (cms/log_redaction.py): anonymity includes the logs. The filter sits on the
# handler, so every record that reaches it passes, whichever logger it came from.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "cms.log_redaction.RedactPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "filters": ["redact"], "level": "WARNING"},
    "loggers": {
        # On the loggers too, for handlers a library adds to them later.
        name: {
            "handlers": ["console"],
            "filters": ["redact"],
            "level": level,
            "propagate": False,
        }
        for name, level in (
            ("django", "INFO"),
            ("django.request", "WARNING"),
            ("django.server", "INFO"),
            # SQL with its parameters, at DEBUG, if someone turns it on.
            ("django.db.backends", os.environ.get("DB_LOG_LEVEL", "WARNING")),
        )
    },
}

# Joining the dialogue (see README, "Privacy").
ACCESS_LINK_VALID_DAYS = int(os.environ.get("ACCESS_LINK_VALID_DAYS", 30))
PARTICIPANT_SESSION_DAYS = int(os.environ.get("PARTICIPANT_SESSION_DAYS", 30))
# Link e-mails are throttled per address and per dialogue in the shared cache,
# never per IP address (a whole town hall shares one) or in the client's cookie.
LINK_REQUESTS_PER_ADDRESS_PER_HOUR = 3
LINK_MAILS_PER_DIALOGUE_PER_HOUR = int(
    os.environ.get("LINK_MAILS_PER_DIALOGUE_PER_HOUR", 2000)
)

# Moderation: how long an item may wait before queue health turns red, and the
# least time between two e-mails to one moderator.
MODERATION_SERVICE_LEVEL_HOURS = int(
    os.environ.get("MODERATION_SERVICE_LEVEL_HOURS", 4)
)
MODERATOR_MAIL_INTERVAL_MINUTES = 15
