"""Fast, isolated settings for the test suite; services only when their URL is given."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("SEARCH_INDEX_PREFIX", "test-rembuk")

from config.settings.base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not EMAIL_FILE_PATH:  # noqa: F405 - the browser tests' server writes an outbox folder
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:  # noqa: F405
    # Each pytest-xdist worker gets its own Redis database, so one worker's cache.clear() or
    # channel groups never touch another's.
    from urllib.parse import urlsplit, urlunsplit

    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _parts = urlsplit(REDIS_URL)  # noqa: F405
    _database = int(_parts.path.strip("/") or 0) + _worker
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{_database}"))
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "test-rembuk"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [REDIS_URL]  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
FORUM_READERS_INTERVAL = 0  # announce reader counts at once, so tests need not wait
