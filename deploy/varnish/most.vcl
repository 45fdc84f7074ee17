# Varnish in front of Most's app servers: the shared HTTP cache (docs/SCALING.md).
# /etc/varnish/most.vcl, with most-backends.vcl beside it; run as
#   varnishd -a :6081 -f /etc/varnish/most.vcl -s malloc,512m
# (the Debian unit's ExecStart, overridden by varnish.service.d/most.conf).
# tests/topology/test_topology.py runs this very file.
vcl 4.1;

import directors;
import std;

# An app server is taken out after 2 of its last 3 probes failed (at most about 1.5 s), and
# back in after 2 good ones. /healthz asks PostgreSQL (200 or 503).
probe healthz {
    .url = "/healthz";
    .interval = 0.5s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

sub vcl_init {
    new app = directors.round_robin();
}

# The app servers, the host name they expect and who may ban: the part that differs per site.
include "most-backends.vcl";

sub vcl_recv {
    # The app servers ban the pages that read the tables a change wrote (core.httpcache).
    if (req.method == "BAN") {
        if (client.ip !~ banners) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.X-Ban-Tables) {
            ban("obj.http.X-Tables ~ " + req.http.X-Ban-Tables);
        }
        # Pages that did not say what they read go with any change.
        ban("obj.http.X-Tables == none");
        return (synth(200, "Banned"));
    }
    set req.backend_hint = app.backend();
    if (!req.http.X-Forwarded-Proto) {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, owners and anyone with a session are never served a shared page, nor fill one.
    if (req.url ~ "^/admin/" || req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anonymous: no cookie reaches the app (a form answers with a fresh CSRF cookie and is not
    # cached, below), so every anonymous reader shares one copy of a page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_fetch {
    # A request that another server will answer again: the failed one is not retried on the same one.
    if (bereq.retries > 0) {
        set bereq.backend = app.backend();
    }
}

sub vcl_backend_response {
    # Only what the portal says anyone may share (Cache-Control: public, s-maxage) is cached;
    # everything else (forms, private pages, answers that set a cookie) passes.
    if (beresp.http.Cache-Control !~ "(^|,)\s*public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (!beresp.http.X-Tables) {
        set beresp.http.X-Tables = "none";
    }
    # While every app server is down, readers get the last copy for up to a day.
    set beresp.grace = 24h;
    # Kept past its lifetime so that Varnish asks with If-None-Match and gets a 304.
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_backend_error {
    # An app server that went away (killed, restarting) between two probes: the same request
    # goes to another one, so no reader sees the error. Only requests that change nothing.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.X-Tables;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
}
