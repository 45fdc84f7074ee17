"""Preview pages: a draft or scheduled entry on the site exactly as it will look (docs/STAFF.md, "Preview").

Two doors to the same page, in every language (``/<language>/preview/...``):

- ``preview/<content type>/<id>/`` for staff who may see the entry in the admin (their
  municipality's, or any for portal administrators); others are sent to log in, or get 404;
- ``preview/shared/<token>/`` for a reviewer without an account, through a share link
  (``staff.preview``): signed, time-limited, revocable.

The page is the entry's own detail view, found by resolving its public address, told through
``request.preview`` (``core.views.PreviewableDetailMixin``) to show this one unpublished entry;
base.html then shows the preview banner. A preview is never cached: the page cache skips the
``preview`` addresses (``core.middleware``) and the response says ``private, no-store``.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from core.views import Preview
from staff.preview import share_link_read


def _render(request, preview: Preview):
    try:
        match = resolve(preview.obj.get_absolute_url())
    except (Resolver404, AttributeError) as error:
        raise Http404 from error
    request.preview = preview
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def staff_preview(request, content_type_id: int, object_id: str):
    """An entry's preview for a staff member who may open it in the admin."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()  # cached per process
    except ContentType.DoesNotExist:
        model = None
    model_admin = admin.site._registry.get(model) if model else None
    if model_admin is None or not request.user.is_staff:
        raise Http404
    obj = model_admin.get_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return _render(request, Preview(obj=obj))


@require_safe
def shared_preview(request, token: str):
    """An entry's preview through a share link, while the link holds."""
    shared = share_link_read(token)
    if shared is None:
        raise Http404
    return _render(request, Preview(obj=shared.obj, shared=True, expires_at=shared.expires_at))
