"""Settings for production: every secret and service comes from the environment, or start-up fails naming it."""

{% if cookiecutter.sentry == "y" -%}
from config.sentry import init_sentry

{% endif -%}
from .base import *
{%- if cookiecutter.cache == "redis" %}
from .base import LOGGING, env
{%- else %}
from .base import CACHE_KEY_PREFIX, CACHE_VERSION, LOGGING, env
{%- endif %}
from .components import *
{%- if cookiecutter.cache == "redis" %}
from .components.cache import redis_cache
{%- endif %}

# Never from the environment: a stray DJANGO_DEBUG=true (e.g. in .env) must not reach production.
DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Its health check polls the socket instead of sending SELECT 1 each request (core/postgresql/).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "{{ cookiecutter.project_slug }}.core.postgresql"

{% if cookiecutter.cache == "redis" -%}
# Redis holds throttle counters and cached reads shared by every web process.
CACHES = {"default": redis_cache(env("REDIS_URL"))}
{%- else -%}
# The database cache holds throttle counters and cached reads shared by every web process;
# its table is created by the core app's migration, so `migrate` is the only deploy step.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "VERSION": CACHE_VERSION,
    }
}
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}

# Tasks go through a real broker; eager execution would run them inside web requests.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
{%- endif %}

# HTTPS: TLS ends at the proxy in front, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
{%- if cookiecutter.prometheus == "y" %}
# Probes and the scraper call the pods directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^livez$", r"^readyz$", r"^metrics$"]
{%- else %}
SECURE_REDIRECT_EXEMPT = [r"^livez$", r"^readyz$"]
{%- endif %}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    default=["https://{{ cookiecutter.domain_name }}"],
)

# Static files are compressed and fingerprinted at collectstatic time, served by WhiteNoise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: SMTP unless DJANGO_EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=True)

# Logs: one JSON object per line unless DJANGO_LOG_FORMAT=plain.
LOGGING["handlers"]["console"]["formatter"] = env("DJANGO_LOG_FORMAT", default="json")
{%- if cookiecutter.sentry == "y" %}

# Sentry: nothing is sent until SENTRY_DSN is set.
init_sentry(
    dsn=env("SENTRY_DSN", default=""),
    environment=env("SENTRY_ENVIRONMENT", default="production"),
    release=env("SENTRY_RELEASE", default="{{ cookiecutter.project_slug }}@{{ cookiecutter.version }}"),
    sample_rate=env.float("SENTRY_SAMPLE_RATE", default=1.0),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
{%- endif %}
