"""Writes of the site core that span several models: staff roles and memberships."""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from core.models import Municipality
from staff.models import StaffMembership, StaffRole
from staff.roles import PORTAL_ADMINISTRATORS_GROUP, ROLE_GROUPS


def role_permission_codenames() -> dict[str, set[tuple[str, str]]]:
    """For each role, the (app_label, codename) pairs its group holds.

    Declared next to each model's admin as ``role_permissions`` (docs/STAFF.md), so that a
    model joins the roles when its admin is registered.
    """
    wanted: dict[str, set[tuple[str, str]]] = {role: set() for role in StaffRole.values}
    for model, model_admin in admin.site._registry.items():
        for role, actions in getattr(model_admin, "role_permissions", {}).items():
            for action in actions:
                wanted[role].add((model._meta.app_label, f"{action}_{model._meta.model_name}"))
    return wanted


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Create the role groups and give each exactly its declared permissions; safe to run again.

    Portal administrators hold every permission. Returns the number of permissions per group.
    """
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    counts = {}
    for role, codenames in role_permission_codenames().items():
        group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in sorted(codenames)
        ]
        group.permissions.set(permissions)
        counts[group.name] = len(permissions)
    administrators, _created = Group.objects.get_or_create(name=PORTAL_ADMINISTRATORS_GROUP)
    administrators.permissions.set(Permission.objects.all())
    counts[administrators.name] = administrators.permissions.count()
    return counts


@transaction.atomic
def staff_groups_sync(*, user) -> None:
    """Put ``user`` in the group of their membership's role and in no other role group."""
    membership = StaffMembership.objects.filter(user=user).first()
    role_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
    user.groups.remove(*role_groups)
    if membership is not None:
        group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[membership.role])
        user.groups.add(group)


@transaction.atomic
def staff_member_appoint(*, user, municipality: Municipality, role: StaffRole) -> StaffMembership:
    """Make ``user`` a staff member of ``municipality`` with ``role`` (replacing any earlier membership)."""
    membership = StaffMembership.objects.filter(user=user).first() or StaffMembership(user=user)
    membership.municipality = municipality
    membership.role = role
    membership.full_clean()
    membership.save()
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    staff_groups_sync(user=user)
    return membership
