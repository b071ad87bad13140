"""toolkit.open_inventory and the option-to-Scope path: every AWS option a command takes reaches
the Scope (report included, through the notebook's parameters), or is refused in one sentence."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import nbformat
import pytest

import toolkit
from toolkit import engine, sources
from toolkit.cli import build_parser, main
from toolkit.commands._options import AWS_OPTIONS, scope_options
from toolkit.commands.report import report_parameters
from toolkit.errors import UsageError
from toolkit.reports import catalogue
from toolkit.reports.context import report_inventory
from toolkit.scope import Scope

OPTIONS = ["--role-name", "Auditor", "--max-concurrency", "3", "--read-timeout", "7.5"]
OPTIONS += ["--max-attempts", "1"]
GIVEN = {"role_name": "Auditor", "max_concurrency": 3, "read_timeout": 7.5, "max_attempts": 1}


class FakeSandbox:
    """Stands in for the sandbox: its scope() is the real Sandbox.scope's contract."""

    endpoint_url = "http://127.0.0.1:9"
    started = stopped = 0

    class truth:  # noqa: N801  (the attribute the real one has)
        regions = ("us-east-1", "eu-west-1")

    def __enter__(self) -> FakeSandbox:
        FakeSandbox.started += 1
        return self

    def __exit__(self, *exc: Any) -> None:
        FakeSandbox.stopped += 1

    def scope(self, **changes: Any) -> Scope:
        options = {"endpoint_url": self.endpoint_url, "credentials": ("testing", "testing")}
        return Scope(**options | changes)


@pytest.fixture
def collected(monkeypatch: pytest.MonkeyPatch) -> list[Scope]:
    """The Scopes collect_sync is called with (nothing is collected), the sandbox faked."""
    scopes: list[Scope] = []

    def collect_sync(scope: Scope, *args: Any, **kwargs: Any) -> str:
        scopes.append(scope)
        return "inventory"

    monkeypatch.setattr(engine, "collect_sync", collect_sync)
    monkeypatch.setattr("toolkit.sandbox.Sandbox", FakeSandbox)
    return scopes


def test_open_inventory_is_public() -> None:
    assert toolkit.open_inventory is sources.open_inventory
    assert "open_inventory" in toolkit.__all__


def test_report_command_passes_every_aws_option_as_a_parameter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def run_report(name: str, output: str, parameters: dict[str, Any]) -> Any:
        seen.update(parameters, name=name)
        return argparse.Namespace(notebook="nb", html="html")

    monkeypatch.setattr("toolkit.reports.runner.run_report", run_report)
    argv = ["report", "audit", "--demo", *OPTIONS, "-o", str(tmp_path)]
    assert main(argv) == 0
    assert seen == {"name": "audit", "demo": True, **GIVEN}


def test_the_notebooks_hand_every_option_to_report_inventory() -> None:
    for report in catalogue.reports().values():
        assert set(AWS_OPTIONS) <= set(report.parameters), report.name
        notebook = nbformat.read(report.path, as_version=4)
        setup = next(c for c in notebook.cells if "setup" in c.metadata.get("tags", []))
        call = setup.source.split("report_inventory(", 2)[-1].split(")")[0]
        for name in AWS_OPTIONS:
            assert name in call, (report.name, name)


def test_report_parameters_reach_the_scope_with_the_demo(collected: list[Scope]) -> None:
    """`toolkit report audit --demo --max-attempts 1 ...`: the notebook's call, as it is made."""
    args = build_parser().parse_args(["report", "audit", "--demo", *OPTIONS, "-o", "out"])
    parameters = report_parameters(args)
    started = FakeSandbox.started
    assert report_inventory(**parameters) == "inventory"
    (scope,) = collected
    assert {name: getattr(scope, name) for name in GIVEN} == GIVEN
    assert scope.accounts == "organization" and scope.regions == ["us-east-1", "eu-west-1"]
    assert scope.endpoint_url == FakeSandbox.endpoint_url
    assert FakeSandbox.started == started + 1 and FakeSandbox.stopped == FakeSandbox.started


@pytest.mark.parametrize("command", ["collect", "checks run", "render org", "remediate plan"])
def test_every_command_hands_its_options_to_the_scope(command: str) -> None:
    argv = [*command.split(), "--endpoint-url", "http://127.0.0.1:9", *OPTIONS, "-o", "x.svg"]
    args = build_parser().parse_args(
        [*argv, "--regions", "eu-west-1", "--accounts", "organization"]
    )
    given = scope_options(args)
    assert given == GIVEN | {
        "endpoint_url": "http://127.0.0.1:9",
        "regions": "eu-west-1",
        "accounts": "organization",
    }
    with sources.open_scope(**given) as scope:
        assert scope == Scope(**given)


def test_live_options_reach_the_scope(collected: list[Scope]) -> None:
    sources.open_inventory(endpoint_url="http://127.0.0.1:9", progress=False, **GIVEN)
    assert {name: getattr(collected[0], name) for name in GIVEN} == GIVEN


def test_a_given_scope_takes_the_options_too(collected: list[Scope]) -> None:
    sources.open_inventory(scope=Scope(endpoint_url="http://127.0.0.1:9"), max_attempts=2)
    assert collected[0].max_attempts == 2 and collected[0].endpoint_url == "http://127.0.0.1:9"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sources.open_inventory("snap", demo=True), "either --snapshot"),
        (lambda: sources.open_inventory("snap", regions="us-east-1"), "either --snapshot"),
        (lambda: sources.open_inventory("snap", tables="s3.buckets"), "read whole"),
        (lambda: sources.open_inventory("snap", to="other"), "read, not collected"),
        (lambda: sources.open_inventory(demo=True, profile="p"), "--demo reads the sandbox"),
        (lambda: sources.open_inventory(demo=True, max_attempts=0), "max_attempts"),
        (lambda: sources.open_inventory(demo=True, tables="s3.nope"), "Unknown table"),
        (lambda: sources.open_inventory(demo=True, scope=Scope()), "not both"),
    ],
)
def test_options_that_cannot_be_honoured_are_refused(call, message, collected) -> None:
    started = FakeSandbox.started
    with pytest.raises(UsageError, match=message):
        call()
    assert FakeSandbox.started == started  # refused before anything starts
    assert collected == []


def test_unknown_option_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="Unknown Scope option"):
        sources.open_inventory(region="us-east-1")


def test_report_with_a_snapshot_refuses_other_sources(tmp_path: Path, capsys) -> None:
    argv = ["report", "audit", "--snapshot", str(tmp_path), "--max-attempts", "2", "-o", "out"]
    assert main(argv) == 2
    assert "either --snapshot or where to collect from" in capsys.readouterr().err
