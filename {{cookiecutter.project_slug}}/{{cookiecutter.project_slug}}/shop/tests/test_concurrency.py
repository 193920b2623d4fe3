"""Two customers race for the last item: the row lock lets exactly one of them have it.

Needs PostgreSQL: SQLite has no row locks (it serialises whole writes), so the race it would run
proves nothing about SELECT ... FOR UPDATE. The project's CI runs the suite with DATABASE_URL set.
"""

import threading

import pytest
from django.db import connection, connections

from {{ cookiecutter.project_slug }}.core.exceptions import ApplicationError

from .. import services
from ..models import Order, Product
from .factories import AddressFactory, ProductFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL: set DATABASE_URL=postgres://...",
    ),
]


def test_two_concurrent_orders_for_the_last_item_cannot_both_succeed():
    product = ProductFactory(stock=1)
    addresses = [AddressFactory(), AddressFactory()]
    start = threading.Barrier(len(addresses))
    outcomes: list[str] = []

    def place(address) -> None:
        try:
            start.wait()  # both threads reach the database together
            services.order_place(
                customer=address.customer,
                address=address,
                items=[{"product": product.pk, "quantity": 1}],
            )
            outcomes.append("placed")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=place, args=(address,)) for address in addresses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["insufficient_stock", "placed"]
    assert Product.objects.get(pk=product.pk).stock == 0
    assert Order.objects.count() == 1
