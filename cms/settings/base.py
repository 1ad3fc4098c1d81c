"""Settings shared by every environment; each value can come from the environment."""

import os
import shutil
import sys
from pathlib import Path

import dj_database_url

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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
# Widgets render through TEMPLATES, so templates/ can restyle them (the captcha).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# SQLite in the project folder is the embedded default for trying the site;
# production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
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
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

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

CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("CACHE_LOCATION", "dialoog"),
    }
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

# Requests are logged without client addresses or user agents: anonymity includes
# the logs.
# Django's request loggers print paths, which may hold a link token, and pass the
# request along, which holds the client address: both are taken out.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "cms.log_redaction.RedactTokensFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "filters": ["redact_tokens"],
            "level": "WARNING",
            "propagate": False,
        },
        "django.server": {
            "handlers": ["console"],
            "filters": ["redact_tokens"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

# Joining the dialogue (see README, "Privacy").
ACCESS_LINK_VALID_DAYS = int(os.environ.get("ACCESS_LINK_VALID_DAYS", 30))
PARTICIPANT_SESSION_DAYS = int(os.environ.get("PARTICIPANT_SESSION_DAYS", 30))
# Link e-mails are throttled per address and per browser session, never per IP
# address: a whole town hall shares one.
LINK_REQUESTS_PER_ADDRESS_PER_HOUR = 3
LINK_REQUESTS_PER_SESSION_PER_HOUR = 5

# Moderation: how long an item may wait before queue health turns red, and the
# least time between two e-mails to one moderator.
MODERATION_SERVICE_LEVEL_HOURS = int(
    os.environ.get("MODERATION_SERVICE_LEVEL_HOURS", 4)
)
MODERATOR_MAIL_INTERVAL_MINUTES = 15
