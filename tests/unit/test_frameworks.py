"""toolkit.frameworks: the shipped standards are complete and valid, and plugins add more."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import yaml

from toolkit import frameworks, plugins
from toolkit.checks import REGISTRY, load_builtin
from toolkit.errors import UsageError
from toolkit.frameworks.model import parse

# Quoted from CIS Amazon Web Services Foundations Benchmark v3.0.0 (62 recommendations).
CIS_TITLES = {
    "1.1": "Maintain current contact details",
    "1.4": "Ensure no 'root' user account access key exists",
    "1.16": 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
    "2.1.3": "Ensure all data in Amazon S3 has been discovered, classified and secured when "
    "required.",
    "2.3.1": "Ensure that encryption-at-rest is enabled for RDS Instances",
    "3.1": "Ensure CloudTrail is enabled in all regions",
    "4.1": "Ensure unauthorized API calls are monitored",
    "4.16": "Ensure AWS Security Hub is enabled",
    "5.6": "Ensure that EC2 Metadata Service only allows IMDSv2",
}

# Quoted from the AWS Security Hub controls reference (FSBP standard).
FSBP = {
    "IAM.21": (
        "IAM customer managed policies that you create should not allow wildcard actions for "
        "services",
        "low",
    ),
    "KMS.5": ("KMS keys should not be publicly accessible", "critical"),
    "RDS.4": ("RDS cluster snapshots and database snapshots should be encrypted at rest", "medium"),
    "RDS.27": ("RDS DB clusters should be encrypted at rest", "medium"),
    "S3.1": (
        "S3 general purpose buckets should have block public access settings enabled",
        "medium",
    ),
    "EC2.19": (
        "Security groups should not allow unrestricted access to ports with high risk",
        "critical",
    ),
}


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    frameworks.refresh()
    yield
    frameworks.refresh()


def shipped(name: str) -> dict:
    text = resources.files("toolkit.frameworks").joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_the_shipped_frameworks_are_available() -> None:
    assert {"cis-3.0", "aws-fsbp"} <= set(frameworks.available())


def test_cis_has_every_recommendation_of_v3() -> None:
    cis = frameworks.load("cis-3.0")
    assert (cis.name, cis.label, cis.version) == ("cis-3.0", "CIS-3.0", "3.0.0")
    assert len(cis) == 62
    assert Counter(c.id.split(".")[0] for c in cis.controls) == {
        "1": 22,
        "2": 9,
        "3": 9,
        "4": 16,
        "5": 6,
    }
    assert cis.ids[:3] == ["1.1", "1.2", "1.3"] and cis.ids[-1] == "5.6"
    for control_id, title in CIS_TITLES.items():
        assert cis[control_id].title == title
    assert cis["1.1"].manual and cis["4.1"].manual and not cis["1.4"].manual
    assert (cis["1.6"].level, cis["1.4"].level) == (2, 1)
    assert sum(c.manual for c in cis.controls) == 26


def test_fsbp_lists_every_control_with_its_severity() -> None:
    fsbp = frameworks.load("aws-fsbp")
    assert fsbp.label == "AWS-FSBP"
    assert len(fsbp) == 369
    for control_id, (title, severity) in FSBP.items():
        assert (fsbp[control_id].title, fsbp[control_id].severity) == (title, severity)
    services = {c.id.split(".")[0] for c in fsbp.controls}
    for service in ("ACM", "APIGateway", "CloudTrail", "EC2", "IAM", "KMS", "Lambda", "S3", "SSM"):
        assert service in services


@pytest.mark.parametrize("name", ["cis-3.0", "aws-fsbp"])
def test_every_check_named_in_the_yaml_exists(name: str) -> None:
    load_builtin()
    named = {check for control in shipped(name)["controls"] for check in control["checks"]}
    assert named and named <= set(REGISTRY)
    ids = [control["id"] for control in shipped(name)["controls"]]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) for i in ids)


def test_frameworks_of_has_the_shape_of_check_metadata() -> None:
    assert frameworks.frameworks_of("s3_account_public_access_block_missing") == {
        "CIS-3.0": ["2.1.4"],
        "AWS-FSBP": ["S3.1"],
    }
    assert frameworks.frameworks_of("kms_key_policy_public") == {"AWS-FSBP": ["KMS.5"]}
    assert frameworks.frameworks_of("no_such_check") == {}
    mapping = frameworks.frameworks_of("kms_key_policy_public")
    mapping["AWS-FSBP"].append("changed")  # a copy: callers cannot corrupt the index
    assert frameworks.frameworks_of("kms_key_policy_public") == {"AWS-FSBP": ["KMS.5"]}


def test_an_unknown_name_names_the_choices() -> None:
    with pytest.raises(UsageError, match=r"Unknown framework 'cis-9'; choose one of: .*cis-3.0"):
        frameworks.load("cis-9")


def document(*controls: dict) -> dict:
    return {"title": "T", "version": "1", "controls": list(controls)}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (document({"id": "1", "title": "a"}, {"id": "1", "title": "b"}), "'1' appears twice"),
        (document({"id": "1", "title": "a", "checks": ["nope"]}), "unknown check id.*nope"),
        (document({"id": 1.1, "title": "a"}), "id must be a string"),
        (document({"id": "1", "title": "a", "levle": 1}), "unknown field 'levle'"),
        (document({"id": "1", "title": "a", "assessment": "auto"}), "assessment must be"),
        (document({"id": "1", "title": "a", "severity": "urgent"}), "severity must be"),
        ({"title": "T", "controls": []}, "controls must be a non-empty list"),
        ([1, 2], "not a YAML mapping"),
    ],
)
def test_a_bad_file_is_refused_with_what_is_wrong(doc: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse("mine", doc, {"real_check"})


def test_a_minimal_file_parses() -> None:
    framework = parse(
        "x-1", {"id": "x-1", "title": "X", "controls": [{"id": "a", "title": "A"}]}, []
    )
    assert (framework.label, framework.version, framework.ids) == ("x-1", "", ["a"])


def plugin(root: Path, dist: str, entries: dict[str, str], files: dict[str, str]) -> None:
    """An installed distribution in ``root``: a dist-info naming ``entries`` in the
    toolkit.frameworks group, and a package ``dist`` holding ``files``."""
    package = root / dist
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in files.items():
        (package / name).write_text(text)
    info = root / f"{dist}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entries.items())
    (info / "entry_points.txt").write_text(f"[toolkit.frameworks]\n{lines}")


EXTRA = """\
label: EXTRA
title: Extra standard
version: "1.0"
controls:
  - id: X.1
    title: Root has MFA
    checks: [iam_root_mfa_disabled]
