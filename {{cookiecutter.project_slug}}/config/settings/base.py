"""Settings shared by every environment; each integration chosen adds its own from components/."""

from pathlib import Path
from typing import Any

import environ

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
# Its health check polls the socket instead of sending SELECT 1 each request (core/postgresql/).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "{{ cookiecutter.project_slug }}.core.postgresql"
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
    # django-celery-beat, its crontabs' time zones loaded on first use rather than at start-up.
    "{{ cookiecutter.project_slug }}.core.lazy_time_zones.PeriodicTasksConfig",
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
# Local memory unless components/cache.py (Redis) replaces it; production.py picks the shared one.
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "VERSION": CACHE_VERSION,
    }
}

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
# Where production's HTTPS redirect (SECURE_SSL_REDIRECT) stands aside: the probes call the pods
# directly over plain HTTP. components/metrics.py adds the scraper's path.
SECURE_REDIRECT_EXEMPT = [r"^livez$", r"^readyz$"]
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
        "{{ cookiecutter.project_slug }}.users.api.jwt_authentication.JWTAuthentication",
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
    # components/cache.py (Redis) replaces these with classes that count in one round trip.
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
        # components/celery.py adds the task's name and id in a worker.
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"},
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
