from django.db import migrations, models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_approved_comments(apps, schema_editor):
    """Fill the new column from the comments already stored."""
    Comment = apps.get_model("cms", "Comment")
    Post = apps.get_model("cms", "Post")
    counts = (
        Comment.objects.filter(post=OuterRef("pk"), moderation="approved")
        .order_by()
        .values("post")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Post.objects.update(
        approved_comments=Coalesce(Subquery(counts, output_field=IntegerField()), 0)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="approved_comments",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["status", "-approved_comments", "-published_at", "-id"],
                name="cms_post_popular_idx",
            ),
        ),
        migrations.RunPython(count_approved_comments, migrations.RunPython.noop),
    ]
