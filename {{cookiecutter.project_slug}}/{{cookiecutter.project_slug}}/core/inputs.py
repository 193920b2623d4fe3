"""Reading a request body: every view validates it with an input serializer the same way."""

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request


def validated_input(
    serializer_class: type[serializers.BaseSerializer[Any]],
    request: Request,
    *,
    partial: bool = False,
) -> dict[str, Any]:
    """The request body as ``serializer_class`` validates it; invalid input answers 400 with the
    fields' errors (the exception handler renders them). ``partial``: fields may be left out (PATCH)."""
    serializer = serializer_class(data=request.data, partial=partial, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
