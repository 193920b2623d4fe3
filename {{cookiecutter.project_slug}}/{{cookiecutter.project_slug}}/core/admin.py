"""The admin's titles name the project instead of "Django administration"."""

from django.contrib import admin

admin.site.site_header = "{{ cookiecutter.project_name }} administration"
admin.site.site_title = "{{ cookiecutter.project_name }} admin"
admin.site.index_title = "Site administration"
