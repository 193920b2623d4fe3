"""App registration for the example shop."""

from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.shop"
    label = "shop"
    verbose_name = "Shop"
    # `manage.py seed_demo` runs it (core/seeding.py); a path, as factory-boy is a dev dependency.
    demo_seed = "{{ cookiecutter.project_slug }}.shop.seed.seed_shop"

    def ready(self) -> None:
        from {{ cookiecutter.project_slug }}.core.caching import invalidate_on_write

        from .models import Category, Product

        # The catalogue is cached (lists, product pages by slug, the summary): every save,
        # delete or stock change through the API, the admin or an order invalidates it.
        invalidate_on_write(Category)
        invalidate_on_write(Product, lookup_field="slug")
