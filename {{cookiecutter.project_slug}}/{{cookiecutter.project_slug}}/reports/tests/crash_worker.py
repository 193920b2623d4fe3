"""A worker process for the crash test: ``python -m <this module> [--stall] <celery worker options>``.

--stall makes the report task write the id of the process running it to the file named by
CRASH_WORKER_PID_FILE, then sleep after its transaction has committed and before the task
returns, i.e. before the message is acknowledged: the moment a crash is most dangerous.
{%- if cookiecutter.celery_broker == "redis" %}
The test shortens Redis's visibility timeout through CELERY_TEST_VISIBILITY_TIMEOUT (read by the
test settings), so it need not wait the minutes production derives from the time limits.
{%- endif %}
"""

import os
import sys
import time
from pathlib import Path

import django

STALL_SECONDS = 60


def main(argv: list[str]) -> None:
    django.setup()
    from config.celery import app

    from .. import services

    if "--stall" in argv:
        argv.remove("--stall")
        build = services.daily_signup_report_build
        pid_file = Path(os.environ["CRASH_WORKER_PID_FILE"])

        def build_then_stall(**kwargs):
            outcome = build(**kwargs)
            pid_file.write_text(str(os.getpid()))
            time.sleep(STALL_SECONDS)
            return outcome

        services.daily_signup_report_build = build_then_stall
    app.worker_main(["worker", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