"""


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Plugins installed in tmp_path, found afresh (toolkit.plugins looks once per process)."""
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(plugins._STATE, "plugins", None)
    return tmp_path


def test_a_framework_naming_an_unknown_check_is_refused_by_compliance(installed: Path) -> None:
    import pandas as pd

    from toolkit.compliance import compliance

    bad = EXTRA.replace("iam_root_mfa_disabled", "no_such_check")
    plugin(installed, "fwplug_unknown", {"unknown": "fwplug_unknown"}, {"unknown-1.0.yaml": bad})
    with pytest.raises(UsageError, match="'unknown-1.0' names unknown check id.*no_such_check"):
        compliance(pd.DataFrame(columns=["check_id", "status"]), "unknown-1.0")


def test_a_plugin_package_adds_a_framework(installed: Path) -> None:
    plugin(installed, "fwplug_good", {"extra": "fwplug_good"}, {"extra-1.0.yaml": EXTRA})
    names = frameworks.available()
    assert names.index("extra-1.0") > max(names.index("cis-3.0"), names.index("aws-fsbp"))
    extra = frameworks.load("extra-1.0")
    assert (extra.origin, extra.ids, extra.version) == ("plugin extra", ["X.1"], "1.0")
    assert frameworks.frameworks_of("iam_root_mfa_disabled")["EXTRA"] == ["X.1"]


def test_a_broken_plugin_warns_once_and_the_rest_loads(installed: Path) -> None:
    plugin(
        installed,
        "fwplug_mixed",
        {"broken": "fwplug_no_such_package", "fine": "fwplug_mixed"},
        {"extra-2.0.yaml": EXTRA, "cis-3.0.yaml": EXTRA},
    )
    with pytest.warns(plugins.PluginWarning) as caught:
        names = frameworks.available()
    messages = [str(w.message) for w in caught]
    assert sum("'broken'" in m for m in messages) == 1
    assert any("also defines 'cis-3.0'" in m for m in messages)  # the built-in one is kept
    assert "extra-2.0" in names and frameworks.load("cis-3.0").origin == "toolkit"
    assert frameworks.load("extra-2.0").ids == ["X.1"]


def test_an_invalid_plugin_framework_fails_alone(installed: Path) -> None:
    bad = EXTRA.replace("title: Root has MFA", "titel: Root has MFA")
    plugin(installed, "fwplug_bad", {"bad": "fwplug_bad"}, {"bad-1.0.yaml": bad})
    with pytest.raises(UsageError, match="'bad-1.0' \\(plugin bad\\).*titel"):
        frameworks.load("bad-1.0")
    with pytest.warns(plugins.PluginWarning, match="bad-1.0.*skipped"):
        mapping = frameworks.frameworks_of("kms_key_policy_public")
    assert mapping == {"AWS-FSBP": ["KMS.5"]}
