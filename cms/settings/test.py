"""Tests: the database from DATABASE_URL (PostgreSQL in CI), e-mail kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key"  # noqa: S105
DIALOGUE_PSEUDONYM_KEY = "test-pseudonym-key"
ALLOWED_HOSTS = ["*"]
# Hashing passwords slowly only slows the suite.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Wagtail caches Site lookups; a shared cache would leak them between tests.
# The limits cache must really count; tests clear it (tests/conftest.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
