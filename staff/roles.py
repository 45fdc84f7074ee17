"""Staff roles and the municipality a staff user works for.

Three roles (docs/STAFF.md):

- an *editor* of a municipality creates, edits and publishes that municipality's content;
- a *moderator* of a municipality does the same and also handles SME registrations and
  proposed changes;
- a *portal administrator* (a superuser, or a member of the "Portal administrators" group)
  works across both municipalities and manages staff accounts.

Editors and moderators are ``StaffMembership`` rows (one municipality per user) plus the
matching Django group; the groups' model permissions are declared next to each ModelAdmin
(``role_permissions``) and written by ``manage.py sync_roles``.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from staff.models import StaffRole

PORTAL_ADMINISTRATORS_GROUP = "Portal administrators"
ROLE_GROUPS = {StaffRole.EDITOR: "Editors", StaffRole.MODERATOR: "Moderators"}

ALL_ACTIONS = ("view", "add", "change", "delete")

# Presets for ``role_permissions`` on a ModelAdmin: role -> model actions its group holds.
# Content a municipality publishes: both roles create, edit, publish and delete it.
EDITORS_AND_MODERATORS = {StaffRole.EDITOR: ALL_ACTIONS, StaffRole.MODERATOR: ALL_ACTIONS}
# Submissions from outside (SME registrations, proposed changes): moderators only.
MODERATORS_ONLY = {StaffRole.MODERATOR: ALL_ACTIONS}
# A record that exists once per municipality (the municipality itself, its information centre).
EDIT_ONLY = {StaffRole.EDITOR: ("view", "change"), StaffRole.MODERATOR: ("view", "change")}
# Global records and user management: portal administrators only.
NO_ROLE = {}


@dataclass(frozen=True)
class StaffScope:
    """What part of the portal a user works on: everything, one municipality, or nothing."""

    everything: bool = False
    municipality_id: int | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and self.municipality_id is None


def is_portal_administrator(user) -> bool:
    return staff_scope(user).everything


def staff_scope(user) -> StaffScope:
    """The scope of ``user``, computed once per user object (so once per request)."""
    cached = getattr(user, "_staff_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = StaffScope()
    elif user.is_superuser or user.groups.filter(name=PORTAL_ADMINISTRATORS_GROUP).exists():
        scope = StaffScope(everything=True)
    else:
        membership = getattr(user, "staff_membership", None) if user.pk else None
        scope = StaffScope(municipality_id=membership.municipality_id if membership else None)
    user._staff_scope = scope
    return scope


def municipality_ids_of(obj, lookup: str, *, m2m_data: dict | None = None) -> set[int]:
    """The municipalities ``obj`` belongs to, following ``lookup`` ("municipality",
    "organisation__municipality", "pk", or a many-to-many such as "municipalities").

    A foreign-key path gives one municipality, or none where a key on the way is empty; a
    many-to-many last step gives as many as the row names. Works on unsaved and deleted
    instances (a version being recovered) as long as the foreign keys along the path still
    resolve; ``m2m_data`` (a version's many-to-many values) stands in for the stored ones.
    """
    *path, last = lookup.split("__")
    current = obj
    for name in path:
        try:
            current = getattr(current, name)
        except ObjectDoesNotExist:  # a missing reverse one-to-one (a user without membership)
            return set()
        if current is None:
            return set()
    if last == "pk":
        return {current.pk}
    field = current._meta.get_field(last)
    if field.many_to_many:
        if m2m_data is not None and current is obj:
            return {int(pk) for pk in m2m_data.get(last, [])}
        if current.pk is None:
            return set()
        return set(getattr(current, last).values_list("pk", flat=True))
    value = getattr(current, field.attname)
    return set() if value is None else {value}


def lookup_is_many(model, lookup: str) -> bool:
    """Whether ``lookup`` crosses a many-to-many (a row may then belong to several municipalities)."""
    for name in lookup.split("__"):
        if name == "pk":
            return False
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


def staff_role(user) -> str | None:
    """The role of a municipality's staff member (editor, moderator), None for others and administrators."""
    if staff_scope(user).municipality_id is None:
        return None
    return user.staff_membership.role


def publishing_needs_review(user) -> bool:
    """Whether ``user`` may only submit drafts for review, not publish them (docs/STAFF.md, "Review").

    So for an editor of a municipality that turned the review step on. Its moderators and the
    portal administrators publish; an entry shared by both municipalities is the administrators'.
    """
    if staff_role(user) != StaffRole.EDITOR:
        return False
    return user.staff_membership.municipality.review_required


def may_review(user, obj, lookup: str) -> bool:
    """Whether ``user`` publishes or sends back ``obj`` when it waits for review: a moderator of its
    municipality or a portal administrator."""
    scope = staff_scope(user)
    if scope.everything:
        return True
    return staff_role(user) == StaffRole.MODERATOR and municipality_ids_of(obj, lookup) == {scope.municipality_id}
