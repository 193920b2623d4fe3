"""Factories for content rows; the published variants carry the date the constraints demand."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from ..models import Category, Comment, Moderation, Page, Post, Status, Tag


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    description = factory.Faker("sentence")


class TagFactory(DjangoModelFactory[Tag]):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class PostFactory(DjangoModelFactory[Post]):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    category = factory.SubFactory(CategoryFactory)
    title = factory.Faker("sentence", nb_words=5)
    slug = factory.Sequence(lambda n: f"post-{n}")
    excerpt = factory.Faker("sentence")
    body = factory.Faker("paragraph", nb_sentences=6)
    status = Status.DRAFT

    @factory.post_generation
    def tags(self, create: bool, extracted: list[Tag] | None, **kwargs: object) -> None:
        if create and extracted:
            self.tags.set(extracted)


class PublishedPostFactory(PostFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class PageFactory(DjangoModelFactory[Page]):
    class Meta:
        model = Page

    author = factory.SubFactory(UserFactory)
    title = factory.Faker("sentence", nb_words=3)
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = factory.Faker("paragraph", nb_sentences=4)
    status = Status.DRAFT


class PublishedPageFactory(PageFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(DjangoModelFactory[Comment]):
    class Meta:
        model = Comment

    post = factory.SubFactory(PublishedPostFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("paragraph", nb_sentences=2)
    moderation = Moderation.PENDING


class ApprovedCommentFactory(CommentFactory):
    moderation = Moderation.APPROVED
    moderated_at = factory.LazyFunction(timezone.now)
