"""Atomic writes: a failure leaves the old file or directory whole and no staging behind; what is
written is readable by its owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from toolkit import files
from toolkit.files import atomic_directory, atomic_write_bytes, atomic_write_text
from toolkit.render import Graph, Node, RenderResult


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class _HalfWriter:
    """A stream that writes half of what it is given, then fails like a full disk."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(28, "No space left on device")


def test_a_file_is_written_whole_and_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "new" / "out.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700  # the folder it made for the file
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        atomic_write_bytes(tmp_path / "out.bin", b"x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "out.bin") == 0o600


def test_a_failure_mid_write_leaves_the_old_file_and_no_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "old content")
    real_fdopen = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: _HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space"):
        atomic_write_text(target, "new content " * 100)
    assert target.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_directory_replaces_the_old_one_whole(tmp_path: Path) -> None:
    target = tmp_path / "snap"
    with atomic_directory(target) as staging:
        (staging / "a").write_text("1")
    with atomic_directory(target) as staging:
        assert staging.parent == tmp_path and staging != target
        (staging / "b").write_text("2")
    assert sorted(p.name for p in target.iterdir()) == ["b"]
    assert _mode(target) == 0o700
    assert [p.name for p in tmp_path.iterdir()] == ["snap"]


def test_a_failure_while_filling_a_directory_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "snap"
    with atomic_directory(target) as staging:
        (staging / "a").write_text("1")
    with pytest.raises(RuntimeError), atomic_directory(target) as staging:
        (staging / "b").write_text("2")
        raise RuntimeError("collection stopped")
    assert [p.name for p in target.iterdir()] == ["a"]
    assert [p.name for p in tmp_path.iterdir()] == ["snap"]


def test_a_failed_rename_puts_the_old_directory_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "snap"
    with atomic_directory(target) as staging:
        (staging / "a").write_text("1")
    real_replace = os.replace
    calls: list[str] = []

    def flaky(source: Any, destination: Any) -> None:
        calls.append(Path(source).name)
        if len(calls) == 3:  # the new one into place, after the old one was moved aside
            raise OSError(5, "Input/output error")
        real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", flaky)
    with pytest.raises(OSError, match="Input/output"), atomic_directory(target) as staging:
        (staging / "b").write_text("2")
    assert len(calls) == 4  # tried in place, moved aside, failed, put back
    assert [p.name for p in target.iterdir()] == ["a"]
    assert [p.name for p in tmp_path.iterdir()] == ["snap"]


def test_a_saved_diagram_is_owner_only(tmp_path: Path) -> None:
    graph = Graph("one node")
    graph.add_node(Node("n", "N", "account"))
    path = RenderResult(graph).save(tmp_path / "out" / "map.dot")
    assert path.read_text().startswith("digraph") and _mode(path) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["map.dot"]
