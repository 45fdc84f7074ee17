"""Staff accounts: portal administrators manage users; nobody grants more than they hold.

- Only a superuser sees or edits superusers, grants superuser status or single permissions.
- The editor and moderator groups follow the membership's role (services.staff_groups_sync);
  they are not picked by hand.
- A user manager who belongs to a municipality (should a portal administrator ever give
  one that permission) sees only that municipality's staff and appoints only to it.
"""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from staff.admin.scoping import (
    MunicipalityScopedAdminMixin,
    MunicipalityScopedInlineMixin,
    PortalAdministratorsOnlyAdminMixin,
)
from staff.models import StaffMembership
from staff.roles import NO_ROLE, PORTAL_ADMINISTRATORS_GROUP, ROLE_GROUPS, staff_scope
from staff.services import staff_groups_sync
from staff.two_factor import second_factor_reset

# Django stores a permission's name once, in English, when migrations create it ("Can add event");
# the staff's language names the action and the model instead.
PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    """Permissions named in the staff's language: "Записи за влизане | влизане | Може да вижда влизане"."""

    def label_from_instance(self, permission):
        model = permission.content_type.model_class()
        action, _separator, model_name = permission.codename.partition("_")
        if model is None or action not in PERMISSION_ACTIONS or model_name != model._meta.model_name:
            return str(permission)  # a permission of its own, named as its app wrote it
        section = apps.get_app_config(model._meta.app_label).verbose_name
        name = PERMISSION_ACTIONS[action] % {"model": model._meta.verbose_name}
        return f"{section} | {model._meta.verbose_name} | {name}"


def formfield_for_permissions(db_field, kwargs) -> dict:
    if db_field.name in {"permissions", "user_permissions"}:
        kwargs["form_class"] = PermissionChoiceField
    return kwargs


class StaffMembershipInline(MunicipalityScopedInlineMixin, admin.StackedInline):
    model = StaffMembership
    can_delete = True
    max_num = 1


class StaffUserAdmin(MunicipalityScopedAdminMixin, UserAdmin):
    municipality_lookup = "staff_membership__municipality"
    role_permissions = NO_ROLE
    inlines = [StaffMembershipInline]
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "staff_membership")
    list_select_related = ("staff_membership__municipality",)
    list_filter = ("is_staff", "is_superuser", "is_active", "staff_membership__role", "staff_membership__municipality")
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset two-factor log-in (lost phone or passkey)"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        """Remove every second factor of the chosen accounts; each sets one up again at the next log-in."""
        users = list(queryset)
        for user in users:
            second_factor_reset(user=user, by=request.user, request=request)
        self.message_user(
            request,
            ngettext(
                "Two-factor log-in reset for %(count)d account: it sets a new one up at its next log-in.",
                "Two-factor log-in reset for %(count)d accounts: each sets a new one up at its next log-in.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ("is_superuser", "user_permissions")
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            groups = Group.objects.exclude(name__in=ROLE_GROUPS.values())
            if not staff_scope(request.user).everything:
                groups = groups.exclude(name=PORTAL_ADMINISTRATORS_GROUP)
            kwargs["queryset"] = groups
        return super().formfield_for_manytomany(db_field, request, **formfield_for_permissions(db_field, kwargs))

    def save_model(self, request, obj, form, change):
        # A new account gets its municipality from the inline, saved after this: the scope
        # is checked in save_related, still inside the same transaction.
        admin.ModelAdmin.save_model(self, request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = User.objects.select_related("staff_membership").get(pk=form.instance.pk)
        if not self.object_in_scope(request, user):
            raise PermissionDenied
        staff_groups_sync(user=user)


class StaffGroupAdmin(PortalAdministratorsOnlyAdminMixin, GroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **formfield_for_permissions(db_field, kwargs))


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, StaffGroupAdmin)
