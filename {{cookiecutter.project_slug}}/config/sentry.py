"""Error reporting to Sentry: a no-op until SENTRY_DSN is set, and never sends personal data.

sentry-sdk is imported only when a DSN is set: without one, no process loads its ~70 modules
(start-up time and memory in every web worker).
"""

# Keys whose values never leave the process, added to sentry-sdk's DEFAULT_DENYLIST (passwords,
# tokens, cookies, authorization headers; IP addresses too while send_default_pii is off): what
# this API's bodies and local variables call secrets or personal data.
DENYLIST = [
    "access",
    "email",
    "key",
    "refresh",
    "secret_key",
]


def init_sentry(
    *,
    dsn: str,
    environment: str,
    release: str,
    sample_rate: float,
    traces_sample_rate: float,
) -> bool:
    """Start the SDK when a DSN is given; return whether it started."""
    if not dsn:
        return False
    import sentry_sdk
{%- if cookiecutter.task_queue == "celery" %}
    from sentry_sdk.integrations.celery import CeleryIntegration
{%- endif %}
    from sentry_sdk.integrations.django import DjangoIntegration
{%- if cookiecutter.cache == "redis" or (cookiecutter.task_queue == "celery" and cookiecutter.celery_broker == "redis") %}
    from sentry_sdk.integrations.redis import RedisIntegration
{%- endif %}
    from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        sample_rate=sample_rate,
        traces_sample_rate=traces_sample_rate,
        integrations=[
            DjangoIntegration(),
{%- if cookiecutter.task_queue == "celery" %}
            CeleryIntegration(monitor_beat_tasks=True),
{%- endif %}
{%- if cookiecutter.cache == "redis" or (cookiecutter.task_queue == "celery" and cookiecutter.celery_broker == "redis") %}
            RedisIntegration(),
{%- endif %}
        ],
        # send_default_pii is left unset, which means off: sentry-sdk 2.7x deprecates passing it,
        # and its successor (data_collection) would switch the event scrubber below off.
        # Request bodies hold passwords and personal data: send none, whatever the scrubber knows.
        max_request_body_size="never",
        event_scrubber=EventScrubber(denylist=[*DEFAULT_DENYLIST, *DENYLIST], recursive=True),
    )
    return True
