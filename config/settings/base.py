"""Settings shared by every environment. Deploy-time values come from ``config.env`` only."""

from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from config.env import (
    InvalidEnvironment,
    env_bool,
    env_database,
    env_int,
    env_list,
    env_required,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise InvalidEnvironment(
            "Environment variable SECRET_KEY is required when DJANGO_DEBUG is off."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "accounts",
    "cms",
    "consultations",
    "forums",
    "search",
    "config",  # operations that drive every app: run_scheduler
    "demo",  # load_demo: demo content built through the services
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "channels",
    "servestatic",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "accounts.middleware.RateLimitResponseMiddleware",
    "config.security.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
                "accounts.context_processors.account_layout",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE avoids "database is locked"
    # upgrades when several ASGI requests write at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"].pop("CONN_HEALTH_CHECKS", None)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, so that a Redis outage reads as a cache miss: pages, sign-in and
            # posting over HTTP keep working while it restarts (/healthz reports it).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "rembuk"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    # channels-redis offers two layers; bench/fanout.py measures both (see README).
    _LAYERS = {
        "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "core": "channels_redis.core.RedisChannelLayer",
    }
    _layer = env_str("CHANNEL_LAYER", "pubsub")
    if _layer not in _LAYERS:
        raise InvalidEnvironment(
            f"Environment variable CHANNEL_LAYER must be one of {', '.join(_LAYERS)}, got {_layer!r}."
        )
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": _LAYERS[_layer],
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env_str("CHANNELS_PREFIX", "rembuk")},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

ELASTICSEARCH_URL = env_url("ELASTICSEARCH_URL", schemes=("http", "https"))
# PostgreSQL memory for one comment search (keeps its bitmaps exact on large consultations).
SEARCH_WORK_MEM = env_str("SEARCH_WORK_MEM", "64MB")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "rembuk")
# How every search engine turns Indonesian text into terms (search/analysis.py; chosen by
# bench/relevance.py). Changing it needs `manage.py search_index --rebuild`.
_SEARCH_PIPELINES = ("sastrawi+normalisation", "sastrawi", "snowball+normalisation", "snowball")
SEARCH_PIPELINE = env_str("SEARCH_PIPELINE", "sastrawi+normalisation")
# Comments join campaigns as they are indexed; a full detection pass over each consultation with
# new input keeps the groups whole, this often (run_scheduler).
CAMPAIGN_PASS_INTERVAL = env_int("CAMPAIGN_PASS_INTERVAL", 3600, minimum=60)
if SEARCH_PIPELINE not in _SEARCH_PIPELINES:
    raise InvalidEnvironment(
        f"Environment variable SEARCH_PIPELINE must be one of {', '.join(_SEARCH_PIPELINES)}, "
        f"got {SEARCH_PIPELINE!r}."
    )
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{SEARCH_INDEX_PREFIX}-pages-",
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email is the login, and it must be verified.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Rembuk] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
ACCOUNT_CHANGE_EMAIL = True  # one address per account; a new one must be verified first
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "change_password": "5/m/user",
    "manage_email": "10/h/user",
    "confirm_email": "1/3m/key",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Rembuk"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS: dict = {}
# Social login is off unless a provider's credentials are in the environment.
if env_str("SOCIAL_GOOGLE_CLIENT_ID"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.google")
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [
            {
                "client_id": env_str("SOCIAL_GOOGLE_CLIENT_ID"),
                "secret": env_required(
                    "SOCIAL_GOOGLE_SECRET", "when SOCIAL_GOOGLE_CLIENT_ID is set"
                ),
            }
        ],
        "SCOPE": ["openid", "email", "profile"],
    }
if env_str("SOCIAL_OIDC_SERVER_URL"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.openid_connect")
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env_str("SOCIAL_OIDC_ID", "sso"),
                "name": env_str("SOCIAL_OIDC_NAME", "Single sign-on"),
                "client_id": env_required(
                    "SOCIAL_OIDC_CLIENT_ID", "when SOCIAL_OIDC_SERVER_URL is set"
                ),
                "secret": env_required("SOCIAL_OIDC_SECRET", "when SOCIAL_OIDC_SERVER_URL is set"),
                "settings": {
                    "server_url": env_url("SOCIAL_OIDC_SERVER_URL", schemes=("https", "http"))
                },
            }
        ]
    }

LANGUAGE_CODE = "id"
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
# The project's catalogues, then our Indonesian for Wagtail admin messages that Wagtail's own
# catalogue leaves untranslated, and for django-allauth's messages that break the glossary
# (locale/glossary.toml): both written by hand; `make messages` never touches them.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale/wagtail", BASE_DIR / "locale/allauth"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Rembuk"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "staff_sign_in"  # signs visitors in through allauth, tells others once
WAGTAIL_USER_CUSTOM_FIELDS = ["display_name"]
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_DOCUMENT_MODEL = "cms.PolicyDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.documents.PolicyDocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []  # always a download, never rendered inline
WAGTAIL_PASSWORD_RESET_ENABLED = False  # accounts are managed by allauth (with MFA)
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no staff email hashes sent to a third party
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
ADMIN_URL_PATH = env_str("ADMIN_URL_PATH", "admin").strip("/") or "admin"

# Security headers, in every environment so tests and browsers see what production sends.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_URL_PATH}/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin needs inline styles and its own inline scripts; it is staff-only behind MFA.
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
PERMISSIONS_POLICY = {
    "accelerometer": [], "camera": [], "geolocation": [], "gyroscope": [], "magnetometer": [],
    "microphone": [], "payment": [], "usb": [], "browsing-topics": [],
}  # fmt: skip
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Consultations: limits on comments, all adjustable per deployment.
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 5000, minimum=100)
COMMENT_EDIT_WINDOW_MINUTES = env_int("COMMENT_EDIT_WINDOW_MINUTES", 15)
COMMENT_ATTACHMENT_MAX_BYTES = env_int("COMMENT_ATTACHMENT_MAX_MB", 10, minimum=1) * 1024 * 1024
COMMENT_ATTACHMENTS_MAX = env_int("COMMENT_ATTACHMENTS_MAX", 3)
COMMENT_PAGE_SIZE = env_int("COMMENT_PAGE_SIZE", 20, minimum=1)
ACCOUNT_RATE_LIMITS["comment"] = env_str("COMMENT_RATE_LIMIT", "5/m/user,30/h/user,60/h/ip")

# Forums: posts per person per minute, over every connection and the HTTP form together.
FORUM_POSTS_PER_MINUTE = env_int("FORUM_POSTS_PER_MINUTE", 10, minimum=1)

# Retention of personal data kept for accountability (days).
IP_ADDRESS_RETENTION_DAYS = env_int("IP_ADDRESS_RETENTION_DAYS", 90, minimum=1)
MODERATION_LOG_RETENTION_DAYS = env_int("MODERATION_LOG_RETENTION_DAYS", 365 * 5, minimum=30)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "servestatic.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
elif EMAIL_FILE_PATH := env_str("EMAIL_FILE_PATH"):
    # An outbox folder, one file per message: for demo and test servers that send no mail.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Rembuk <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (emails, search indexing) goes to a queue in the database; `manage.py db_worker`
# runs it (`make run` starts one). TASK_BACKEND=immediate runs tasks in the request instead.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASK_BACKEND", "database")
if _task_backend not in _TASK_BACKENDS:
    raise InvalidEnvironment(
        f"Environment variable TASK_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, "
        f"got {_task_backend!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
