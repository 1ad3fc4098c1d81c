"""Local development: DEBUG on, e-mail to the console, a fixed development key."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-not-for-production"  # noqa: F405, S105
DIALOGUE_PSEUDONYM_KEY = DIALOGUE_PSEUDONYM_KEY or "dev-only-pseudonym-key"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# Links in e-mails follow the host and port this server is reached on.
MIDDLEWARE = [*MIDDLEWARE, "cms.dev_server.FollowServedAddressMiddleware"]  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
