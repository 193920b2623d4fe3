"""Shapes of content in and out of the API: inputs validate, outputs render what selectors load."""

from rest_framework import serializers

from ..models import Category, Comment, Moderation, Page, Post, Status, Tag


class AuthorOutputSerializer(serializers.Serializer):
    """The public face of an author: never the email address."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class CategoryOutputSerializer(serializers.ModelSerializer[Category]):
    class Meta:
        model = Category
        fields = ("id", "name", "slug", "description")
        read_only_fields = fields


class TagOutputSerializer(serializers.ModelSerializer[Tag]):
    class Meta:
        model = Tag
        fields = ("id", "name", "slug")
        read_only_fields = fields


class PostListOutputSerializer(serializers.ModelSerializer[Post]):
    author = AuthorOutputSerializer()
    category = CategoryOutputSerializer()
    tags = serializers.SlugRelatedField[Tag](slug_field="slug", many=True, read_only=True)
    comment_count = serializers.IntegerField(help_text="Approved comments.")

    class Meta:
        model = Post
        fields: tuple[str, ...] = (
            "id",
            "title",
            "slug",
            "excerpt",
            "status",
            "published_at",
            "updated_at",
            "author",
            "category",
            "tags",
            "comment_count",
        )
        read_only_fields = fields


class PostDetailOutputSerializer(PostListOutputSerializer):
    class Meta(PostListOutputSerializer.Meta):
        fields = (*PostListOutputSerializer.Meta.fields, "body", "created_at")
        read_only_fields = fields


class PostInputSerializer(serializers.Serializer):
    """A new post (POST) or the fields to change (PATCH, where every field is optional)."""

    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(
        max_length=200, required=False, help_text="Defaults to the title's."
    )
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.all())
    excerpt = serializers.CharField(max_length=300, required=False, allow_blank=True)
    body = serializers.CharField(required=False, allow_blank=True)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50),
        max_length=10,
        required=False,
        help_text="Tag names; missing tags are created.",
    )


class PageListOutputSerializer(serializers.ModelSerializer[Page]):
    author = AuthorOutputSerializer()

    class Meta:
        model = Page
        fields: tuple[str, ...] = (
            "id",
            "title",
            "slug",
            "parent",
            "status",
            "published_at",
            "updated_at",
            "author",
        )
        read_only_fields = fields


class PageDetailOutputSerializer(PageListOutputSerializer):
    class Meta(PageListOutputSerializer.Meta):
        fields = (*PageListOutputSerializer.Meta.fields, "body", "created_at")
        read_only_fields = fields


class PageInputSerializer(serializers.Serializer):
    """A new page (POST) or the fields to change (PATCH, where every field is optional)."""

    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(
        max_length=200, required=False, help_text="Defaults to the title's."
    )
    body = serializers.CharField(required=False, allow_blank=True)
    # DRF's metaclass moves declared fields into _declared_fields, so this never shadows the
    # Field.parent attribute the stubs see.
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Page.objects.all(),
        required=False,
        allow_null=True,
    )


class TransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, help_text="The state to move to.")


class CommentOutputSerializer(serializers.ModelSerializer[Comment]):
    author = AuthorOutputSerializer()

    class Meta:
        model = Comment
        fields = ("id", "post", "author", "body", "moderation", "created_at", "moderated_at")
        read_only_fields = fields


class CommentCreateInputSerializer(serializers.Serializer):
    # Only published posts resolve, so the answer never reveals that a draft exists.
    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.filter(status=Status.PUBLISHED))
    body = serializers.CharField(max_length=5000)


class CommentModerateInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[Moderation.APPROVED, Moderation.REJECTED],
        help_text="The moderation decision.",
    )
