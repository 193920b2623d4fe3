"""Content endpoints: thin views that parse input, call one service or selector, render output.

What anonymous readers see is cached (docs/caching.md): published content is the same for all of
them. Signed-in readers may also see drafts, which depend on ownership and roles: they read the
database.
"""

from abc import ABCMeta, abstractmethod
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from {{ cookiecutter.project_slug }}.core.caching import CachedListMixin, CachedObject, CachedValue
from {{ cookiecutter.project_slug }}.core.exports import CSVExportMixin
from {{ cookiecutter.project_slug }}.core.inputs import validated_input
from {{ cookiecutter.project_slug }}.users.auth import authenticated_user
from {{ cookiecutter.project_slug }}.users.models import User

from .. import selectors, services
from ..models import Category, Comment, Entry, Page, Post, Status, Tag
from .filters import CommentFilter, PageFilter, PostFilter
from .permissions import CanModerateComments, IsAuthorOrStaffForWrites
from .serializers import (
    CategoryOutputSerializer,
    CommentCreateInputSerializer,
    CommentModerateInputSerializer,
    CommentOutputSerializer,
    PageDetailOutputSerializer,
    PageInputSerializer,
    PageListOutputSerializer,
    PostDetailOutputSerializer,
    PostInputSerializer,
    PostListOutputSerializer,
    TagOutputSerializer,
    TransitionInputSerializer,
)

NEW_POST_EXAMPLE = OpenApiExample(
    "A new draft",
    value={
        "title": "Indexes that pay for themselves",
        "category": "databases",
        "excerpt": "Which queries an index serves, and which it cannot.",
        "body": "A B-tree index serves equality and range filters ...",
        "tags": ["PostgreSQL", "Performance"],
    },
    request_only=True,
)
SUBMIT_EXAMPLE = OpenApiExample(
    "Submit a draft for review",
    value={"status": Status.REVIEW},
    request_only=True,
)
PUBLISH_EXAMPLE = OpenApiExample(
    "Publish (editors only)",
    value={"status": Status.PUBLISHED},
    request_only=True,
)
REFUSED_TRANSITION = OpenApiResponse(
    description="The move is not in the workflow (409) or needs a role the caller lacks (403).",
    examples=[
        OpenApiExample(
            "A move the workflow does not allow",
            value={
                "error": {
                    "status": 409,
                    "code": "invalid_transition",
                    "message": "A draft post cannot move to published; allowed: review, archived.",
                    "fields": {},
                }
            },
            status_codes=["409"],
            response_only=True,
        ),
    ],
)
NOT_EDITABLE = OpenApiResponse(description="The entry is not a draft (code not_editable).")

# What a post's page shows: its row, category, tags, author and approved-comment count.
POST_SHOWS = (Post, Category, Tag, User, Comment)
# One published post for anonymous readers, until it, one of its comments, or any category,
# tag or author is written.
POST_DETAIL: CachedObject[dict[str, Any]] = CachedObject(
    "cms.post",
    model=Post,
    timeout=10 * 60,
    depends_on=[Category, Tag, User],
)
# The most discussed posts: one ranking query, until any post or comment is written.
POPULAR_POSTS: CachedValue[list[dict[str, Any]]] = CachedValue(
    "cms.popular_posts",
    depends_on=POST_SHOWS,
    timeout=5 * 60,
)


class TaxonomyListView(CachedListMixin, CSVExportMixin, generics.ListAPIView):
    """What the category and tag lists share: public, searchable by name, one cached page for all."""

    permission_classes = (permissions.AllowAny,)
    search_fields = ("name",)
    ordering_fields = ("name",)
    cache_timeout = 5 * 60
    cache_per_user = False


class CategoryListView(TaxonomyListView):
    """Every category, public; searchable by name."""

    serializer_class = CategoryOutputSerializer
    cache_name = "cms.categories"
    cache_models = (Category,)

    def get_queryset(self) -> QuerySet[Category]:
        return selectors.category_list()


class TagListView(TaxonomyListView):
    """Every tag, public; searchable by name."""

    serializer_class = TagOutputSerializer
    cache_name = "cms.tags"
    cache_models = (Tag,)

    def get_queryset(self) -> QuerySet[Tag]:
        return selectors.tag_list()


