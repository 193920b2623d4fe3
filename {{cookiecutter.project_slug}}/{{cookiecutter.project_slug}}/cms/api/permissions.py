"""Object permissions for content: anyone reads what the selectors show, owners and staff write."""

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from .. import roles


class IsAuthorOrStaffForWrites(permissions.BasePermission):
    """Reading is decided by the selectors; changing an entry is for its author or staff."""

    message = "Only the author or staff may change this."

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return roles.is_owner(request.user, obj)


class CanModerateComments(permissions.BasePermission):
    message = "Moderating comments needs the cms.moderate_comment permission."

    def has_permission(self, request: Request, view: Any) -> bool:
        return roles.is_moderator(request.user)
