"""Settings shared by every environment; anything that differs is read from the environment."""

{% if cookiecutter.api_auth in ["jwt", "token"] -%}
from datetime import timedelta
{% endif -%}
from pathlib import Path
from typing import Any

import environ
{%- if cookiecutter.task_queue == "celery" %}
from kombu import Queue
{%- endif %}

BASE_DIR = Path(__file__).resolve().parents[2]
APPS_DIR = BASE_DIR / "{{ cookiecutter.project_slug }}"

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=True) and (BASE_DIR / ".env").is_file():
    # Values already in the environment win over the file.
    env.read_env(BASE_DIR / ".env")

# General
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
TIME_ZONE = "{{ cookiecutter.timezone }}"
LANGUAGE_CODE = "en-us"
USE_I18N = True
USE_TZ = True

# Databases: SQLite unless DATABASE_URL is set (production requires it).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# URLs
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ADMIN_URL = env("DJANGO_ADMIN_URL", default="admin/")

# Apps
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "corsheaders",
{%- if cookiecutter.django_version == "5.2" %}
    "csp",
{%- endif %}
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rest_framework",
{%- if cookiecutter.graphql == "graphene" %}
    "graphene_django",
{%- endif %}
{%- if cookiecutter.api_auth == "jwt" %}
    # Refresh tokens already used (or signed out) are recorded here and refused.
    "rest_framework_simplejwt.token_blacklist",
{%- elif cookiecutter.api_auth == "token" %}
    "rest_framework.authtoken",
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}
    "django_celery_beat",
    "django_celery_results",
{%- endif %}
]
LOCAL_APPS = [
    "{{ cookiecutter.project_slug }}.core",
    "{{ cookiecutter.project_slug }}.users",
{%- if cookiecutter.example_app == "ecommerce" %}
    "{{ cookiecutter.project_slug }}.shop",
{%- elif cookiecutter.example_app == "cms" %}
    "{{ cookiecutter.project_slug }}.cms",
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}
    "{{ cookiecutter.project_slug }}.reports",
{%- endif %}
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# Authentication
AUTH_USER_MODEL = "users.User"
# After the browsable API's "Log in" with no ?next=, land on the API root.
LOGIN_REDIRECT_URL = "api-root"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Middleware
MIDDLEWARE = [
    # Outermost: the request id and the metrics cover everything below, redirects included.
    "{{ cookiecutter.project_slug }}.core.request_context.RequestIdMiddleware",
{%- if cookiecutter.prometheus == "y" %}
    "{{ cookiecutter.project_slug }}.core.metrics.PrometheusMiddleware",
{%- endif %}
    "django.middleware.security.SecurityMiddleware",
    "{{ cookiecutter.project_slug }}.core.permissions_policy.PermissionsPolicyMiddleware",
{%- if cookiecutter.django_version == "5.2" %}
    "csp.middleware.CSPMiddleware",
{%- else %}
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
{%- endif %}
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Static files
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"

# Templates
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Caches. KEY_PREFIX keeps projects sharing a server apart; bump DJANGO_CACHE_VERSION when the
# shape of cached data changes, so a deploy never reads what the previous release wrote.
CACHE_KEY_PREFIX = env("DJANGO_CACHE_KEY_PREFIX", default="{{ cookiecutter.project_slug }}")
CACHE_VERSION = env.int("DJANGO_CACHE_VERSION", default=1)
{%- if cookiecutter.cache == "redis" %}


def redis_cache(url: str) -> dict[str, Any]:
    """django-redis that fails open: with IGNORE_EXCEPTIONS an outage turns every read into a miss."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "VERSION": CACHE_VERSION,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            # A circuit breaker: after one failure, calls fail at once for a few seconds.
            "REDIS_CLIENT_CLASS": "{{ cookiecutter.project_slug }}.core.redis_client.CircuitBreakerRedis",
            "IGNORE_EXCEPTIONS": True,
            # Short timeouts: a Redis that hangs costs a request half a second, not a worker.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


# Redis when REDIS_URL is set (production.py requires it), local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "VERSION": CACHE_VERSION,
        }
    }
# Log what IGNORE_EXCEPTIONS swallows, so an outage is visible while the API keeps answering.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
{%- else %}
# Local memory here; production.py switches to the database cache, shared by every process.
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "VERSION": CACHE_VERSION,
    }
}
{%- endif %}

# Sessions stay in the database: a cache outage or flush signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Email
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL",
    default="noreply@{{ cookiecutter.domain_name }}",
)

# Security headers that hold in every environment
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of this API uses, refused for it and anything it could embed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy: every script, style and font comes from this origin, never a CDN (the API
# docs' assets are served by drf-spectacular-sidecar). Swagger UI and ReDoc set inline styles
# and ReDoc starts a worker from a blob: URL; scripts stay 'self' only.
{%- if cookiecutter.graphql != "none" %}
# GraphiQL's page loads pinned copies of React and GraphiQL (core/static/core/vendor/), no inline script.
{%- endif %}
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "worker-src": ["'self'", "blob:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
{%- if cookiecutter.django_version == "5.2" %}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
{%- else %}
SECURE_CSP = CSP_DIRECTIVES
{%- endif %}

# The admin's login form: attempts per client IP and per account (core/admin_login.py), counted
# in the cache; while the cache cannot count, the form answers 503 (fails closed).
ADMIN_LOGIN_RATES = {
    "ip": env("DJANGO_ADMIN_LOGIN_RATE_IP", default="20/hour"),
    "account": env("DJANGO_ADMIN_LOGIN_RATE_ACCOUNT", default="10/hour"),
}

# Request bodies over this size are refused with 413 before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
# JSON bodies nested deeper or holding more values than this answer 400
# (core/parsers.py): Python's json module recurses per level and crashes on a 20 KB body otherwise.
JSON_MAX_DEPTH = env.int("DJANGO_JSON_MAX_DEPTH", default=32)
JSON_MAX_ITEMS = env.int("DJANGO_JSON_MAX_ITEMS", default=10_000)

# CORS: only the API answers cross-origin requests, and only to listed origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])

# Django REST framework
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
{%- if cookiecutter.api_auth == "jwt" %}
        "rest_framework_simplejwt.authentication.JWTAuthentication",
{%- elif cookiecutter.api_auth == "token" %}
        "{{ cookiecutter.project_slug }}.users.api.expiring_token.ExpiringTokenAuthentication",
{%- endif %}
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON within JSON_MAX_DEPTH and JSON_MAX_ITEMS; forms as Django reads them.
    "DEFAULT_PARSER_CLASSES": [
        "{{ cookiecutter.project_slug }}.core.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "{{ cookiecutter.project_slug }}.core.pagination.PageNumberPagination",
    "PAGE_SIZE": env.int("DJANGO_API_PAGE_SIZE", default=20),
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "{{ cookiecutter.project_slug }}.core.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "{{ cookiecutter.project_slug }}.core.throttling.AnonRateThrottle",
        "{{ cookiecutter.project_slug }}.core.throttling.UserRateThrottle",
    ],
    # Proxies in front of the app whose X-Forwarded-For entries are believed (core/client_ip.py).
    # 0 trusts none: a client cannot pick its own address to reset a per-IP limit.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("DJANGO_THROTTLE_ANON", default="100/hour"),
        "user": env("DJANGO_THROTTLE_USER", default="1000/hour"),
        # Sign-in attempts, against password guessing (users/api/throttling.py).
        "sign_in_ip": env("DJANGO_THROTTLE_SIGN_IN_IP", default="20/hour"),
        "sign_in_account": env("DJANGO_THROTTLE_SIGN_IN_ACCOUNT", default="10/hour"),
    },
    "EXCEPTION_HANDLER": "{{ cookiecutter.project_slug }}.core.exceptions.api_exception_handler",
    "DEFAULT_METADATA_CLASS": "{{ cookiecutter.project_slug }}.core.metadata.Metadata",
    "DEFAULT_SCHEMA_CLASS": "{{ cookiecutter.project_slug }}.core.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
{%- if cookiecutter.api_auth == "jwt" %}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=env.int("DJANGO_JWT_ACCESS_SECONDS", default=300)),
    "REFRESH_TOKEN_LIFETIME": timedelta(
        seconds=env.int("DJANGO_JWT_REFRESH_SECONDS", default=86400)
    ),
    "AUTH_HEADER_TYPES": ("Bearer",),
    "UPDATE_LAST_LOGIN": True,
    # Each refresh answers a new refresh token and blacklists the one used: a stolen refresh token
    # works once at most, and its replay after the owner's next refresh is refused.
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
}
{%- elif cookiecutter.api_auth == "token" %}

# A token older than this is refused (and deleted); POST /api/v1/auth/token/rotate/ swaps a live
# one for a fresh one (users/api/expiring_token.py, users/api/auth_token.py).
TOKEN_TTL = timedelta(seconds=env.int("DJANGO_TOKEN_TTL_SECONDS", default=60 * 60 * 24 * 7))
{%- endif %}

SPECTACULAR_SETTINGS = {
    "TITLE": "{{ cookiecutter.project_name }} API",
    "DESCRIPTION": "{{ cookiecutter.description }}",
    "VERSION": "{{ cookiecutter.version }}",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v[0-9]+",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "{{ cookiecutter.project_slug }}.core.openapi.add_error_responses",
    ],
}
{%- if cookiecutter.graphql != "none" %}

# GraphQL at /graphql/ ({{ cookiecutter.graphql }}). The limits are read per request and refuse a document
# before it runs. Introspection and the GraphiQL IDE are off unless local.py turns them on.
GRAPHQL_SCHEMA = "{{ cookiecutter.project_slug }}.core.graphql.schema_{{ cookiecutter.graphql }}.schema"
GRAPHQL_MAX_DEPTH = env.int("DJANGO_GRAPHQL_MAX_DEPTH", default=8)
GRAPHQL_MAX_ALIASES = env.int("DJANGO_GRAPHQL_MAX_ALIASES", default=15)
GRAPHQL_MAX_TOKENS = env.int("DJANGO_GRAPHQL_MAX_TOKENS", default=2000)
# Fields an operation may resolve, counted after fragment expansion with lists at their page
# sizes (core/graphql/cost.py); and the seconds it may run before its remaining fields fail.
GRAPHQL_MAX_COST = env.int("DJANGO_GRAPHQL_MAX_COST", default=25_000)
GRAPHQL_TIMEOUT_SECONDS = env.float("DJANGO_GRAPHQL_TIMEOUT_SECONDS", default=5.0)
GRAPHQL_INTROSPECTION = False
GRAPHQL_IDE = False
{%- endif %}

{%- if cookiecutter.task_queue == "celery" %}

# Celery. The broker comes from the environment (production requires it); without one, local.py
# and test.py run tasks eagerly in the calling process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Results live in the database (django-celery-results): the same store whichever broker is chosen,
# visible in the admin, and removed after CELERY_RESULT_EXPIRES by beat's daily backend_cleanup.
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = env.int("CELERY_RESULT_EXPIRES", default=60 * 60 * 24 * 7)
# JSON only: a pickled message from a compromised broker would run code in the worker.
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# At-least-once delivery: acknowledge after the task returns and requeue when the worker process
# dies, one message in hand per process. Tasks are therefore written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
# The furthest ahead a task may be scheduled (countdown, ETA, retry backoff); later work is beat's.
CELERY_TASK_MAX_COUNTDOWN = env.int("CELERY_TASK_MAX_COUNTDOWN", default=5 * 60)
{%- if cookiecutter.celery_broker == "redis" %}
# Redis hands an unacknowledged message to another worker once the visibility timeout has passed:
# that is how long the task of a worker killed outright (OOM killer, lost node) waits. A live worker
# holds a message for at most its countdown plus the hard time limit, so the timeout is derived
# from those two plus a margin for clock skew between hosts (60 + 300 + 90 = 450 s by default);
# anything shorter would hand a waiting or running task to a second worker. Every worker sweeps for such
# messages every 10 s, so a killed worker's task runs again within about 8 minutes.
CELERY_VISIBILITY_MARGIN = 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": (
        CELERY_VISIBILITY_MARGIN + CELERY_TASK_MAX_COUNTDOWN + CELERY_TASK_TIME_LIMIT
    ),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 5,
    "socket_timeout": 30,
}
{%- endif %}
CELERY_TASK_TRACK_STARTED = True
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
# Django's LOGGING stays in charge of the root logger (config/celery.py).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Named queues, so slow reports never hold up emails: run workers per queue with -Q at scale.
CELERY_TASK_DEFAULT_QUEUE = "default"
# Each queue is bound by its own name: a message routed to one queue lands in that queue only.
CELERY_TASK_QUEUES = tuple(
    Queue(name, routing_key=name) for name in ("default", "emails", "reports")
)
CELERY_TASK_ROUTES = {
    "*.send_*_email": {"queue": "emails"},
    "*.build_*_report": {"queue": "reports"},
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
{%- endif %}

# Logging: one record per line on stderr, with the request id. "plain" reads well in a terminal;
# "json" (production's default) is one JSON object per line for a log collector.
# python-json-logger is a formatter for the standard logging module: Django's, gunicorn's and every
# library's records come out in the same shape with no change to how code logs.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "{{ cookiecutter.project_slug }}.core.request_context.LogContextFilter"},
    },
    "formatters": {
{%- if cookiecutter.task_queue == "celery" %}
        # In a worker, [task name and id] say which task wrote the line; elsewhere they are dashes.
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] [%(task_name)s %(task_id)s] "
            "%(name)s %(message)s"
        },
{%- else %}
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"},
{%- endif %}
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": env("DJANGO_LOG_FORMAT", default="plain"),
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# Health and metrics
HEALTH_CHECK_TIMEOUT = env.float("DJANGO_HEALTH_CHECK_TIMEOUT", default=2.0)
{%- if cookiecutter.prometheus == "y" %}
# Unset: /metrics answers 404. Set: it answers only "Authorization: Bearer <this token>".
METRICS_TOKEN = env("DJANGO_METRICS_TOKEN", default="")
{%- if cookiecutter.task_queue == "celery" %}
# A Celery worker serves its own metrics on this port, under the same token (0: it serves none).
WORKER_METRICS_PORT = env.int("CELERY_METRICS_PORT", default=0)
{%- endif %}
{%- endif %}
