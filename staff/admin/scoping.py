"""Row-level scoping of the admin: each information centre sees and changes only its municipality.

Every admin route reads rows through ``get_queryset`` (change lists, raw-id popups, list
editing, actions, change/delete/history views, autocomplete), so filtering it there scopes
them all; the object-level permission checks and the save-time checks below refuse what a
forged request could still reach. docs/STAFF.md shows how a ModelAdmin adopts it.

A staff member's rows are those that belong to their municipality and no other. Rows of no
municipality (a joint news article, a page of the whole portal) and rows of several (a
project of both municipalities, through a many-to-many ``municipality_lookup``) are shared:
only portal administrators see and change them. Entries of one municipality may still
*link* to a shared row that involves it (a document of a joint project).
"""

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from core.models import Municipality
from staff.audit import AuditedAdminMixin
from staff.roles import EDITORS_AND_MODERATORS, NO_ROLE, lookup_is_many, municipality_ids_of, staff_scope


def scope_queryset(queryset, user, lookup: str, *, include_joint: bool = False):
    """``queryset`` narrowed to what ``user`` works on, following ``lookup`` to the municipality.

    Through a many-to-many, a row is the user's when every municipality it names is theirs;
    ``include_joint`` also keeps the rows their municipality shares with another (what an
    entry of theirs may link to).
    """
    scope = staff_scope(user)
    if scope.everything:
        return queryset
    if scope.nothing:
        return queryset.none()
    queryset = queryset.filter(**{lookup: scope.municipality_id})
    if lookup_is_many(queryset.model, lookup) and not include_joint:
        others = Municipality.objects.exclude(pk=scope.municipality_id).values("pk")
        queryset = queryset.exclude(**{f"{lookup}__in": others})
    return queryset


def in_scope(user, obj, lookup: str, *, m2m_data: dict | None = None) -> bool:
    """Whether ``obj`` (saved or not) belongs to the municipality ``user`` works for, and to no other.

    ``m2m_data``: a version's many-to-many values, read instead of the stored ones.
    """
    scope = staff_scope(user)
    if scope.everything:
        return True
    if scope.municipality_id is None:
        return False
    return municipality_ids_of(obj, lookup, m2m_data=m2m_data) == {scope.municipality_id}


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
        elif isinstance(related_admin, MunicipalityScopedAdminMixin):
            queryset = related_admin.get_linkable_queryset(request)
        elif related_admin is not None:
            queryset = related_admin.get_queryset(request)
        else:
            queryset = related._default_manager.all()
        if related is Municipality:
            queryset = scope_queryset(queryset, request.user, "pk")
        elif isinstance(related_admin, MunicipalityScopedAdminMixin):
            queryset = scope_queryset(queryset, request.user, related_admin.municipality_lookup, include_joint=True)
        kwargs["queryset"] = queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class MunicipalityScopedAdminMixin(AuditedAdminMixin, _ScopedChoicesMixin):
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

    def get_linkable_queryset(self, request):
        """The rows an entry of the user's municipality may point at (choices, not changes).

        The user's own rows and, through a many-to-many lookup, also the rows their
        municipality shares with the other: a document of a joint project names the project.
        """
        if not lookup_is_many(self.model, self.municipality_lookup):
            return self.get_queryset(request)
        return scope_queryset(super().get_queryset(request), request.user, self.municipality_lookup, include_joint=True)

    def object_in_scope(self, request, obj) -> bool:
        return obj is None or in_scope(request.user, obj, self.municipality_lookup)

    def _owning_field(self):
        """The model's own field that leads to the municipality (None for "pk" and reverse relations)."""
        name = self.municipality_lookup.split("__")[0]
        if name == "pk":
            return None
        field = self.model._meta.get_field(name)
        return field if field.concrete else None

    def _limit_to_own_municipality(self, db_field, request, formfield):
        """Staff must file an entry under their municipality: a shared entry is the administrators'."""
        field = self._owning_field()
        if formfield is None or field is None or db_field.name != field.name:
            return formfield
        scope = staff_scope(request.user)
        if db_field.related_model is Municipality and not scope.everything:
            formfield.required = True
            formfield.initial = [scope.municipality_id] if db_field.many_to_many else scope.municipality_id
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._limit_to_own_municipality(db_field, request, formfield)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._limit_to_own_municipality(db_field, request, formfield)

    def has_view_permission(self, request, obj=None):
        return self.object_in_scope(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.object_in_scope(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.object_in_scope(request, obj) and super().has_delete_permission(request, obj)

    def get_changelist_formset(self, request, **kwargs):
        formset_class = super().get_changelist_formset(request, **kwargs)

        class ScopedChangelistFormSet(formset_class):
            def _existing_object(self, pk):
                # The list-editing forms are built from the scoped change list: a row id that
                # is not among them was forged. Refused outright, instead of validating a blank
                # new row (whose model-level clean() may name fields the form does not have).
                obj = super()._existing_object(pk)
                if obj is None:
                    raise PermissionDenied
                return obj

        return ScopedChangelistFormSet

    # The limited choices already refuse a move to another municipality; these two checks are
    # the last line for anything they do not cover (a path through a model without admin, an
    # admin whose save_model does not call super, a many-to-many emptied by a forged POST).

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        # Before anything is written, where the path starts on the row itself.
        known_before_save = self._owning_field() is not None and not self.municipality_lookup_is_many()
        if known_before_save and not self.object_in_scope(request, obj):
            raise PermissionDenied
        return obj

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After every write (many-to-many values, inline rows), still inside the admin's
        # transaction: a refusal here rolls the whole save back.
        stored = self.model._base_manager.filter(pk=form.instance.pk).first()
        if stored is not None and not self.object_in_scope(request, stored):
            raise PermissionDenied

    def municipality_lookup_is_many(self) -> bool:
        return lookup_is_many(self.model, self.municipality_lookup)


class MunicipalityScopedInlineMixin(_ScopedChoicesMixin):
    """An inline whose rows belong to a municipality (``municipality_lookup`` as above)."""

    municipality_lookup: str = "municipality"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.municipality_lookup)


class PortalAdministratorsOnlyAdminMixin(AuditedAdminMixin):
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
