"""A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, a temp dir, a socket.

``initdb`` refuses to run as root, so as root the cluster belongs to ``nobody``. Nothing is
downloaded: without PostgreSQL installed the caller skips (``scripts/test`` installs it).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

RUN_AS = "nobody"


def binaries() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is missing."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _as_owner(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", RUN_AS, "--", *argv]


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A private cluster; yields its URL (``postgresql://…?host=DIR``); removed afterwards."""
    bindir = binaries()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="cohort-pg-"))
    data = root / "data"
    try:
        if os.geteuid() == 0:
            shutil.chown(root, RUN_AS)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
        subprocess.run(
            _as_owner(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "cohort",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                ]
            ),
            **quiet,  # type: ignore[call-overload]
        )
        options = f"-k {root} -c listen_addresses='' -c fsync=off -c max_connections=200"
        subprocess.run(
            _as_owner(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(root / "log"),
                    "-w",
                    "start",
                ]
            ),
            **quiet,  # type: ignore[call-overload]
        )
        try:
            yield f"postgresql://cohort@/postgres?host={root}"
        finally:
            subprocess.run(
                _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(conninfo: str, name: str) -> str:
    """Create an empty database ``name`` on the server; its conninfo."""
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"'.encode())
        conn.execute(f'CREATE DATABASE "{name}"'.encode())
    return conninfo.replace("/postgres?", f"/{name}?")
