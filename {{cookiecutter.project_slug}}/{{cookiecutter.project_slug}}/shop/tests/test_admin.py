"""The shop admin pages render, with related rows joined and orders kept read-only."""

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework import status

from .factories import AddressFactory, OrderItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize("model", ["category", "product", "address", "order"])
def test_every_shop_changelist_and_change_page_renders(admin_client, model):
    item = OrderItemFactory()
    address = AddressFactory()
    rows = {
        "category": item.product.category,
        "product": item.product,
        "address": address,
        "order": item.order,
    }

    changelist = admin_client.get(reverse(f"admin:shop_{model}_changelist"), {"q": "a"})
    change = admin_client.get(reverse(f"admin:shop_{model}_change", args=[rows[model].pk]))

    assert changelist.status_code == status.HTTP_200_OK
    assert change.status_code == status.HTTP_200_OK


def test_orders_cannot_be_added_or_deleted_in_the_admin(admin_client):
    order = OrderItemFactory().order

    assert (
        admin_client.get(reverse("admin:shop_order_add")).status_code == status.HTTP_403_FORBIDDEN
    )
    response = admin_client.get(reverse("admin:shop_order_delete", args=[order.pk]))
    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert settings.ADMIN_URL
