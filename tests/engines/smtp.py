"""A real SMTP server (aiosmtpd) as a process on a free loopback port, that keeps what it accepts.

    with SmtpSink(tmp_path) as sink:
        sink.environ        # EMAIL_HOST, EMAIL_PORT... for the portal's processes
        sink.hold()         # the next messages wait, after their data, for release()
        sink.receiving()    # whether one is waiting there now
        sink.release()
        sink.messages()     # every accepted message (email.message.Message), in order

A message counts as accepted only once the server has answered "250" to a client that is
still there: a client killed while its message waits is not sent that answer, as with a
real mail server, which takes responsibility for a message only with its "250".
"""

import email
import email.policy
import subprocess
import sys
import time
from pathlib import Path

from tests.engines import free_port, wait_for


class SmtpSink:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.log = self.folder / "smtp.log"
        self.process: subprocess.Popen | None = None

    @property
    def environ(self) -> dict[str, str]:
        return {
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }

    def start(self) -> "SmtpSink":
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.engines.smtp", str(self.folder), str(self.port)],
                cwd=Path(__file__).resolve().parents[2],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        ready = self.folder / "ready"
        wait_for(ready.exists, seconds=15, what="SMTP sink", process=self.process, log=self.log)
        return self

    def hold(self) -> None:
        (self.folder / "hold").touch()

    def release(self) -> None:
        (self.folder / "hold").unlink(missing_ok=True)

    def receiving(self) -> bool:
        return (self.folder / "receiving").exists()

    def messages(self) -> list:
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted((self.folder / "accepted").glob("*.eml"))
        ]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def serve(folder: Path, port: int) -> None:
    import asyncio

    from aiosmtpd.controller import Controller

    accepted = folder / "accepted"
    accepted.mkdir(exist_ok=True)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if (folder / "hold").exists():
                (folder / "receiving").touch()
                while (folder / "hold").exists():
                    if server.transport is None or server.transport.is_closing():
                        (folder / "receiving").unlink(missing_ok=True)
                        return "421 Client gone"
                    await asyncio.sleep(0.02)
                (folder / "receiving").unlink(missing_ok=True)
            if server.transport is None or server.transport.is_closing():
                return "421 Client gone"
            (accepted / f"{time.time_ns()}.eml").write_bytes(envelope.original_content)
            return "250 Message accepted"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    (folder / "ready").touch()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), int(sys.argv[2]))
