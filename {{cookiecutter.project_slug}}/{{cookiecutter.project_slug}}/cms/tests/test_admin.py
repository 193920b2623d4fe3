"""The content admin: every list, search and edit page loads for staff, in a bounded number of queries."""

import re

import pytest
from django.urls import reverse
from rest_framework import status

from .factories import ApprovedCommentFactory, PageFactory, PublishedPostFactory, TagFactory

pytestmark = pytest.mark.django_db
MODELS = ("category", "tag", "post", "page", "comment")


@pytest.fixture
def content():
    post = PublishedPostFactory(tags=[TagFactory()])
    ApprovedCommentFactory.create_batch(2, post=post)
    return {"post": post, "page": PageFactory(parent=PageFactory())}


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_and_its_search_load(client, staff_user, content, model):
    client.force_login(staff_user)
    url = reverse(f"admin:cms_{model}_changelist")

    assert client.get(url).status_code == status.HTTP_200_OK
    assert client.get(url, {"q": "a"}).status_code == status.HTTP_200_OK


def test_a_post_opens_with_its_comments_inline(client, staff_user, content):
    client.force_login(staff_user)
    post = content["post"]

    response = client.get(reverse("admin:cms_post_change", args=[post.pk]))

    assert response.status_code == status.HTTP_200_OK
    assert response.content.decode().count('name="comments-') > 0


def test_the_post_changelist_joins_rather_than_querying_per_row(
    client, staff_user, django_assert_max_num_queries
):
    PublishedPostFactory.create_batch(30)
    client.force_login(staff_user)

    with django_assert_max_num_queries(12):
        client.get(reverse("admin:cms_post_changelist"))


# Four or five columns: the lists fit a 1400 px window beside the navigation sidebar and the filters.
NARROW_LISTS = {
    "post": ("title", "status", "author", "published_at"),
    "page": ("title", "parent", "author", "status", "published_at"),
    "comment": ("post", "author", "moderation", "created_on"),
}


@pytest.mark.parametrize("model", sorted(NARROW_LISTS))
def test_the_content_lists_show_few_columns_and_keep_search_and_filters(
    client, staff_user, content, model
):
    client.force_login(staff_user)

    page = client.get(reverse(f"admin:cms_{model}_changelist")).content.decode()

    columns = re.findall(r'<th scope="col" class="[^"]*\bcolumn-(\w+)', page)
    assert tuple(columns) == NARROW_LISTS[model]
    assert 'id="searchbar"' in page
    assert 'id="changelist-filter"' in page
