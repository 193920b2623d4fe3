"""The database itself refuses bad content rows: constraints, not only serializers, guard integrity."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from ..models import Category, Comment, Moderation, Page, Post, Status, Tag
from .factories import (
    CategoryFactory,
    CommentFactory,
    PageFactory,
    PostFactory,
    PublishedPostFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_the_database():
    """Bulk writes skip full_clean(): whatever still fails here, the database refused."""
    return pytest.raises(IntegrityError)


def test_a_post_slug_is_unique_within_its_category():
    post = PostFactory(slug="hello")

    with refused_by_the_database(), transaction.atomic():
        Post.objects.create(author=post.author, category=post.category, title="Again", slug="hello")


def test_the_same_post_slug_may_appear_in_another_category():
    post = PostFactory(slug="hello")

    twin = PostFactory(slug="hello", category=CategoryFactory(), author=post.author)

    assert twin.pk != post.pk


def test_two_top_level_pages_cannot_share_a_slug_although_their_parents_are_both_null():
    page = PageFactory(slug="about", parent=None)

    with refused_by_the_database(), transaction.atomic():
        Page.objects.create(author=page.author, title="About", slug="about", parent=None)


def test_sibling_pages_cannot_share_a_slug_but_cousins_can():
    first, second = PageFactory(), PageFactory()
    child = PageFactory(parent=first, slug="team")
    cousin = PageFactory(parent=second, slug="team")

    assert cousin.slug == child.slug
    with refused_by_the_database(), transaction.atomic():
        Page.objects.create(author=first.author, title="Team", slug="team", parent=first)


def test_a_page_cannot_be_its_own_parent():
    page = PageFactory()

    with refused_by_the_database(), transaction.atomic():
        Page.objects.filter(pk=page.pk).update(parent_id=F("id"))


@pytest.mark.parametrize("model_factory", [PostFactory, PageFactory])
def test_a_published_entry_must_carry_its_publication_date(model_factory):
    entry = model_factory()

    with refused_by_the_database(), transaction.atomic():
        type(entry).objects.filter(pk=entry.pk).update(status=Status.PUBLISHED, published_at=None)


@pytest.mark.parametrize("model_factory", [PostFactory, PageFactory])
def test_an_entry_status_outside_the_workflow_is_refused(model_factory):
    entry = model_factory()

    with refused_by_the_database(), transaction.atomic():
        type(entry).objects.filter(pk=entry.pk).update(status="deleted")


def test_a_comment_moderation_outside_the_choices_is_refused():
    comment = CommentFactory()

    with refused_by_the_database(), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(moderation="spam", moderated_at=timezone.now())


def test_a_moderation_decision_needs_a_date_and_a_pending_comment_has_none():
    comment = CommentFactory()

    with refused_by_the_database(), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(moderation=Moderation.APPROVED)
    with refused_by_the_database(), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(moderated_at=timezone.now())


def test_category_and_tag_slugs_are_unique():
    CategoryFactory(name="News", slug="news")
    TagFactory(name="Django", slug="django")

    with refused_by_the_database(), transaction.atomic():
        Category.objects.create(name="News again", slug="news")
    with refused_by_the_database(), transaction.atomic():
        Tag.objects.create(name="Django again", slug="django")


def test_a_category_with_posts_cannot_be_deleted():
    post = PostFactory()

    with pytest.raises(ProtectedError):
        post.category.delete()


def test_an_author_with_content_cannot_be_deleted_only_deactivated():
    post = PublishedPostFactory()

    with pytest.raises(ProtectedError):
        post.author.delete()


def test_a_parent_page_cannot_be_deleted_from_under_its_children():
    child = PageFactory(parent=PageFactory())

    with pytest.raises(ProtectedError):
        child.parent.delete()


def test_deleting_an_account_removes_its_comments_and_keeps_its_moderation_record(editor):
    approved = CommentFactory(moderation=Moderation.APPROVED, moderated_at=timezone.now())
    approved.moderated_by = editor
    approved.save()
    own = CommentFactory(author=editor)

    editor.delete()

    assert not Comment.objects.filter(pk=own.pk).exists()
    approved.refresh_from_db()
    assert approved.moderated_by is None


def test_entries_and_taxonomy_print_as_their_titles():
    post = PostFactory(title="Hello")
    comment = CommentFactory(post=PublishedPostFactory())

    assert str(post) == "Hello"
    assert str(post.category) == post.category.name
    assert str(TagFactory(name="Orm")) == "Orm"
    assert str(comment) == f"Comment {comment.pk} on {comment.post_id}"
