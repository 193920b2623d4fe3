"""Fuzzing the API from its own OpenAPI schema: no 5xx, and every answer fits the schema.

schemathesis reads /api/schema/ and, for every operation, generates requests that fit the schema
(positive) and requests that break it (negative). They go in-process through the WSGI app as an
anonymous caller, a signed-in user and a staff member, and every response goes through every check
schemathesis has (``--checks all``) but the ones named in EXCLUDED, among them:

- not_a_server_error: no 5xx, ever.
- status_code_conformance: the status is one the schema documents (every operation documents 4XX
  with the common error body, see core/openapi.py).
- content_type_conformance, response_headers_conformance, response_schema_conformance: the body
  and headers are what the schema says for that status.
- missing_required_header, unsupported_method, allow_header_conformance: a missing header or an
  undocumented method is refused, and a 405 names the methods allowed.
- ignored_auth (anonymous caller): an operation whose schema asks for credentials refuses made-up
  ones; with ``{}`` listed for anonymous operations (core/openapi.py) the schema says which those are.

MAX_EXAMPLES bounds the run: operations x 2 modes x 3 callers x MAX_EXAMPLES cases at most. Each
test records how many cases it ran as the ``schemathesis_cases`` property (JUnit XML) and prints
it (``pytest -rP``). The fuzz tests are the slowest of the suite: they carry the ``fuzz`` marker,
which the quick loop (``uv run pytest``) leaves out and ``make test-all`` and CI run.
"""

import os
from collections import Counter
from collections.abc import Callable

import pytest
import schemathesis
import schemathesis.specs.openapi.checks  # registers the OpenAPI checks
from django.conf import settings as django_settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as ALL_CHECKS

from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

# Small by default so CI stays fast; FUZZ_MAX_EXAMPLES=200 for a deep run.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "4"))
# Every check schemathesis has, but these, and why.
EXCLUDED = {
    # A request that fits the schema can still be refused for reasons a schema cannot express: a
    # common password, an email already taken, an order for an address that is not yours.
    "positive_data_acceptance",
    # Some schema-breaking requests are rightly answered 2xx: DRF coerces JSON scalars on purpose
    # (the number 5 is the name "5"), django-filter reads a boolean filter that is neither true
    # nor false as "no filter", and DRF ignores an empty ?format=. Integers are strict: page and
    # page_size refuse null, 0 and words with 400 (test_bad_input.py).
    "negative_data_rejection",
    # Stateful checks for create/read/delete by id: they need schemathesis' stateful runner and
    # links between operations. Object permissions: users/tests/test_object_permissions.py.
    "use_after_free",
    "ensure_resource_availability",
    "object_level_authorization",
}
# Signed-in runs pass their session cookie as an extra; ignored_auth takes it for a made-up
# credential and expects a 401. The anonymous run keeps the check.
EXCLUDED_WHEN_SIGNED_IN = {"ignored_auth"}
CHECKS = [check for check in ALL_CHECKS.get_all() if check.__name__ not in EXCLUDED]
CALLERS: dict[str, Callable[[], User] | None] = {
    "anonymous": None,
    "user": UserFactory.create,
    "staff": lambda: UserFactory.create(is_staff=True, is_superuser=True),
}


@pytest.fixture
def api_schema(settings):
    # The in-process client calls the app as http://localhost.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # As Django's test client does: a request's end must not close the connection that holds the
    # test's transaction (PostgreSQL would lose every row the test wrote).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def signed_in(user: User) -> dict[str, dict[str, str]]:
    """A session cookie and a CSRF pair: session login works whatever API auth is chosen."""
    client = Client()
    client.force_login(user)
    csrf_secret = get_random_string(32)
    return {
        "cookies": {
            django_settings.SESSION_COOKIE_NAME: client.cookies[
                django_settings.SESSION_COOKIE_NAME
            ].value,
            django_settings.CSRF_COOKIE_NAME: csrf_secret,
        },
        "headers": {"X-CSRFToken": csrf_secret},
    }


def fuzz_operation(
    operation,
    mode: GenerationMode,
    account: User | None,
    cases_run: Counter[str],
    empty_cache: Callable[[], None],
) -> None:
    """Send up to MAX_EXAMPLES generated requests to one operation and check every response."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case) -> None:
        empty_cache()  # Throttle counters: every case starts with a full allowance.
        credentials = signed_in(account) if account else {}
        checks = [
            check for check in CHECKS if not (account and check.__name__ in EXCLUDED_WHEN_SIGNED_IN)
        ]
        case.call_and_validate(checks=checks, **credentials)
        cases_run[operation.label] += 1

    try:
        fuzz()
    except Unsatisfiable:
        # Only in negative mode, for an operation with no parameter and no body (token revoke):
        # there is nothing to make invalid.
        if mode is not GenerationMode.NEGATIVE or operation.body or operation.query:
            raise


@pytest.mark.fuzz
@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(CALLERS))
def test_no_operation_answers_a_5xx_or_breaks_its_schema(
    api_schema, caller, record_property, empty_cache
):
    make_user = CALLERS[caller]
    account = make_user() if make_user else None
    operations = [result.ok() for result in api_schema.get_all_operations()]
    cases_run: Counter[str] = Counter()

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz_operation(operation, mode, account, cases_run, empty_cache)

    record_property("schemathesis_cases", cases_run.total())
    print(f"schemathesis, {caller}: {cases_run.total()} cases over {len(operations)} operations")
    assert operations, "the schema lists no operation"
    assert set(cases_run) == {operation.label for operation in operations}  # each ran a case


def test_every_excluded_check_exists():
    """A check renamed or removed upstream would otherwise leave a stale exclusion behind."""
    names = {check.__name__ for check in ALL_CHECKS.get_all()}

    assert names >= (EXCLUDED | EXCLUDED_WHEN_SIGNED_IN)
    assert len(CHECKS) >= 8
