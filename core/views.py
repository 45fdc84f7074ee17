"""What the views of several apps share: the site's address for links in mail, the answer to a rate limit."""


def site_root(request) -> str:
    """The address of the site's root as the visitor reached it, for absolute links in mail sent now."""
    return request.build_absolute_uri("/")


def refused_for_rate(view, form, message):
    """The form shown again with ``message`` above it and status 429: too many tries, what was typed kept."""
    form.add_error(None, message)
    response = view.form_invalid(form)
    response.status_code = 429
    return response
