"""gunicorn's settings for production, in one place: ``gunicorn -c python:portal.gunicorn portal.wsgi``.

Each can be changed from the environment (docs/OPERATIONS.md). Threaded workers keep
telling the master they are alive while a thread streams a long download (the directory's
CSV at 100,000 organisations), so the timeout below never kills a healthy download, only
a worker that stopped answering.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds a worker may go without a sign of life before the master restarts it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Seconds an idle keep-alive connection from the proxy stays open.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced after this many requests (with jitter), so that no slow leak grows for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Request line and header limits: gunicorn's defaults, written out.
limit_request_line = 8190
limit_request_fields = 100
