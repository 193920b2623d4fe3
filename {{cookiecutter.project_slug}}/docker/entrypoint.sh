#!/bin/sh
# Entry point of every container run from the image (web, worker, beat, migrations).
#
# 1. Wait until the database accepts connections (DJANGO_DB_WAIT_SECONDS, default 60), so a
#    container started beside its database does not crash-loop while the database boots.
# 2. Apply migrations only when DJANGO_MIGRATE_ON_START=true: with several replicas, migrations
#    belong to one job (the `migrate` service or the Kubernetes Job), not to every process.
# 3. Replace this shell with the command, so signals reach gunicorn or celery directly.
set -eu

wait_for_database() {
    python - <<'PYTHON'
import os
import sys
import time

import django
from django.db import connections
from django.db.utils import OperationalError

django.setup()
deadline = time.monotonic() + int(os.environ.get("DJANGO_DB_WAIT_SECONDS", "60"))
while True:
    try:
        connections["default"].ensure_connection()
    except OperationalError as error:
        if time.monotonic() > deadline:
            sys.exit(f"entrypoint: the database is still unreachable: {error}")
        print("entrypoint: waiting for the database...", file=sys.stderr)
        time.sleep(1)
    else:
        break
PYTHON
}

wait_for_database

if [ "${DJANGO_MIGRATE_ON_START:-false}" = "true" ]; then
    python manage.py migrate --noinput
fi

exec "$@"
