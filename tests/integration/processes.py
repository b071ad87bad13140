"""Processes and their sockets, read from /proc: whether a sandbox server has ended and
released its port (judged by its own listening sockets: the port number alone can be taken
again at once by another test's sandbox)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def alive(pid: int) -> bool:
    """Whether any thread of ``pid`` still runs. A process whose threads have all ended is a
    zombie waiting for its reaper: ended. (Its main thread alone can be a zombie while other
    threads are still exiting and the process still holds its files.)"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        threads = list(Path(f"/proc/{pid}/task").iterdir())
    except FileNotFoundError:
        return False
    for thread in threads:
        try:
            state = (thread / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            continue
        if state not in ("Z", "X"):
            return True
    return False


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return not alive(pid)


def listening_sockets(pid: int) -> set[str]:
    """Inodes of the TCP sockets ``pid`` listens on (from /proc: a port number alone could be
    taken again at once by another test's sandbox)."""
    owned = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            owned.add(target[len("socket:[") : -1])
    return owned & _listening()


def _listening() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return inodes


def released(sockets: set[str], within: float = 2.0) -> bool:
    """Whether no socket of ``sockets`` listens any more (polled for ``within`` seconds)."""
    deadline = time.monotonic() + within
    while sockets & _listening():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def server_pid(parent: int) -> int:
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])
