# The app servers (most-web@.service) behind Varnish, and who may ban pages: the site's own
# part of most.vcl. Its placeholders are filled in at install (envsubst) and by the topology test.
backend app_a {
    .host = "${APP_A_HOST}";
    .port = "${APP_A_PORT}";
    # /healthz must be asked with a host name of DJANGO_ALLOWED_HOSTS.
    .host_header = "${SITE_HOST}";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend app_b {
    .host = "${APP_B_HOST}";
    .port = "${APP_B_PORT}";
    .host_header = "${SITE_HOST}";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

sub vcl_init {
    app.add_backend(app_a);
    app.add_backend(app_b);
}

# The app servers' addresses: they send the BAN requests (HTTP_CACHE_BAN_URLS).
acl banners {
    "${APP_A_HOST}";
    "${APP_B_HOST}";
}
