"""The signed-in user of an API request, typed as the project's User for the services that need one."""

from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from .models import User


def authenticated_user(request: Request) -> User:
    """``request.user`` narrowed to a User. The view's permissions already refuse anonymous callers;
    this keeps services typed for a User and answers 401 should a view forget them."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user
