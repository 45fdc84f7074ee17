from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig
from reversion.apps import ReversionConfig


class StaffConfig(AppConfig):
    default = True
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from staff.audit import connect_log_in_signals

        name_boolean_icons_in_the_staff_language()
        connect_log_in_signals()


class LogInRecordsConfig(AxesConfig):
    """django-axes (log-in attempts and lock-outs), named in the staff's language where the admin
    lists permissions ("Axes | access attempt | …" before)."""

    default = False
    verbose_name = _("Log-in records")


class BackgroundTasksConfig(TasksAppConfig):
    """django-tasks' database backend (the worker's queue), named in the staff's language where the
    admin lists permissions ("Tasks Database Backend | …" before)."""

    default = False
    verbose_name = _("Background tasks")


class VersionHistoryConfig(ReversionConfig):
    """django-reversion (every saved version of content), named in the staff's language."""

    default = False
    verbose_name = _("Version history")


def name_boolean_icons_in_the_staff_language():
    """Django's admin writes a yes/no icon as ``<img alt="True">`` in every language (its
    ``_boolean_icon`` puts the Python value in ``alt``); a screen reader on a Bulgarian page
    would read English. The same icon, with "Yes", "No" or "Unknown" from Django's own catalogues.
    Django's ``display_for_field`` imports the function from this module when it is called,
    so replacing it here covers change lists and read-only fields alike.
    """
    from django.contrib.admin.templatetags import admin_list
    from django.templatetags.static import static
    from django.utils.html import format_html

    names = {True: ("yes", _("Yes")), False: ("no", _("No")), None: ("unknown", _("Unknown"))}

    def boolean_icon(field_val):
        icon, name = names[field_val]
        return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), name)

    admin_list._boolean_icon = boolean_icon


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the staff workspace site (dashboard, translation status) as ``admin.site``.

    Apps keep registering with ``@admin.register``; see docs/STAFF.md.
    """

    default = False
    default_site = "staff.sites.PortalAdminSite"
