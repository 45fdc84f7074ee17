"""Row-level scoping of the admin: each information centre sees and changes only its municipality.

Every admin route reads rows through ``get_queryset`` (change lists, raw-id popups, list
editing, actions, change/delete/history views, autocomplete), so filtering it there scopes
them all; the object-level permission checks and the save-time check below refuse what a
forged request could still reach. docs/STAFF.md shows how a ModelAdmin adopts it.
"""

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from portal.models import Municipality
from portal.roles import EDITORS_AND_MODERATORS, NO_ROLE, municipality_id_of, staff_scope


def scope_queryset(queryset, user, lookup: str):
    """``queryset`` narrowed to what ``user`` works on, following ``lookup`` to the municipality."""
    scope = staff_scope(user)
    if scope.everything:
        return queryset
    if scope.nothing:
        return queryset.none()
    return queryset.filter(**{lookup: scope.municipality_id})


def in_scope(user, obj, lookup: str) -> bool:
    """Whether ``obj`` (saved or not) belongs to the municipality ``user`` works for."""
    scope = staff_scope(user)
    if scope.everything:
        return True
    return scope.municipality_id is not None and municipality_id_of(obj, lookup) == scope.municipality_id


class _ScopedChoicesMixin:
    """Foreign-key and many-to-many choices limited to rows the user may see.

    A choice of municipality offers only the user's own; a choice of any other model whose
    admin is scoped offers that admin's scoped rows. A forged POST naming a row outside
    the choices fails form validation ("Select a valid choice").
    """

    def _scoped_choices(self, db_field, request, kwargs):
        related = db_field.related_model
        related_admin = self.admin_site._registry.get(related)
        if "queryset" in kwargs:
            queryset = kwargs["queryset"]
        elif related_admin is not None:
            queryset = related_admin.get_queryset(request)
        else:
            queryset = related._default_manager.all()
        if related is Municipality:
            queryset = scope_queryset(queryset, request.user, "pk")
        elif isinstance(related_admin, MunicipalityScopedAdminMixin):
            queryset = scope_queryset(queryset, request.user, related_admin.municipality_lookup)
        kwargs["queryset"] = queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class MunicipalityScopedAdminMixin(_ScopedChoicesMixin):
    """A ModelAdmin whose rows belong to a municipality.

    ``municipality_lookup`` is the path from the model to its municipality: "municipality",
    "organisation__municipality", or "pk" for ``Municipality`` itself. ``role_permissions``
    says which model permissions the editor and moderator groups get (``manage.py
    sync_roles``).
    """

    municipality_lookup: str = ""
    role_permissions = EDITORS_AND_MODERATORS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.municipality_lookup:
            raise ImproperlyConfigured(f"{type(self).__name__} must set municipality_lookup (docs/STAFF.md).")

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.municipality_lookup)

    def object_in_scope(self, request, obj) -> bool:
        return obj is None or in_scope(request.user, obj, self.municipality_lookup)

    def has_view_permission(self, request, obj=None):
        return self.object_in_scope(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.object_in_scope(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.object_in_scope(request, obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # The limited choices already refuse a move to another municipality; this is the
        # last line for anything they do not cover (a path through a model without admin).
        if not self.object_in_scope(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class MunicipalityScopedInlineMixin(_ScopedChoicesMixin):
    """An inline whose rows belong to a municipality (``municipality_lookup`` as above)."""

    municipality_lookup: str = "municipality"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.municipality_lookup)


class PortalAdministratorsOnlyAdminMixin:
    """A ModelAdmin of global records (the four directions, user groups, log-in attempts).

    Only portal administrators reach it, whatever model permissions a group was given.
    """

    role_permissions = NO_ROLE

    def _administrator(self, request) -> bool:
        return staff_scope(request.user).everything

    def has_module_permission(self, request):
        return self._administrator(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._administrator(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args, **kwargs):
        return self._administrator(request) and super().has_add_permission(request, *args, **kwargs)

    def has_change_permission(self, request, obj=None):
        return self._administrator(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._administrator(request) and super().has_delete_permission(request, obj)


def admin_scope_kind(model_admin: admin.ModelAdmin) -> str | None:
    """How a registered admin is scoped: "municipality", "administrators", or None (a bug)."""
    if isinstance(model_admin, MunicipalityScopedAdminMixin):
        return "municipality"
    if isinstance(model_admin, PortalAdministratorsOnlyAdminMixin):
        return "administrators"
    return None
