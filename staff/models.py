"""The staff workspace's own record: which municipality a staff user works for, and in what role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Municipality


class StaffRole(models.TextChoices):
    """What a member of an information centre may do in their municipality (docs/STAFF.md)."""

    EDITOR = "editor", _("editor")
    MODERATOR = "moderator", _("moderator")


class StaffMembershipQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("user", "municipality")


class StaffMembership(models.Model):
    """A staff user's place in one municipality's information centre.

    Portal administrators need none: they work across both municipalities.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_membership", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="staff_memberships", verbose_name=_("municipality")
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole, default=StaffRole.EDITOR)

    objects = StaffMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=StaffRole.values), name="staff_membership_role_known"),
        ]

    def __str__(self):
        return f"{self.user} · {self.municipality} · {self.get_role_display()}"
