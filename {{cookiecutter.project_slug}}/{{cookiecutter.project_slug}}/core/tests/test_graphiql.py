"""GraphiQL works offline and under the strict Content-Security-Policy: every file from this origin, checked."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import override_settings
from rest_framework import status

from ..graphql.ide import SCRIPTS, START_SCRIPT, STYLES
from .graphql_client import URL
from .test_security_headers import AssetCollector, directives

VENDORED = SCRIPTS + STYLES


def sha384(path: str) -> str:
    found = finders.find(path)
    assert isinstance(found, str), f"{path} is not a static file"
    return "sha384-" + base64.b64encode(hashlib.sha384(Path(found).read_bytes()).digest()).decode()


@pytest.fixture
def page(client):
    with override_settings(GRAPHQL_IDE=True):
        return client.get(URL, HTTP_ACCEPT="text/html")


@pytest.mark.parametrize("asset", VENDORED, ids=lambda asset: asset.source)
def test_every_vendored_file_has_the_hash_the_page_declares(asset):
    assert sha384(asset.path) == asset.integrity


@pytest.mark.django_db
def test_the_page_loads_only_same_origin_files_and_no_inline_script(page):
    assets = AssetCollector()
    assets.feed(page.content.decode())

    assert page.status_code == status.HTTP_200_OK
    assert assets.inline_scripts == []
    loaded = [*(style.path for style in STYLES), *(script.path for script in SCRIPTS), START_SCRIPT]
    assert assets.sources == [f"/static/{path}" for path in loaded]
    assert directives(page)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_page_declares_every_vendored_file_with_its_integrity(page):
    html = page.content.decode()

    for asset in VENDORED:
        assert f'src="/static/{asset.path}" integrity="{asset.integrity}"' in html or (
            f'href="/static/{asset.path}" integrity="{asset.integrity}"' in html
        )


@pytest.mark.django_db
def test_every_file_the_page_loads_is_served(client):
    for path in [*(asset.path for asset in VENDORED), START_SCRIPT]:
        response = client.get(f"/static/{path}")

        assert response.status_code == status.HTTP_200_OK, path
        response.close()


@pytest.mark.django_db
def test_the_page_gives_session_users_the_csrf_token(page):
    assert 'data-csrf-token="' in page.content.decode()
    assert page.cookies["csrftoken"].value


def test_pre_commit_lets_the_vendored_files_past_its_size_limit():
    # check-added-large-files refuses files over 500 KB, and graphiql.min.js is twice that.
    config = (settings.BASE_DIR / ".pre-commit-config.yaml").read_text()
    hook = config.split("id: check-added-large-files", 1)[1].split("- id:", 1)[0]
    exclude = re.search(r"exclude: (\S+)", hook)

    assert exclude is not None
    for asset in VENDORED:
        found = finders.find(asset.path)
        assert isinstance(found, str)
        assert re.search(exclude[1], Path(found).relative_to(settings.BASE_DIR).as_posix())
