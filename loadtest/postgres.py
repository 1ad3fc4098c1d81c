"""A throwaway PostgreSQL cluster on 127.0.0.1: for `make load` and the outage test.

Made in a temporary folder on a free port, started, stopped and started again
at will, and removed afterwards. As root the server runs as the `postgres` user,
which PostgreSQL requires.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> tuple:
    return tuple(
        int(part) for part in Path(path).parts[-3].split(".") if part.isdigit()
    )


class ThrowawayPostgres:
    def __init__(self):
        self.bin = server_binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's server binaries are not installed.")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="dialoog-pg-"))
        self.data = self.folder / "data"

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        # Our own fixed programs and arguments; nothing comes from outside.
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603

    def create(self) -> "ThrowawayPostgres":
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self.run(
            "initdb",
            *("-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"),
            "--locale=C.UTF-8",
        )
        self.start()
        return self

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c max_connections=200"
        )
        self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
            "-o", options, "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> str:
        self.run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name
        )
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped already
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
