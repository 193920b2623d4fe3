"""A worker process for the crash test: ``python -m <this module> [--stall] <celery worker options>``.

--stall makes the report task sleep after its transaction has committed and before the task
returns, i.e. before the message is acknowledged: the moment a crash is most dangerous.
{%- if cookiecutter.celery_broker == "redis" %}
Redis hands an unacknowledged message to another worker only after the visibility timeout; this
worker shortens it (and sweeps every second) so the test need not wait two hours.
{%- endif %}
"""

import sys
import time

import django

STALL_SECONDS = 60


def main(argv: list[str]) -> None:
    django.setup()
    from config.celery import app

    from .. import tasks

    if "--stall" in argv:
        argv.remove("--stall")
        build = tasks.daily_signup_report_build

        def build_then_stall(**kwargs):  # type: ignore[no-untyped-def]
            outcome = build(**kwargs)
            time.sleep(STALL_SECONDS)
            return outcome

        tasks.daily_signup_report_build = build_then_stall
{%- if cookiecutter.celery_broker == "redis" %}
    app.conf.broker_transport_options = {
        **app.conf.broker_transport_options,
        "visibility_timeout": 2,
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
{%- endif %}
    app.worker_main(["worker", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
