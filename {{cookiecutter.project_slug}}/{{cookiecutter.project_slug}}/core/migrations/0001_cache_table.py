"""Create the database cache's table, so `migrate` is the only step a deploy needs.

createcachetable acts only on caches whose backend is the database cache (production
settings); under local memory it does nothing. It skips a table that already exists, so
after switching a deployed project to the database cache, run it once by hand.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
