"""Check discovery: every check written in toolkit/checks is found and registered, one file per
check named by its id; plugins' checks join through the ``toolkit.checks`` entry points; a
misplaced or doubly defined check is refused at registration, as Prowler does."""

from __future__ import annotations

import ast
import sys
import textwrap
import warnings
from importlib.metadata import EntryPoint
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import plugins
from toolkit.checks import REGISTRY, builtin_modules, load_builtin
from toolkit.checks.base import builtin_module, check, evaluate
from toolkit.errors import UsageError

PACKAGE = Path(toolkit.__file__).parent / "checks"
BUILTIN_CHECKS = 294


def declared() -> dict[str, str]:
    """check id -> module, for every function decorated with ``@check(...)`` (or
    ``@toolkit.check(...)``) in the source of toolkit/checks, read without importing it."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parents[1]).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                call = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
                if name == "check":
                    assert node.name not in found, f"{node.name} is defined twice"
                    found[node.name] = module
    return found


def test_discovery_finds_every_check_in_the_source() -> None:
    load_builtin()
    registered = {c.check_id: c.function.__module__ for c in REGISTRY.values() if c.builtin}
    written = declared()
    assert sorted(set(written) - set(registered)) == [], "written but not discovered"
    assert sorted(set(registered) - set(written)) == [], "registered but not found in the source"
    assert registered == written
    assert len(registered) == BUILTIN_CHECKS


def test_one_file_per_check_named_by_its_id() -> None:
    load_builtin()
    for entry in (c for c in REGISTRY.values() if c.builtin):
        assert entry.function.__module__ == builtin_module(entry.service, entry.check_id)
        path = PACKAGE.parents[1] / (entry.function.__module__.replace(".", "/") + ".py")
        assert path.is_file(), path
    per_file: dict[str, int] = {}
    for module in declared().values():
        per_file[module] = per_file.get(module, 0) + 1
    assert max(per_file.values()) == 1


def test_builtin_modules_are_walked_not_listed() -> None:
    modules = builtin_modules()
    assert modules == sorted(modules)
    assert "toolkit.checks.iam.iam_root_access_keys_present" in modules
    assert "toolkit.checks.lambda_.lambda_function_runtime_deprecated" in modules
    assert not hasattr(toolkit.checks, "BUILTIN_MODULES")


def test_helpers_hold_no_check() -> None:
    for path in PACKAGE.rglob("_*.py"):
        if path.name != "__init__.py":
            assert "@check(" not in path.read_text(), path


def _define(module: str, name: str, service: str = "s3") -> None:
    def function(inv):
        b = inv["s3.buckets"]
        return evaluate(b, False, b["name"])

    function.__module__, function.__name__, function.__qualname__ = module, name, name
    check(
        title="t", severity="low", service=service, resource_type="AWS::S3::Bucket",
        tables=["s3.buckets"], description="d", risk="r", remediation="r",
    )(function)  # fmt: skip


@pytest.mark.parametrize(
    "module, name, service, expected",
    [
        ("toolkit.checks.s3.s3_other_name", "s3_bucket_named", "s3", "toolkit/checks/s3/"),
        ("toolkit.checks.s3", "s3_bucket_loose", "s3", "s3_bucket_loose.py"),
        ("toolkit.checks.ec2.s3_bucket_wrong_folder", "s3_bucket_wrong_folder", "s3", "/s3/"),
        ("toolkit.checks.lambda.lambda_x_y", "lambda_x_y", "lambda", "toolkit/checks/lambda_/"),
    ],
)
def test_id_function_and_file_must_agree(module, name, service, expected) -> None:
    with pytest.raises(UsageError, match="defined in the file named by its id") as error:
        _define(module, name, service)
    assert expected in str(error.value)
    assert name not in REGISTRY


def test_a_check_id_names_one_check() -> None:
    load_builtin()
    builtin = REGISTRY["s3_bucket_versioning_disabled"]
    with pytest.raises(UsageError, match="defined twice"):
        _define("my_notebook", "s3_bucket_versioning_disabled")
    assert REGISTRY["s3_bucket_versioning_disabled"] is builtin
    try:  # the same function defined again (a notebook cell run twice) replaces itself
        _define("my_notebook", "s3_notebook_again")
        _define("my_notebook", "s3_notebook_again")
    finally:
        REGISTRY.pop("s3_notebook_again", None)


PLUGIN = """
    from toolkit import check
    from toolkit.checks import evaluate

    @check(
        title="Bucket is named like a plugin", severity="low", service="s3",
        resource_type="AWS::S3::Bucket", tables=["s3.buckets"], description="d", risk="r",
        remediation="r",
    )
    def s3_plugin_named_bucket(inv):
        b = inv["s3.buckets"]
        return evaluate(b, b["name"].str.startswith("plugin-"), b["name"])
"""
CLASHING = PLUGIN.replace("s3_plugin_named_bucket", "s3_bucket_versioning_disabled")


def test_plugin_checks_load_with_the_builtins(tmp_path: Path, monkeypatch) -> None:
    """Entry points of group toolkit.checks stood in for: one good, one failing on import, one
    reusing a built-in's id. The good one's check runs with the built-ins; the two others are
    named, once each, in a PluginWarning."""
    (tmp_path / "toolkit_test_plugin_good.py").write_text(textwrap.dedent(PLUGIN))
    (tmp_path / "toolkit_test_plugin_clash.py").write_text(textwrap.dedent(CLASHING))
    monkeypatch.syspath_prepend(str(tmp_path))
    points = {
        "toolkit.checks": [
            EntryPoint("good", "toolkit_test_plugin_good", "toolkit.checks"),
            EntryPoint("broken", "toolkit_test_plugin_missing", "toolkit.checks"),
            EntryPoint("clash", "toolkit_test_plugin_clash", "toolkit.checks"),
        ]
    }
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: points.get(group, []))
    monkeypatch.setattr(plugins, "_STATE", plugins._State())
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            load_builtin()
            load_builtin()
        messages = [str(w.message) for w in caught if w.category is plugins.PluginWarning]
        assert len(messages) == 2, messages
        assert any("'broken'" in m and "ModuleNotFoundError" in m for m in messages)
        assert any("'clash'" in m and "defined twice" in m for m in messages)
        assert not REGISTRY["s3_plugin_named_bucket"].builtin
        assert REGISTRY["s3_bucket_versioning_disabled"].builtin
        buckets = toolkit.collectors.REGISTRY["s3.buckets"].frame(
            [{"account_id": "111111111111", "region": "us-east-1", "name": "plugin-1"}]
        )
        findings = toolkit.run_checks(toolkit.Inventory({"s3.buckets": buckets}))
        mine = findings[findings["check_id"] == "s3_plugin_named_bucket"]
        assert list(mine["status"]) == ["FAIL"]
        assert "s3_bucket_versioning_disabled" in set(findings["check_id"])
        assert isinstance(findings, pd.DataFrame)
    finally:
        REGISTRY.pop("s3_plugin_named_bucket", None)
        for name in ("toolkit_test_plugin_good", "toolkit_test_plugin_clash"):
            sys.modules.pop(name, None)
