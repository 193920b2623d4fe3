"""Who may do what to content: the roles the workflow, the selectors and the API share.

"Editor" is a *permission* (``cms.publish_post`` / ``cms.publish_page``), not a group name the
code looks up. ``user.has_perm`` is true whether the permission was granted directly, through any
group (seed_demo creates an "Editors" group that holds it) or because the user is a superuser, and
renaming or splitting groups in the admin never breaks the code.
"""

from typing import Any

from django.db.models import Model

from .models import Entry

MODERATE_COMMENTS = "cms.moderate_comment"


def publish_permission(model: type[Model]) -> str:
    """``cms.publish_post`` for posts, ``cms.publish_page`` for pages."""
    return f"cms.publish_{model._meta.model_name}"


def is_editor(user: Any, model: type[Model]) -> bool:
    return bool(user.is_authenticated and user.has_perm(publish_permission(model)))


def is_moderator(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm(MODERATE_COMMENTS))


def is_owner(user: Any, entry: Entry) -> bool:
    """The author, or staff acting for them."""
    return bool(user.is_authenticated and (entry.author_id == user.id or user.is_staff))
