"""Content in GraphQL (graphene): posts and pages as each reader may see them, writing and publishing.

Who sees what is decided by the REST selectors; who may move an entry through the workflow by
the services. Lists cost a fixed number of queries: the selectors join authors and categories
and prefetch tags.
"""

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from {{ cookiecutter.project_slug }}.core.graphql.errors import Outcome, not_found, perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_graphene import InputMutation, payload_type
from {{ cookiecutter.project_slug }}.core.graphql.pagination import get_or_none
from {{ cookiecutter.project_slug }}.core.graphql.types_graphene import (
    current_user,
    page_field,
    page_type,
)
from {{ cookiecutter.project_slug }}.users.graphql.schema_graphene import UserType

from .. import selectors, services
from ..api.filters import PageFilter, PostFilter
from ..api.serializers import PostInputSerializer, TransitionInputSerializer
from ..models import Category, Page, Post, Tag


class CategoryType(DjangoObjectType):
    class Meta:
        model = Category
        name = "Category"
        fields = ("id", "name", "slug", "description")


class TagType(DjangoObjectType):
    class Meta:
        model = Tag
        name = "Tag"
        fields = ("id", "name", "slug")


POST_FIELDS = ("id", "title", "slug", "excerpt", "published_at")


class PostFields:
    """What every shape of a post shows; the selectors join and prefetch all of it."""

    status = graphene.String(required=True)
    author = graphene.Field(UserType, required=True)
    category = graphene.Field(CategoryType, required=True)
    tags = graphene.List(graphene.NonNull(TagType), required=True)
    comment_count = graphene.Int(required=True, description="Approved comments.")

    def resolve_tags(self, info: graphene.ResolveInfo) -> Any:
        # Prefetched by the selector: no query per post.
        return self.tags.all()


class PostType(PostFields, DjangoObjectType):
    """A post as lists show it (no body)."""

    class Meta:
        model = Post
        name = "Post"
        fields = POST_FIELDS


class PostDetailType(PostFields, DjangoObjectType):
    """One post, whole."""

    class Meta:
        model = Post
        name = "PostDetail"
        fields = (*POST_FIELDS, "body")
        skip_registry = True


class PageType(DjangoObjectType):
    status = graphene.String(required=True)
    author = graphene.Field(UserType, required=True)
    parent_id = graphene.ID(description="The parent page's id; null at the top of the tree.")

    class Meta:
        model = Page
        name = "Page"
        fields = ("id", "title", "slug", "published_at")


PostPage = page_type(PostType)
PagePage = page_type(PageType)


class PostFilterInput(graphene.InputObjectType):
    """The REST post list's filters; category and tag are slugs."""

    status = graphene.String()
    category = graphene.String()
    tag = graphene.String()
    author = graphene.ID()
    published_after = graphene.DateTime()
    published_before = graphene.DateTime()


class PageFilterInput(graphene.InputObjectType):
    """The REST page list's filters."""

    status = graphene.String()
    parent = graphene.ID()
    root = graphene.Boolean()
    author = graphene.ID()


class CreatePostInput(graphene.InputObjectType):
    """A new draft; the slug defaults to the title's, category is a slug."""

    title = graphene.String(required=True)
    category = graphene.String(required=True)
    slug = graphene.String()
    excerpt = graphene.String()
    body = graphene.String()
    tags = graphene.List(graphene.NonNull(graphene.String))


class TransitionPostInput(graphene.InputObjectType):
    """Move a post: draft, review, published or archived."""

    id = graphene.ID(required=True)
    status = graphene.String(required=True)


PostPayload = payload_type("PostPayload", post=PostDetailType)


def _as_detail(info: graphene.ResolveInfo, post: Post) -> Post:
    """The post as ``post`` shows it."""
    return selectors.post_detail(viewer=current_user(info)).get(pk=post.pk)


class CreatePost(InputMutation, input=CreatePostInput, payload=PostPayload):
    @staticmethod
    def write(info: graphene.ResolveInfo, input: CreatePostInput) -> Outcome:
        author = current_user(info)
        return perform(
            PostInputSerializer,
            dict(input),
            lambda valid: _as_detail(info, services.post_create(author=author, **valid)),
        )


class TransitionPost(InputMutation, input=TransitionPostInput, payload=PostPayload):
    @staticmethod
    def write(info: graphene.ResolveInfo, input: TransitionPostInput) -> Outcome:
        actor = current_user(info)
        post = get_or_none(selectors.post_detail(viewer=actor), input.id)
        if post is None:
            return not_found("post")
        return perform(
            TransitionInputSerializer,
            {"status": input.status},
            lambda valid: _as_detail(
                info, services.entry_transition(entry=post, to=valid["status"], actor=actor)
            ),
        )


class Query(graphene.ObjectType):
    posts = page_field(
        PostPage,
        PostFilterInput,
        PostFilter,
        lambda info: selectors.post_list(viewer=current_user(info)),
        description="Posts you may read, newest publication first.",
    )
    post = graphene.Field(
        PostDetailType,
        id=graphene.ID(required=True),
        description="One post with its body, or null if you may not read it.",
    )
    pages = page_field(
        PagePage,
        PageFilterInput,
        PageFilter,
        lambda info: selectors.page_list(viewer=current_user(info)),
        description="Pages you may read, by title.",
    )
    categories = graphene.List(
        graphene.NonNull(CategoryType), required=True, description="Every category, by name."
    )
    tags = graphene.List(
        graphene.NonNull(TagType), required=True, description="Every tag, by name."
    )

    @staticmethod
    def resolve_post(root: Any, info: graphene.ResolveInfo, id: str) -> Post | None:
        return get_or_none(selectors.post_detail(viewer=current_user(info)), id)

    @staticmethod
    def resolve_categories(root: Any, info: graphene.ResolveInfo) -> Any:
        return selectors.category_list()

    @staticmethod
    def resolve_tags(root: Any, info: graphene.ResolveInfo) -> Any:
        return selectors.tag_list()


class Mutation(graphene.ObjectType):
    create_post = CreatePost.Field(description="Write a new draft.")
    transition_post = TransitionPost.Field(
        description="Move a post through the workflow; publishing needs the editor role."
    )
