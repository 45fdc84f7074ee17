"""Does an entry's website answer, and does its e-mail domain take mail? Polite, bounded checks.

Websites: HEAD first (no body to transfer), then GET when the server refuses HEAD (405, 501)
or answers it with an error some servers give only to HEAD; redirects are followed (up to
``MAX_REDIRECTS``); every request names the portal in its User-Agent and gives up after
``UPKEEP_LINK_CHECK_TIMEOUT`` seconds; requests to one host are spaced by
``UPKEEP_LINK_CHECK_DELAY`` seconds (``HostPacer``). E-mail domains: an MX record, or, as
RFC 5321 allows, an address record when there is no MX; a "null MX" (RFC 7505) or a name
that does not exist fails. A time-out or a DNS server failure is *unknown*, not broken: the
entry is checked again next time and nobody is told.

The addresses are typed by companies, so the check must not become a way to reach the portal's
own network (SSRF): each host is resolved once, and the request goes to that very address,
which must be a public one (``public_address``): a loopback, private, link-local (the cloud
metadata service at 169.254.169.254), shared, reserved or multicast address is refused without
a request, and so is a redirect to one. ``UPKEEP_LINK_CHECK_ALLOW_PRIVATE`` lifts that for tests,
whose websites listen on loopback. Proxies from the environment are not used: the check itself
must connect to the address it checked.
"""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

import dns.exception
import dns.resolver
from django.conf import settings

MAX_REDIRECTS = 5


@dataclass(frozen=True)
class CheckResult:
    ok: bool | None  # None: could not tell (time-out, DNS server failure)
    detail: str


def user_agent() -> str:
    site = settings.PORTAL_SITE_URL or "https://github.com/"
    return f"MostLinkCheck/1.0 (+{site}; checks the addresses listed in the directory)"


class HostPacer:
    """Waits so that two requests to one host are at least ``delay`` seconds apart."""

    def __init__(self, delay: float):
        self.delay = delay
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        previous = self.last.get(host)
        if previous is not None:
            pause = previous + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self.last[host] = time.monotonic()


class AddressRefused(OSError):
    """The host resolves to no public address: the check sends nothing there."""


def address_is_public(address: str) -> bool:
    """Whether ``address`` (an IP address) is on the public internet: not loopback, private, link-local…"""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0") is not part of it
    if ip.version == 6 and ip.ipv4_mapped is not None:  # ::ffff:127.0.0.1 reaches 127.0.0.1
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses to connect to for ``host``, resolved once here: its public ones, in DNS order.

    With ``UPKEEP_LINK_CHECK_ALLOW_PRIVATE`` every address will do (tests' servers are on loopback).
    """
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as error:  # a name IDNA cannot encode
        raise OSError(f"bad host name: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not settings.UPKEEP_LINK_CHECK_ALLOW_PRIVATE:
        addresses = [address for address in addresses if address_is_public(address)]
    if not addresses:
        raise AddressRefused(f"refused: {host} has no public address")
    return addresses


def _connect(host: str, port: int, timeout) -> socket.socket:
    """A connection to one of the addresses ``public_addresses`` checked, never to what a second look-up says."""
    error = None
    for address in public_addresses(host, port):
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as failure:
            error = failure
    raise error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = _connect(self.host, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        # The certificate is still checked against the host's name (and sent as SNI).
        self.sock = self._context.wrap_socket(_connect(self.host, self.port, self.timeout), server_hostname=self.host)


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PinnedHTTPConnection, req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PinnedHTTPSConnection, req)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, pacer: HostPacer):
        self.pacer = pacer

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            if req.get_method() == "HEAD":  # urllib turns every redirect into a GET
                new.method = "HEAD"
            self.pacer.wait(new.full_url)
        return new


def _request(url: str, method: str, pacer: HostPacer) -> int:
    # No proxy from the environment: the check connects to the address it checked (above).
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _PinnedHTTPHandler(), _PinnedHTTPSHandler(), _Redirects(pacer)
    )
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent(), "Accept": "*/*"})  # noqa: S310 (http/https only, see website_check)
    pacer.wait(url)
    try:
        with opener.open(request, timeout=settings.UPKEEP_LINK_CHECK_TIMEOUT) as response:
            if method == "GET":
                response.read(1024)  # enough to know it answers, never the whole page
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def website_check(url: str, *, pacer: HostPacer | None = None) -> CheckResult:
    """Whether ``url`` answers with a page (2xx after redirects)."""
    pacer = pacer or HostPacer(settings.UPKEEP_LINK_CHECK_DELAY)
    if urlsplit(url).scheme not in ("http", "https"):
        return CheckResult(False, "not an http(s) address")
    try:
        status = _request(url, "HEAD", pacer)
        if status >= 400:  # refused HEAD (405, 501), or an error only HEAD gets: ask as a browser would
            status = _request(url, "GET", pacer)
    except TimeoutError:
        return CheckResult(None, "timed out")
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return CheckResult(None, "timed out")
        return CheckResult(False, str(error.reason)[:300])
    except (OSError, ValueError) as error:  # connection reset, bad address, too many redirects
        return CheckResult(False, str(error)[:300])
    if status >= 400:
        return CheckResult(False, f"HTTP {status}")
    return CheckResult(True, f"HTTP {status}")


def resolver() -> dns.resolver.Resolver:
    """The system's resolver, or the servers of ``UPKEEP_DNS_SERVERS`` ("host" or "host:port")."""
    servers = settings.UPKEEP_DNS_SERVERS
    if not servers:
        resolver = dns.resolver.Resolver()
    else:
        # One port for all: a test's server listens on a high port of its own.
        resolver = dns.resolver.Resolver(configure=False)
        hosts = []
        for server in servers:
            host, sep, number = server.rpartition(":")
            if sep and number.isdigit() and ":" not in host:  # "host:port"; an IPv6 address stays whole
                hosts.append(host)
                resolver.port = int(number)
            else:
                hosts.append(server)
        resolver.nameservers = hosts
    resolver.lifetime = settings.UPKEEP_LINK_CHECK_TIMEOUT
    return resolver


def mail_domain_check(domain: str, *, using: dns.resolver.Resolver | None = None) -> CheckResult:
    """Whether ``domain`` takes mail: an MX record that is not the null MX, or else an address record."""
    using = using or resolver()
    domain = domain.strip().rstrip(".").lower()
    if not domain or "." not in domain:
        return CheckResult(False, "no domain")
    try:
        answer = using.resolve(domain, "MX")
        hosts = [str(record.exchange).rstrip(".") for record in answer]
        if all(not host for host in hosts):
            return CheckResult(False, "the domain takes no mail (null MX)")
        return CheckResult(True, "MX " + ", ".join(sorted(hosts))[:290])
    except dns.resolver.NXDOMAIN:
        return CheckResult(False, "the domain does not exist")
    except dns.resolver.NoAnswer:
        pass
    except (dns.resolver.NoNameservers, dns.exception.Timeout, dns.resolver.LifetimeTimeout):
        return CheckResult(None, "DNS did not answer")
    for record_type in ("A", "AAAA"):
        try:
            using.resolve(domain, record_type)
            return CheckResult(True, f"no MX; {record_type} record")
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            continue
        except (dns.resolver.NoNameservers, dns.exception.Timeout):
            return CheckResult(None, "DNS did not answer")
    return CheckResult(False, "no MX and no address record")
