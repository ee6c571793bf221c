"""A real ``bahi serve --http`` process for the benchmarks that measure over loopback."""

from __future__ import annotations

import contextlib
import os
import pathlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx

from addin.server.serve import ROOT_DIR


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServedAt(str):
    """The URL of a running ``bahi serve``; ``pid`` is its process id."""

    __slots__ = ("pid",)

    def __new__(cls, url: str, pid: int) -> ServedAt:
        served = super().__new__(cls, url)
        served.pid = pid
        return served


def rss_mb(pid: int) -> float | None:
    """A process's resident memory in MB (Linux ``/proc``), None when it cannot be read."""
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (a server's workers), from Linux ``/proc``."""
    found = []
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


class ServeDidNotStartError(RuntimeError):
    """``bahi serve`` did not answer on its port in time."""


@contextlib.contextmanager
def bahi_serve(
    env: dict[str, str] | None = None,
    *,
    wait_seconds: float = 90,
    log: pathlib.Path | None = None,
    root: pathlib.Path | None = None,
) -> Iterator[ServedAt]:
    """A ``bahi serve --http`` process on a free loopback port, its URL while it runs; stopped after.

    It starts from this environment without any ``XLWINGS_*`` or ``BAHI_*`` setting (so at its
    defaults), plus ``env``. Its output (uvicorn's access log among it) goes to ``log`` if given.
    ``root`` runs it from another checkout of Bahi (its ``addin`` package comes first on the path).
    """
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "BAHI_"))}
    out = log.open("wb") if log is not None else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "addin.server.serve", "--http", "--port", str(port)],
        cwd=root or ROOT_DIR,
        env=clean | (env or {}),
        stdout=out or subprocess.DEVNULL,
        stderr=out or subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if proc.poll() is not None:
                    raise ServeDidNotStartError(f"bahi serve exited with code {proc.returncode}") from None
                if time.monotonic() > deadline:
                    message = f"bahi serve did not start within {wait_seconds:g} s"
                    raise ServeDidNotStartError(message) from None
                time.sleep(0.3)
        yield ServedAt(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        if out is not None:
            out.close()
