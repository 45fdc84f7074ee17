"""Staff sessions end sooner than the public's: after an idle hour, and ten hours after log-in at most.

An owner's or visitor's session lasts Django's two weeks; a staff session
opens the admin, so a forgotten browser tab or a stolen cookie is worth far
more. The limits are ``STAFF_SESSION_IDLE_SECONDS`` (3600) and
``STAFF_SESSION_MAX_SECONDS`` (36000), both kept in the session itself.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from core.middleware import LOST_CONNECTION, database_unavailable

# The last-seen time is written at most this often, so that not every request saves the session.
SEEN_RESOLUTION = 60


class StaffSessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refusal = self.check(request)
        except LOST_CONNECTION as error:  # the user or session could not be read: 503, not 500
            return database_unavailable(request, error)
        return refusal or self.get_response(request)

    def check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return None
        session = request.session
        now = time.time()
        idle, longest = settings.STAFF_SESSION_IDLE_SECONDS, settings.STAFF_SESSION_MAX_SECONDS
        since = session.get("staff_since")
        seen = session.get("staff_seen", now)
        if since is None:
            session["staff_since"] = since = now
        if now - seen > idle or now - since > longest:
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if now - seen >= SEEN_RESOLUTION or "staff_seen" not in session:
            session["staff_seen"] = now
            session.set_expiry(idle)
        return None
