"""Staff accounts: portal administrators manage users; nobody grants more than they hold.

- Only a superuser sees or edits superusers, grants superuser status or single permissions.
- The editor and moderator groups follow the membership's role (services.staff_groups_sync);
  they are not picked by hand.
- A user manager who belongs to a municipality (should a portal administrator ever give
  one that permission) sees only that municipality's staff and appoints only to it.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied

from staff.admin.scoping import (
    MunicipalityScopedAdminMixin,
    MunicipalityScopedInlineMixin,
    PortalAdministratorsOnlyAdminMixin,
)
from staff.models import StaffMembership
from staff.roles import NO_ROLE, PORTAL_ADMINISTRATORS_GROUP, ROLE_GROUPS, staff_scope
from staff.services import staff_groups_sync


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
        return super().formfield_for_manytomany(db_field, request, **kwargs)

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
    pass


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, StaffGroupAdmin)
