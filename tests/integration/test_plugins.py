"""Plugins as a user installs them: the example plugin (tests/plugins/example_plugin) built and
installed into a throwaway virtualenv, then the `toolkit` command there finds its table, check,
framework and report; and a plugin that breaks on import is named once, the rest still loads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import warnings
from importlib.metadata import EntryPoint
from pathlib import Path

import pandas as pd
import pytest

from toolkit import plugins
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

EXAMPLE = Path(__file__).resolve().parents[1] / "plugins" / "example_plugin"
TABLE, CHECK = "example.caller_identity", "example_caller_is_assumed_role"


def make_venv(root: Path) -> Path:
    """A virtualenv that sees the project's own environment (a .pth file naming its
    site-packages) and adds its own packages on top; its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "toolkit-project.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
    return python


def pip_install(python: Path, source: Path) -> None:
    """Build and install ``source`` from a copy beside the virtualenv: pip builds in the tree
    it is given, and the checkout stays as it is."""
    copy = python.parents[2] / "sources" / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    source = copy
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin installed (not editable: from its built wheel) in a new virtualenv."""
    root = tmp_path_factory.mktemp("plugin-venv")
    python = make_venv(root / "venv")
    pip_install(python, EXAMPLE)
    return python


def toolkit(
    python: Path, args: list[str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess:
    """`toolkit ARGS` with the virtualenv's python; Jupyter's data files (nbconvert's
    templates) are the project environment's, as its packages are."""
    env = {**env, "JUPYTER_PATH": os.path.join(sys.prefix, "share", "jupyter")}
    return subprocess.run(
        [str(python), "-m", "toolkit.cli", *args],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=600, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_the_example_plugin_adds_a_table_a_check_a_framework_and_a_report(
    venv: Path, sandbox: Sandbox, sandbox_env: dict[str, str], tmp_path: Path
) -> None:
    listed = toolkit(venv, ["plugins"], sandbox_env, tmp_path)
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout
    for group in plugins.GROUPS:
        assert f"{group} " in out, out
    assert "toolkit-example-plugin 0.1.0" in out
    assert f"tables: {TABLE}" in out and f"checks: {CHECK}" in out
    assert "frameworks: example-1.0" in out and "reports: example" in out
    assert "4 plugin entry points loaded, 0 failed" in out

    snap = tmp_path / "snap"
    collected = toolkit(
        venv,
        ["collect", "--endpoint-url", sandbox.endpoint_url, "--accounts", "organization",
         "--tables", TABLE, "--no-progress", "-o", str(snap)],
        sandbox_env,
        tmp_path,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stderr
    rows = Inventory.load(snap)[TABLE]
    truth = sandbox.truth
    assert sorted(rows["account_id"]) == sorted(truth.account_ids)  # one row per account
    for row in rows.itertuples():
        assert f"::{row.account_id}:" in row.arn
        # members are read through the role assumed into them; the management account as is
        assumed = row.account_id != truth.management_account
        assert (":assumed-role/OrganizationAccountAccessRole/" in row.arn) == assumed, row

    findings_csv = tmp_path / "findings.csv"
    checked = toolkit(
        venv,
        ["checks", "run", "--snapshot", str(snap), "--checks", CHECK, "-o", str(findings_csv)],
        sandbox_env,
        tmp_path,
    )
    assert checked.returncode == 0, checked.stderr
    findings = pd.read_csv(findings_csv, dtype="string")
    assert set(findings["check_id"]) == {CHECK}
    assert set(findings["frameworks"]) == {"EXAMPLE 1.1"}  # the plugin's framework maps it
    statuses = dict(zip(findings["account_id"], findings["status"], strict=True))
    assert statuses == {
        account: "FAIL" if account == truth.management_account else "PASS"
        for account in truth.account_ids
    }

    reports = toolkit(venv, ["report", "list"], sandbox_env, tmp_path)
    assert reports.returncode == 0, reports.stderr
    assert "example: Account identities" in reports.stdout
    assert "audit: " in reports.stdout and "documentation: " in reports.stdout
    assert "-p snapshot" in reports.stdout

    ran = toolkit(
        venv, ["report", "example", "--snapshot", str(snap), "-o", "out"], sandbox_env, tmp_path
    )
    assert ran.returncode == 0, ran.stderr
    html = (tmp_path / "out" / "example.html").read_text()
    assert all(account in html for account in truth.account_ids)


def test_without_the_plugin_its_table_is_unknown(
    sandbox_env: dict[str, str], tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "collect", "--demo", "--tables", TABLE, "-o", "x"],
        capture_output=True, text=True, env=sandbox_env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and f"Unknown table '{TABLE}'" in done.stderr


def test_a_plugin_that_breaks_is_named_once_and_the_rest_loads(
    venv: Path, sandbox_env: dict[str, str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    (broken / "broken_plugin").mkdir(parents=True)
    (broken / "broken_plugin" / "__init__.py").write_text("raise RuntimeError('boom at import')\n")
    (broken / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["setuptools>=68"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "toolkit-broken-plugin"
            version = "0.0.1"
            [project.entry-points."toolkit.tables"]
            broken = "broken_plugin"
            [tool.setuptools]
            packages = ["broken_plugin"]
            """
        )
    )
    python = make_venv(tmp_path / "venv")
    pip_install(python, broken)
    pip_install(python, EXAMPLE)
    for args in (["collect", "--list-tables"], ["plugins"]):
        done = toolkit(python, args, sandbox_env, tmp_path)
        warned = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(warned) == 1, done.stderr
        assert warned[0].startswith("toolkit: warning: toolkit plugin 'broken'")
        assert "toolkit-broken-plugin 0.0.1" in warned[0] and "boom at import" in warned[0]
        assert "Traceback" not in done.stderr
    tables = toolkit(python, ["collect", "--list-tables"], sandbox_env, tmp_path).stdout
    assert "s3.buckets" in tables and TABLE in tables  # built-ins and the good plugin load
    listed = toolkit(python, ["plugins"], sandbox_env, tmp_path)
    assert listed.returncode == 1  # a plugin failed: said, and said in the status
    assert "not loaded: RuntimeError: boom at import" in listed.stdout
    assert f"tables: {TABLE}" in listed.stdout


def test_load_plugins_is_idempotent_and_warns_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process: entry points stood in for, one failing; one warning, however many loads."""
    points = {
        "toolkit.tables": [
            EntryPoint("bad", "toolkit_no_such_plugin_module", "toolkit.tables"),
            EntryPoint("good", "json", "toolkit.tables"),
        ],
    }
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: points.get(group, []))
    monkeypatch.setattr(plugins, "_STATE", plugins._State())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = plugins.load_plugins()
        again = plugins.load_plugins()
    assert first == again
    named = [w for w in caught if issubclass(w.category, plugins.PluginWarning)]
    assert len(named) == 1 and "'bad'" in str(named[0].message)
    assert "ModuleNotFoundError" in str(named[0].message)
    assert [(g, n, e != "") for g, n, _, _, e in plugins.discovered()] == [
        ("toolkit.tables", "bad", True),
        ("toolkit.tables", "good", False),
    ]
