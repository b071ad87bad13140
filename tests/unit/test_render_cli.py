"""``toolkit render`` on a snapshot: the sub-commands, the formats, the errors (exit status 2,
one sentence), and nothing written but the output."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from toolkit.cli import main as run
from toolkit.commands.render import TABLES, add_parser
from toolkit.commands.render import run as render
from toolkit.render import _synthetic as synthetic


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic.small_estate().save(tmp_path_factory.mktemp("snap") / "snapshot")


def test_parser_has_the_aws_options_and_subcommands() -> None:
    parser = argparse.ArgumentParser(prog="toolkit")
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["render", "network", "--demo", "--account", "Prod", "--region", "us-east-1", "-o", "x.svg"]
    )
    assert (args.command, args.render_command, args.demo) == ("render", "network", True)
    for name in ("endpoint_url", "profile", "regions", "accounts", "role_name"):
        assert hasattr(args, name)
    for name in ("max_concurrency", "no_progress", "snapshot", "findings", "vpc"):
        assert hasattr(args, name)
    assert set(TABLES) == {"org", "sso", "network"}


@pytest.mark.parametrize(
    ("argv", "name", "start"),
    [
        (["org"], "org.svg", b"<"),
        (["org", "--ou", "Workloads"], "ou.png", b"\x89PNG"),
        (["sso", "--principal", "ann"], "sso.pdf", b"%PDF"),
        (["sso", "--account", "Prod"], "sso.dot", b"digraph"),
        (["network", "--account", "Prod", "--region", "us-east-1"], "net.svg", b"<"),
        (["network", "--account", "Prod", "--region", "us-east-1", "--findings"], "f.svg", b"<"),
    ],
)
def test_render_writes_the_file(
    snapshot: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    name: str,
    start: bytes,
) -> None:
    monkeypatch.chdir(tmp_path)
    output = tmp_path / "out" / name
    code = run(["render", argv[0], "--snapshot", str(snapshot), "-o", str(output), *argv[1:]])
    assert code == 0
    assert output.read_bytes().lstrip().startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == [name]
    assert f"written to {output}" in capsys.readouterr().out


def test_org_pages(snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.render import org

    monkeypatch.setattr(org, "ORG_SUMMARY_ACCOUNTS", 1)
    output = tmp_path / "org.svg"
    assert run(["render", "org", "--snapshot", str(snapshot), "--pages", "-o", str(output)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["org-ou-test-prod.svg", "org-ou-test-work.svg", "org.svg"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["org", "-o", "x.jpeg"], "name a file ending in .dot, .gv, .pdf, .png, .svg"),
        (
            ["network", "-o", "x.svg"],
            "--account ID|NAME and --region REGION;.*222222222222 \\(Prod\\): us-east-1",
        ),
        (
            ["network", "--account", "Nobody", "--region", "us-east-1", "-o", "x.svg"],
            "No account 'Nobody'",
        ),
        (
            ["network", "--account", "Prod", "--region", "us-east-1", "--vpc", "v", "-o", "x.svg"],
            "No VPC 'v'",
        ),
        (["sso", "--principal", "zed", "-o", "x.svg"], "No user or group 'zed'"),
        (["org", "--ou", "Nope", "-o", "x.svg"], "No OU 'Nope'"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    snapshot: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["render", argv[0], "--snapshot", str(snapshot), *argv[1:]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("toolkit: error: ")
    assert len(err.strip().splitlines()) == 1
    import re

    assert re.search(message, err), err
    assert list(tmp_path.iterdir()) == []


def test_snapshot_and_demo_conflict(snapshot: Path, tmp_path: Path) -> None:
    parser = argparse.ArgumentParser(prog="toolkit")
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["render", "org", "--snapshot", str(snapshot), "--demo", "-o", str(tmp_path / "x.svg")]
    )
    from toolkit.errors import UsageError

    with pytest.raises(UsageError, match="either --snapshot"):
        render(args)
