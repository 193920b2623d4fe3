"""seed_cms: realistic demo content, valid under every constraint, and idempotent."""

import pytest
from django.contrib.auth.models import Group

from .. import roles
from ..models import Category, Comment, Moderation, Page, Post, Status, Tag
from ..seed import seed_cms

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Category, Comment, Page, Post, Tag)}


def test_seeding_creates_posts_in_every_state_and_a_page_tree():
    created = seed_cms(size=20)

    assert created["posts"] == Post.objects.count() == 20
    assert set(Post.objects.values_list("status", flat=True)) == set(Status.values)
    assert Page.objects.filter(parent__isnull=False).exists()
    assert created["comments"] == Comment.objects.count() > 0


def test_seeding_twice_adds_nothing_and_a_larger_size_tops_up():
    seed_cms(size=10)
    before = row_counts()

    again = seed_cms(size=10)

    assert set(again.values()) == {0}
    assert row_counts() == before
    assert seed_cms(size=15)["posts"] == 5


def test_seeded_posts_carry_their_approved_comment_count_for_the_popular_ranking():
    seed_cms(size=12)

    for post in Post.objects.all():
        approved = post.comments.filter(moderation=Moderation.APPROVED).count()
        assert post.approved_comments == approved
    assert Post.objects.filter(approved_comments__gt=0).exists()


def test_the_seeded_editor_holds_the_editor_permissions_through_a_group():
    seed_cms(size=1)

    editor = Group.objects.get(name="Editors").user_set.get()
    assert roles.is_editor(editor, Post)
    assert roles.is_editor(editor, Page)
    assert roles.is_moderator(editor)
