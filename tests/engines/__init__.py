"""Real servers the tests start as processes on loopback: Redis (``redis.py``) and an
S3-compatible object store (``s3.py``, SeaweedFS). Each picks free ports, keeps its data in a
folder of its own and can be stopped, killed and started again by the test."""

import socket
import time


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, *, seconds: float, what: str, process=None, log=None) -> None:
    """Call ``check()`` until it returns true; fail after ``seconds`` or when ``process`` ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}: {_tail(log)}")
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} not ready after {seconds} s: {_tail(log)}")


def _tail(log) -> str:
    if log is None:
        return ""
    try:
        return log.read_text(errors="replace")[-2000:]
    except FileNotFoundError:
        return ""
