"""Real servers on loopback for the link check: a small website and a small DNS server."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


class Website:
    """A web server with a page of every kind the check meets; it notes each request it gets."""

    def __init__(self):
        self.requests: list[tuple[str, str, str, float]] = []
        self.hosts: list[str] = []  # the Host header of each request
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, method):
                site.requests.append((method, self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                site.hosts.append(self.headers.get("Host", ""))
                if self.path == "/no-head" and method == "HEAD":
                    status, location = 405, None
                elif self.path == "/moved":
                    status, location = 301, "/ok"
                elif self.path == "/moved-away":
                    status, location = 302, "/gone"
                elif self.path in ("/ok", "/no-head"):
                    status, location = 200, None
                else:
                    status, location = 404, None
                body = b"<!doctype html><title>ok</title>" if status == 200 else b"no"
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if method == "GET":
                    self.wfile.write(body)

            def do_HEAD(self):
                self.answer("HEAD")

            def do_GET(self):
                self.answer("GET")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class NameServer:
    """A DNS server over UDP that answers from ``records``: {(name, type): [rdata, ...]}.

    A name it does not know is NXDOMAIN; a known name without the asked type is an empty answer.
    """

    def __init__(self, records: dict[tuple[str, str], list[str]]):
        self.records = {(name.rstrip(".").lower() + ".", kind): data for (name, kind), data in records.items()}
        self.names = {name for name, _kind in self.records}
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.address = f"127.0.0.1:{self.socket.getsockname()[1]}"
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def serve(self):
        while self.running:
            try:
                data, peer = self.socket.recvfrom(4096)
            except TimeoutError:
                continue
            query = dns.message.from_wire(data)
            response = dns.message.make_response(query)
            response.flags |= dns.flags.RA
            question = query.question[0]
            name, kind = question.name.to_text().lower(), dns.rdatatype.to_text(question.rdtype)
            if name not in self.names:
                response.set_rcode(dns.rcode.NXDOMAIN)
            elif (name, kind) in self.records:
                response.answer.append(dns.rrset.from_text(name, 300, "IN", kind, *self.records[name, kind]))
            self.socket.sendto(response.to_wire(), peer)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.socket.close()
