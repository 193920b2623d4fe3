"""System checks of what a deployment needs beyond Django's own (``manage.py check --deploy``).

CoreConfig.ready() registers them.
"""

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning


def static_files_collected(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The production storage names each static file after a hash of its content, looked up in the
    manifest that ``collectstatic`` writes. Without that manifest every page that links a static
    file (the admin, the browsable API, the API docs) answers 500: say so before serving."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    if staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return []
    return [
        CheckWarning(
            f"STATIC_ROOT ({settings.STATIC_ROOT}) has no {staticfiles_storage.manifest_name}: "
            "every page that links a static file would fail with a 500.",
            hint="Run `python manage.py collectstatic --noinput` where the app is deployed.",
            id="core.W001",
        )
    ]
