"""Account endpoints: registration, the signed-in user, and the staff-only list, detail and statistics."""

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response

from {{ cookiecutter.project_slug }}.core.caching import CachedListMixin, CachedObject
from {{ cookiecutter.project_slug }}.core.exports import CSVExportMixin
from {{ cookiecutter.project_slug }}.core.inputs import validated_input

from .. import selectors, services
from ..models import User
from .filters import UserFilter
from .serializers import (
    UserOutputSerializer,
    UserRegisterInputSerializer,
    UserStatisticsOutputSerializer,
    UserUpdateInputSerializer,
)

# The API representation of one account, until that account is saved or deleted.
USER_DETAIL: CachedObject[dict[str, Any]] = CachedObject(
    "users.detail",
    model=User,
    timeout=10 * 60,
)


class UserRegisterView(generics.GenericAPIView):
    """Create an account; the password must pass Django's password validators."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = UserRegisterInputSerializer

    @extend_schema(request=UserRegisterInputSerializer, responses={201: UserOutputSerializer})
    def post(self, request: Request) -> Response:
        data = validated_input(self.get_serializer_class(), request)
        user = services.user_register(**data)
        return Response(UserOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class UserMeView(generics.GenericAPIView):
    """Read or change the signed-in user."""

    serializer_class = UserOutputSerializer

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(request.user).data)

    @extend_schema(request=UserUpdateInputSerializer, responses={200: UserOutputSerializer})
    def patch(self, request: Request) -> Response:
        data = validated_input(UserUpdateInputSerializer, request, partial=True)
        # IsAuthenticated (the default permission) guarantees a real user here.
        user = services.user_update(user=cast(User, request.user), **data)
        return Response(self.get_serializer(user).data)


class UserListView(CachedListMixin, CSVExportMixin, generics.ListAPIView):
    """Every account, for staff: filter, search, order, page, or export as CSV.

    Pages are cached per URL and per staff member for a minute, or until any account changes.
    """

    permission_classes = (permissions.IsAdminUser,)
    serializer_class = UserOutputSerializer
    filterset_class = UserFilter
    search_fields = ("email", "name")
    ordering_fields = ("id", "email", "date_joined")
    cache_name = "users.list"
    cache_models = (User,)
    cache_timeout = 60

    def get_queryset(self) -> QuerySet[User]:
        return selectors.user_list()


class UserDetailView(generics.GenericAPIView):
    """One account, for staff; cached until that account changes."""

    permission_classes = (permissions.IsAdminUser,)
    serializer_class = UserOutputSerializer

    def get(self, request: Request, pk: int) -> Response:
        rows = selectors.user_list().filter(pk=pk)
        return Response(USER_DETAIL.get_or_404(pk, rows, lambda u: self.get_serializer(u).data))


class UserStatisticsView(generics.GenericAPIView):
    """Account counts for staff: total, active, staff, joined in the last 7 days."""

    permission_classes = (permissions.IsAdminUser,)
    serializer_class = UserStatisticsOutputSerializer

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(selectors.user_statistics()).data)
