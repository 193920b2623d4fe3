"""Fixtures for the content tests: one API client per role the permission rules distinguish."""

import pytest
from django.contrib.auth.models import Group, Permission
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

ROLES = ("anonymous", "author", "other_author", "editor", "staff")


@pytest.fixture
def author(db):
    return UserFactory(name="Ada Author")


@pytest.fixture
def other_author(db):
    return UserFactory(name="Otto Other")


@pytest.fixture
def editor(db):
    """An editor through a group, the way seed_demo sets one up: the code checks permissions only."""
    group = Group.objects.create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cms",
            codename__in=("publish_post", "publish_page", "moderate_comment"),
        )
    )
    user = UserFactory(name="Eve Editor")
    user.groups.add(group)
    return user


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def fresh_client():
    """A client for a freshly loaded user, with cold permission caches like a real request."""

    def make(user=None) -> APIClient:
        return _client(None if user is None else type(user).objects.get(pk=user.pk))

    return make


@pytest.fixture
def clients(author, other_author, editor, staff_user) -> dict[str, APIClient]:
    return {
        "anonymous": _client(),
        "author": _client(author),
        "other_author": _client(other_author),
        "editor": _client(editor),
        "staff": _client(staff_user),
    }