class EntryListView(CachedListMixin, CSVExportMixin, generics.ListAPIView, metaclass=ABCMeta):
    """What the post and page lists share: published entries for everyone plus your own drafts
    (editors see every entry; only anonymous readers share cached pages); POST starts a draft.

    Subclasses name their serializers and ``create_entry``; ``_create_schema`` documents their POST.
    """

    permission_classes = (permissions.IsAuthenticatedOrReadOnly,)
    ordering_fields = ("published_at", "title")
    cache_anonymous_only = True
    input_serializer_class: type[Serializer[Any]]
    detail_serializer_class: type[Serializer[Any]]

    @abstractmethod
    def create_entry(self, author: User, fields: dict[str, Any]) -> Entry:
        """Start a draft by ``author`` through the app's create service; return it as the detail
        view shows it."""

    def post(self, request: Request) -> Response:
        data = validated_input(self.input_serializer_class, request)
        entry = self.create_entry(authenticated_user(request), data)
        return Response(self.detail_serializer_class(entry).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        description="Start a draft; you are its author.",
        request=PostInputSerializer,
        responses={201: PostDetailOutputSerializer},
        examples=[NEW_POST_EXAMPLE],
    )
)
class PostListView(EntryListView):
    """Published posts for everyone, plus your own drafts; editors see every post."""

    serializer_class = PostListOutputSerializer
    input_serializer_class = PostInputSerializer
    detail_serializer_class = PostDetailOutputSerializer
    filterset_class = PostFilter
    search_fields = ("title", "excerpt")
    cache_name = "cms.posts"
    cache_models = POST_SHOWS

    def get_queryset(self) -> QuerySet[Post]:
        return selectors.post_list(viewer=self.request.user)

    def create_entry(self, author: User, fields: dict[str, Any]) -> Entry:
        post = services.post_create(author=author, **fields)
        return selectors.post_detail(viewer=author).get(pk=post.pk)


