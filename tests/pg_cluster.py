"""A throwaway PostgreSQL cluster for the tests and the register benchmark.

``initdb`` into a temporary folder, started with ``pg_ctl`` on loopback at a free port (its unix
socket in the same folder), stopped and removed at the end. PostgreSQL refuses to run as root, so
as root the cluster belongs to an unprivileged account (``nobody``) and its commands run through
``runuser`` (or ``su``); otherwise it is the caller's own. The binaries are found on PATH or in
Debian's /usr/lib/postgresql/VERSION/bin.

    with Cluster() as cluster:
        engine = connect(cluster.address("register"))
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "stakemap"  # the cluster's superuser, trusted on loopback only
ACCOUNT = "nobody"  # who runs the server when we are root


class ClusterError(RuntimeError):
    """PostgreSQL could not be set up: what was tried and what it said."""


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and (Path(found).resolve().parent / "pg_ctl").exists():
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: [int(x) for x in Path(p).parts[-3].split(".") if x.isdigit()])
    return Path(versions[-1]).parent if versions else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A PostgreSQL server of our own, for as long as the ``with`` block lasts.

    ``durable=False`` (for tests) turns off fsync: nothing here must survive a crash.
    """

    def __init__(self, durable: bool = False, settings: dict[str, str] | None = None) -> None:
        self.bin = find_binaries()
        if self.bin is None:
            raise ClusterError("PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql)")
        self.durable = durable
        self.settings = settings or {}
        self.folder = Path(tempfile.mkdtemp(prefix="stakemap-pg-"))
        self.data = self.folder / "data"
        self.port = 0
        self.account = ACCOUNT if os.geteuid() == 0 else None

    def _run(self, *command: str) -> subprocess.CompletedProcess:
        argv = [str(self.bin / command[0]), *command[1:]]
        if self.account:
            if shutil.which("runuser"):
                argv = ["runuser", "-u", self.account, "--", *argv]
            else:
                argv = ["su", "-s", "/bin/sh", self.account, "-c", " ".join(_quoted(a) for a in argv)]
        done = subprocess.run(argv, cwd=self.folder, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip()
            raise ClusterError(f"{command[0]} failed ({done.returncode}): {said}")
        return done

    def start(self) -> Cluster:
        if self.account:
            account = pwd.getpwnam(self.account)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale",
                  *(() if self.durable else ("--no-sync",)))
        self.port = free_port()
        options = {"listen_addresses": "127.0.0.1", "port": str(self.port),
                   "unix_socket_directories": str(self.folder), "max_connections": "50", **self.settings}
        if not self.durable:
            options.update(fsync="off", synchronous_commit="off", full_page_writes="off")
        text = " ".join(f"-c {key}={value}" for key, value in options.items())
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", text,
                  "-w", "-t", "60", "start")
        return self

    def address(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its address."""
        import psycopg

        with psycopg.connect(self.address(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.address(name)

    def stop(self) -> None:
        try:
            if self.port and (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *_) -> None:
        self.stop()


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
