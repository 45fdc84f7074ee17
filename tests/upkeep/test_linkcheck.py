"""The website and mail-domain checks against real servers on loopback: no network, no stubs."""

import time
from itertools import pairwise

import pytest

from tests.upkeep.servers import NameServer, Website
from upkeep.linkcheck import (
    HostPacer,
    address_is_public,
    mail_domain_check,
    resolver,
    user_agent,
    website_check,
)


@pytest.fixture(scope="module")
def website():
    with Website() as site:
        yield site


def test_a_page_that_answers_head_is_fine_without_a_get(website):
    website.requests.clear()
    result = website_check(f"{website.url}/ok")
    assert result.ok is True
    assert [method for method, *_rest in website.requests] == ["HEAD"]


def test_head_refused_with_405_is_asked_again_with_get(website):
    website.requests.clear()
    assert website_check(f"{website.url}/no-head").ok is True
    assert [(method, path) for method, path, *_rest in website.requests] == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_redirects_are_followed_to_the_page_they_lead_to(website):
    assert website_check(f"{website.url}/moved").ok is True
    result = website_check(f"{website.url}/moved-away")
    assert result.ok is False
    assert result.detail == "HTTP 404"


def test_every_request_names_the_portal_in_its_user_agent(website):
    website.requests.clear()
    website_check(f"{website.url}/moved")
    agents = {agent for _method, _path, agent, _at in website.requests}
    assert agents == {user_agent()}
    assert "MostLinkCheck" in user_agent()


def test_a_missing_page_and_a_closed_port_are_broken(website):
    assert website_check(f"{website.url}/nothing-here").ok is False
    with Website() as closed:
        port_url = closed.url
    assert website_check(f"{port_url}/ok").ok is False


def test_only_web_addresses_are_requested():
    assert website_check("file:///etc/passwd").ok is False


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # a cloud's metadata service
        "fe80::1%eth0",
        "fc00::1",
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 (an address to refuse, not one to bind)
        "::ffff:127.0.0.1",  # loopback written as IPv6
        "224.0.0.1",
    ],
)
def test_local_and_private_addresses_are_not_public(address):
    assert not address_is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2a00:1450:4001:80b::200e", "::ffff:93.184.215.14"])
def test_addresses_on_the_internet_are_public(address):
    assert address_is_public(address)


def test_a_website_on_a_local_address_is_refused_without_a_request_unless_allowed(website, settings):
    """The production default: an address typed by a company never reaches the portal's own network."""
    settings.UPKEEP_LINK_CHECK_ALLOW_PRIVATE = False
    website.requests.clear()
    port = website.url.rpartition(":")[2]
    for url in (f"{website.url}/ok", f"http://localhost:{port}/ok", f"http://[::ffff:127.0.0.1]:{port}/ok"):
        result = website_check(url)
        assert result.ok is False, url
        assert result.detail.startswith("refused:"), result.detail
    assert website.requests == []

    settings.UPKEEP_LINK_CHECK_ALLOW_PRIVATE = True
    assert website_check(f"{website.url}/ok").ok is True
    assert len(website.requests) == 1


def test_the_request_goes_to_the_address_resolved_and_names_the_host(website):
    """The name is resolved once and the connection made to that address; the site still sees its name."""
    website.hosts.clear()
    port = website.url.rpartition(":")[2]
    assert website_check(f"http://localhost:{port}/moved").ok is True
    assert website.hosts == [f"localhost:{port}", f"localhost:{port}"]


def test_requests_to_one_host_are_spaced(website):
    website.requests.clear()
    pacer = HostPacer(0.3)
    for _ in range(3):
        website_check(f"{website.url}/ok", pacer=pacer)
    times = [at for *_rest, at in website.requests]
    assert all(later - earlier >= 0.29 for earlier, later in pairwise(times))


@pytest.fixture(scope="module")
def name_server():
    records = {
        ("mail.test", "MX"): ["10 mx1.mail.test.", "20 mx2.mail.test."],
        ("mx1.mail.test", "A"): ["127.0.0.1"],
        ("plain.test", "A"): ["127.0.0.2"],
        ("nomail.test", "MX"): ["0 ."],
        ("empty.test", "TXT"): ['"nothing else"'],
    }
    with NameServer(records) as server:
        yield server


@pytest.fixture
def dns_servers(settings, name_server):
    settings.UPKEEP_DNS_SERVERS = [name_server.address]
    return resolver()


def test_a_domain_with_mx_records_takes_mail(dns_servers):
    result = mail_domain_check("mail.test", using=dns_servers)
    assert result.ok is True
    assert result.detail == "MX mx1.mail.test, mx2.mail.test"


def test_a_domain_without_mx_but_with_an_address_takes_mail(dns_servers):
    assert mail_domain_check("plain.test", using=dns_servers).ok is True


@pytest.mark.parametrize(
    ("domain", "detail"),
    [
        ("nowhere.test", "the domain does not exist"),
        ("nomail.test", "the domain takes no mail (null MX)"),
        ("empty.test", "no MX and no address record"),
        ("localhost", "no domain"),
    ],
)
def test_domains_that_take_no_mail(dns_servers, domain, detail):
    result = mail_domain_check(domain, using=dns_servers)
    assert (result.ok, result.detail) == (False, detail)


def test_a_dns_server_that_does_not_answer_is_unknown_not_broken(settings):
    with NameServer({}) as server:
        address = server.address
    settings.UPKEEP_DNS_SERVERS = [address]  # nobody listens there any more
    settings.UPKEEP_LINK_CHECK_TIMEOUT = 0.5
    started = time.monotonic()
    result = mail_domain_check("mail.test", using=resolver())
    assert result.ok is None
    assert time.monotonic() - started < 3