class PopularPostListView(generics.GenericAPIView):
    """The ten published posts with the most approved comments; public and cached."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = PostListOutputSerializer
    pagination_class = None  # a fixed top ten: no pages, filters or ordering
    filter_backends = ()

    @extend_schema(responses={200: PostListOutputSerializer(many=True)})
    def get(self, request: Request) -> Response:
        def rank() -> list[dict[str, Any]]:
            return list(self.get_serializer(selectors.popular_posts(), many=True).data)

        return Response(POPULAR_POSTS.get_or_set(rank))


def _edit_schema(input_serializer: type[Serializer[Any]], output: type[Serializer[Any]]) -> Any:
    return extend_schema_view(
        patch=extend_schema(request=input_serializer, responses={200: output, 409: NOT_EDITABLE}),
    )


def _transition_schema(output: type[Serializer[Any]]) -> Any:
    return extend_schema_view(
        post=extend_schema(
            request=TransitionInputSerializer,
            responses={200: output, 403: REFUSED_TRANSITION, 409: REFUSED_TRANSITION},
            examples=[SUBMIT_EXAMPLE, PUBLISH_EXAMPLE],
        ),
    )


class EntryDetailView(generics.GenericAPIView, metaclass=ABCMeta):
    """What post and page detail views share: read, edit a draft (PATCH), archive (DELETE).

    Subclasses name their serializers and ``update_entry``; ``_edit_schema`` documents their PATCH.
    """

    permission_classes = (permissions.IsAuthenticatedOrReadOnly, IsAuthorOrStaffForWrites)
    input_serializer_class: type[Serializer[Any]]

    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @abstractmethod
    def update_entry(self, entry: Any, fields: dict[str, Any]) -> None:
        """Save the validated ``fields`` to ``entry`` through the app's update service."""

    def patch(self, request: Request, pk: int) -> Response:
        entry = self.get_object()
        data = validated_input(self.input_serializer_class, request, partial=True)
        self.update_entry(entry, data)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(responses={204: None, 409: REFUSED_TRANSITION})
    def delete(self, request: Request, pk: int) -> Response:
        """Archive: the row stays (its slug stays taken), readers stop seeing it."""
        services.entry_transition(
            entry=self.get_object(), to=Status.ARCHIVED, actor=authenticated_user(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class EntryTransitionView(generics.GenericAPIView):
    """What post and page transitions share; ``_transition_schema`` documents each one's POST."""

    def post(self, request: Request, pk: int) -> Response:
        data = validated_input(TransitionInputSerializer, request)
        services.entry_transition(
            entry=self.get_object(),
            to=data["status"],
            actor=authenticated_user(request),
        )
        return Response(self.get_serializer(self.get_object()).data)


@_edit_schema(PostInputSerializer, PostDetailOutputSerializer)
class PostDetailView(EntryDetailView):
    """One post; its author (or staff) edits it while it is a draft and archives it with DELETE."""

    serializer_class = PostDetailOutputSerializer
    input_serializer_class = PostInputSerializer

    def get_queryset(self) -> QuerySet[Post]:
        return selectors.post_detail(viewer=self.request.user)

    def get(self, request: Request, pk: int) -> Response:
        if request.user.is_authenticated:  # may see drafts: never from the shared cache
            return super().get(request, pk)

        rows = self.get_queryset().filter(pk=pk)  # published posts only, for anonymous readers
        return Response(POST_DETAIL.get_or_404(pk, rows, lambda p: self.get_serializer(p).data))

    def update_entry(self, entry: Any, fields: dict[str, Any]) -> None:
        services.post_update(post=entry, **fields)


@_transition_schema(PostDetailOutputSerializer)
class PostTransitionView(EntryTransitionView):
    """Move a post through the workflow: authors submit and withdraw, editors publish."""

    serializer_class = PostDetailOutputSerializer

    def get_queryset(self) -> QuerySet[Post]:
        return selectors.post_detail(viewer=self.request.user)


@extend_schema_view(
    post=extend_schema(
        description="Start a draft page, at the top level or under a parent page.",
        request=PageInputSerializer,
        responses={201: PageDetailOutputSerializer},
    )
)
class PageListView(EntryListView):
    """Published pages for everyone, plus your own drafts; editors see every page."""

    serializer_class = PageListOutputSerializer
    input_serializer_class = PageInputSerializer
    detail_serializer_class = PageDetailOutputSerializer
    filterset_class = PageFilter
    search_fields = ("title",)
    cache_name = "cms.pages"
    cache_models = (Page, User)

    def get_queryset(self) -> QuerySet[Page]:
        return selectors.page_list(viewer=self.request.user)

    def create_entry(self, author: User, fields: dict[str, Any]) -> Entry:
        page = services.page_create(author=author, **fields)
        return selectors.page_detail(viewer=author).get(pk=page.pk)


@_edit_schema(PageInputSerializer, PageDetailOutputSerializer)
class PageDetailView(EntryDetailView):
    """One page; its author (or staff) edits it while it is a draft and archives it with DELETE."""

    serializer_class = PageDetailOutputSerializer
    input_serializer_class = PageInputSerializer

    def get_queryset(self) -> QuerySet[Page]:
        return selectors.page_detail(viewer=self.request.user)

    def update_entry(self, entry: Any, fields: dict[str, Any]) -> None:
        services.page_update(page=entry, **fields)


@_transition_schema(PageDetailOutputSerializer)
class PageTransitionView(EntryTransitionView):
    """Move a page through the workflow: authors submit and withdraw, editors publish."""

    serializer_class = PageDetailOutputSerializer

    def get_queryset(self) -> QuerySet[Page]:
        return selectors.page_detail(viewer=self.request.user)


class CommentListView(CSVExportMixin, generics.ListAPIView):
    """Approved comments on published posts; your own pending ones; moderators see the queue."""

    permission_classes = (permissions.IsAuthenticatedOrReadOnly,)
    serializer_class = CommentOutputSerializer
    filterset_class = CommentFilter
    search_fields = ("body",)
    ordering_fields = ("created_at",)

    def get_queryset(self) -> QuerySet[Comment]:
        return selectors.comment_list(viewer=self.request.user)

    @extend_schema(
        request=CommentCreateInputSerializer,
        responses={201: CommentOutputSerializer},
        examples=[
            OpenApiExample(
                "A comment awaiting moderation",
                value={"post": 42, "body": "Would a partial index help here too?"},
                request_only=True,
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        """Comment on a published post; it waits for a moderator before anyone else sees it."""
        data = validated_input(CommentCreateInputSerializer, request)
        comment = services.comment_create(author=authenticated_user(request), **data)
        return Response(CommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentDetailView(generics.RetrieveAPIView):
    """One comment, if the list would show it to you."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = CommentOutputSerializer

    def get_queryset(self) -> QuerySet[Comment]:
        return selectors.comment_list(viewer=self.request.user)


class CommentModerateView(generics.GenericAPIView):
    """Approve or reject a comment (needs the cms.moderate_comment permission)."""

    permission_classes = (permissions.IsAuthenticated, CanModerateComments)
    serializer_class = CommentOutputSerializer

    def get_queryset(self) -> QuerySet[Comment]:
        return selectors.comment_list(viewer=self.request.user)

    @extend_schema(
        request=CommentModerateInputSerializer,
        responses={200: CommentOutputSerializer},
        examples=[
            OpenApiExample("Approve", value={"decision": "approved"}, request_only=True),
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        data = validated_input(CommentModerateInputSerializer, request)
        comment = services.comment_moderate(
            comment=self.get_object(),
            moderator=authenticated_user(request),
            decision=data["decision"],
        )
        return Response(self.get_serializer(comment).data)
