"""Findings exports (``toolkit.exports``), each validated by what reads it: OCSF by
py-ocsf-models' DetectionFinding, ASFF by botocore's model of BatchImportFindings and by an
import into the sandbox's Security Hub, JUnit by parsing it back, CSV and Parquet by reading
them back. The findings are the demo estate's, plus MUTED and ERROR rows from real runs."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.changes import read_findings
from toolkit.checks.runner import findings_as_text
from toolkit.exports import FORMATS, batches, context_for, export, security_findings
from toolkit.exports.asff import product_region, resource_type
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

MUTED_CHECK = "s3_bucket_public_acl"
MUTED_BUCKET = "examplecorp-prod-web-assets"
GENERATED = dt.datetime(2026, 1, 31, 23, 0, 0, 123000, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def findings(demo_inventory: Inventory, demo_findings: pd.DataFrame) -> pd.DataFrame:
    """The demo findings, with a MUTED row (a mute applied by run_checks), an ERROR row of a
    table never collected (no account) and an ERROR row of a table one account could not read."""
    muted = toolkit.run_checks(
        demo_inventory,
        MUTED_CHECK,
        [
            {
                "check": MUTED_CHECK,
                "resource": MUTED_BUCKET,
                "reason": "site",
                "expires": "2099-01-01",
            }
        ],
    )
    buckets = demo_inventory["s3.buckets"]
    account = buckets["account_id"].iloc[0]
    gap = pd.DataFrame(
        [
            {
                "account_id": account,
                "region": buckets["region"].iloc[0],
                "table": "s3.buckets",
                "service": "s3",
                "error_code": "AccessDenied",
                "message": "not authorized to perform s3:ListAllMyBuckets",
            }
        ]
    )
    unread = toolkit.run_checks(Inventory({"s3.buckets": buckets}, gap), MUTED_CHECK)
    missing = toolkit.run_checks(Inventory({}), MUTED_CHECK)
    extra = pd.concat(
        [
            muted[muted["status"] == "MUTED"],
            unread[unread["status"] == "ERROR"],
            missing,
        ],
        ignore_index=True,
    )
    assert Counter(extra["status"]) == {"MUTED": 1, "ERROR": 2}
    # the muted finding replaces its FAIL row: one row per (check, resource), as run_checks gives
    replaced = (demo_findings["check_id"] == MUTED_CHECK) & (
        demo_findings["resource_id"] == MUTED_BUCKET
    )
    assert replaced.sum() == 1
    combined = pd.concat([demo_findings[~replaced], extra], ignore_index=True)
    for column in ("severity", "status"):
        combined[column] = combined[column].astype(demo_findings[column].dtype)
    return combined


@pytest.fixture(scope="module")
def exported(findings, demo_inventory, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports") / "out"
    return export(findings, list(FORMATS), folder, demo_inventory, generated_at=GENERATED)


def test_every_format_is_one_owner_only_file(exported) -> None:
    assert sorted(p.name for p in exported.values()) == sorted(name for name, _ in FORMATS.values())
    for path in exported.values():
        assert path.stat().st_mode & 0o777 == 0o600
    folder = next(iter(exported.values())).parent
    assert folder.stat().st_mode & 0o777 == 0o700
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no staging file left


def test_csv_and_parquet_read_back_as_the_findings(findings, exported) -> None:
    expected = findings_as_text(findings).astype({"severity": "string", "status": "string"})
    for name in ("csv", "parquet"):
        back = findings_as_text(read_findings(exported[name]))
        back = back.astype({"severity": "string", "status": "string"})[expected.columns]
        want = expected
        if name == "csv":  # CSV cannot tell an empty text from a missing one
            back, want = back.fillna(""), expected.fillna("")
        pd.testing.assert_frame_equal(back, want, check_dtype=False)


def test_ocsf_validates_as_detection_findings(findings, exported, sandbox: Sandbox) -> None:
    from py_ocsf_models import OCSF_VERSION
    from py_ocsf_models.events.findings.detection_finding import DetectionFinding

    events = json.loads(exported["ocsf"].read_text())
    assert len(events) == len(findings)
    for event in events:
        model = DetectionFinding.model_validate(event)
        # pydantic ignores unknown keys: every key written must be a field of the model
        dumped = model.model_dump(mode="json", exclude_none=True)
        assert _paths(event, skip={"unmapped"}) <= _paths(dumped), event["metadata"]["uid"]
        assert model.class_uid == 2004 and model.type_uid == 200401
        assert event["metadata"]["version"] == OCSF_VERSION
        assert event["time"] == int(GENERATED.timestamp() * 1000)
    by_status = Counter((e["status_code"], e["status_id"], e["status"]) for e in events)
    assert by_status == {
        ("FAIL", 1, "New"): (findings["status"] == "FAIL").sum(),
        ("PASS", 4, "Resolved"): (findings["status"] == "PASS").sum(),
        ("MUTED", 3, "Suppressed"): 1,
        ("ERROR", 1, "New"): 2,
    }
    severities = {(e["severity_id"], e["severity"]) for e in events}
    assert severities <= {
        (5, "Critical"),
        (4, "High"),
        (3, "Medium"),
        (2, "Low"),
        (1, "Informational"),
    }
    first = events[0]
    row = findings.iloc[0]
    assert first["finding_info"]["title"] == row["title"]
    assert first["resources"][0]["uid"] == (row["resource_arn"] or row["resource_id"])
    assert first["cloud"]["account"]["uid"] == row["account_id"]
    names = {a["id"]: a["name"] for a in sandbox.truth.accounts}
    named = {
        e["cloud"]["account"]["uid"]: e["cloud"]["account"]["name"]
        for e in events
        if "account" in e["cloud"]
    }
    assert named == {a: names[a] for a in named}
    assert len({e["finding_info"]["uid"] for e in events}) == len(events)


def test_ids_are_stable_across_runs(findings, tmp_path) -> None:
    findings = findings.iloc[::6]
    later = export(findings, "ocsf,asff", tmp_path, generated_at=GENERATED + dt.timedelta(days=3))
    uids = [e["finding_info"]["uid"] for e in json.loads(later["ocsf"].read_text())]
    again = export(findings.iloc[::-1], "ocsf", tmp_path / "again", generated_at=GENERATED)
    reversed_uids = [e["finding_info"]["uid"] for e in json.loads(again["ocsf"].read_text())]
    assert uids == reversed_uids[::-1]


def test_asff_satisfies_the_batch_import_model(findings, exported, demo_inventory) -> None:
    from botocore.session import get_session
    from botocore.validate import ParamValidator

    asff = json.loads(exported["asff"].read_text())
    assert len(asff) == findings["account_id"].notna().sum()  # the no-account gap is left out
    operation = (
        get_session().get_service_model("securityhub").operation_model("BatchImportFindings")
    )
    calls = list(batches(asff))
    assert sum(len(group) for _, _, group in calls) == len(asff)
    for account, region, group in calls:
        assert 1 <= len(group) <= 100
        report = ParamValidator().validate({"Findings": group}, operation.input_shape)
        assert not report.has_errors(), report.generate_report()
        for finding in group:
            problems = list(
                _shape_problems(finding, operation.input_shape.members["Findings"].member)
            )
            assert not problems, (finding["Id"], problems)
            assert finding["AwsAccountId"] == account and product_region(finding) == region
            assert finding["ProductArn"] == (
                f"arn:aws:securityhub:{region}:{account}:product/{account}/default"
            )
            assert re.fullmatch(r"\d{12}", finding["AwsAccountId"])
            assert len(finding["Title"]) <= 256 and len(finding["Description"]) <= 1024
            assert len(finding["Remediation"]["Recommendation"]["Text"]) <= 512
            assert len(finding["Id"]) <= 512
    statuses = Counter(
        (
            f["ProductFields"]["aws-estate-toolkit/Status"],
            f["Compliance"]["Status"],
            f["Workflow"]["Status"],
        )
        for f in asff
    )
    assert statuses == {
        ("FAIL", "FAILED", "NEW"): (findings["status"] == "FAIL").sum(),
        ("PASS", "PASSED", "RESOLVED"): (findings["status"] == "PASS").sum(),
        ("MUTED", "FAILED", "SUPPRESSED"): 1,
        ("ERROR", "NOT_AVAILABLE", "NEW"): 1,
    }
    home = demo_inventory.meta["regions"][0]  # global findings are filed in the scope's first
    filed = findings[findings["account_id"].notna()]["region"].replace("global", home)
    assert Counter(product_region(f) for f in asff) == Counter(filed)
    assert {f["Resources"][0]["Region"] for f in asff} == set(filed)
    assert all(f["FindingProviderFields"]["Severity"] == f["Severity"] for f in asff)
    cis = [f for f in asff if "CIS-3.0" in " ".join(f["Compliance"].get("RelatedRequirements", []))]
    assert cis and all(any("CIS AWS Foundations" in t for t in f["Types"]) for f in cis)


def test_asff_resource_types_follow_asff_names() -> None:
    assert resource_type("AWS::S3::Bucket") == "AwsS3Bucket"
    assert resource_type("AWS::EC2::VPC") == "AwsEc2Vpc"
    assert resource_type("AWS::RDS::DBCluster") == "AwsRdsDbCluster"
    assert resource_type("AWS::ElastiCache::CacheCluster") == "AwsElastiCacheCacheCluster"
    assert resource_type("AWS::::Account") == "AwsAccount"
    assert resource_type("a plugin's own") == "Other"


def test_asff_imports_into_security_hub(findings, sandbox: Sandbox) -> None:
    """BatchImportFindings in batches of 100, each as its own account in its own region, then
    GetFindings returns them. Imported under accounts outside the estate, so the session
    sandbox's Security Hub state in the estate's accounts stays as seeded."""
    estate = {a["id"] for a in sandbox.truth.accounts}
    # one finding per (check, status) of the two accounts with most findings: every kind of
    # finding, more than 100 for one account and region, and only two sessions to open
    busiest = sorted(findings["account_id"].value_counts().index[:2])
    mine = findings[findings["account_id"].isin(busiest)]
    sample = mine.groupby(["check_id", "status"], observed=True).head(1)
    outside = {a: f"1000000000{i:02d}" for i, a in enumerate(busiest, 1)}
    assert not estate & set(outside.values())
    asff = security_findings(
        sample.assign(account_id=sample["account_id"].map(outside)), context_for(None)
    )
    assert len(asff) > 200
    base = sandbox.boto3_session()  # one session: Security Hub's model is read once
    sts = sandbox.client(base, "sts")
    clients: dict[tuple[str, str], object] = {}

    def client(account: str, region: str):
        if (account, region) not in clients:
            role = f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole"
            keys = sts.assume_role(RoleArn=role, RoleSessionName="export")["Credentials"]
            for name in sandbox.truth.regions:
                clients[account, name] = base.client(
                    "securityhub",
                    region_name=name,
                    endpoint_url=sandbox.endpoint_url,
                    aws_access_key_id=keys["AccessKeyId"],
                    aws_secret_access_key=keys["SecretAccessKey"],
                    aws_session_token=keys["SessionToken"],
                )
        return clients[account, region]

    calls = 0
    for account, region, group in batches(asff):
        answer = client(account, region).batch_import_findings(Findings=group)
        assert answer["FailedCount"] == 0, answer["FailedFindings"]
        assert answer["SuccessCount"] == len(group)
        calls += 1
    assert calls > len({(f["AwsAccountId"], product_region(f)) for f in asff})  # split in 100s
    for (account, region), hub in clients.items():
        got = {
            f["Id"]
            for page in hub.get_paginator("get_findings").paginate()
            for f in page["Findings"]
        }
        wanted = {
            f["Id"] for f in asff if (f["AwsAccountId"], product_region(f)) == (account, region)
        }
        assert got == wanted, (account, region)


def test_junit_has_a_case_per_finding(findings, exported) -> None:
    root = ET.parse(exported["junit"]).getroot()
    assert root.tag == "testsuites"
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(findings) == int(root.get("tests"))
    outcome = Counter(next((child.tag for child in case), "passed") for case in cases)
    status = Counter(findings["status"].astype(str))
    assert outcome == {
        "failure": status["FAIL"],
        "passed": status["PASS"],
        "skipped": status["MUTED"],
        "error": status["ERROR"],
    }
    assert int(root.get("failures")) == status["FAIL"] and int(root.get("errors")) == 2
    for suite in root.findall("testsuite"):
        inside = suite.findall("testcase")
        assert int(suite.get("tests")) == len(inside)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in inside)
        assert {c.get("classname") for c in inside} <= set(
            findings.loc[findings["service"] == suite.get("name"), "check_id"]
        )
    failed = findings[findings["status"] == "FAIL"].iloc[0]
    case = next(
        c
        for c in cases
        if c.get("classname") == failed["check_id"]
        and c.get("name").endswith(f" {failed['resource_id']}")
        and c.get("name").startswith(failed["account_id"])
    )
    failure = case.find("failure")
    assert failure.get("message") == failed["detail"] and failure.get("type") == failed["severity"]
    assert failed["remediation"] in failure.text


def test_unknown_format_is_one_sentence_and_writes_nothing(demo_findings, tmp_path) -> None:
    from toolkit.errors import UsageError

    with pytest.raises(UsageError, match=r"'sarif'; choose from csv, parquet, ocsf, asff, junit"):
        export(demo_findings, "csv,sarif", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _paths(value, prefix: str = "", skip: set[str] = frozenset()) -> set[str]:
    """Every key path of a JSON value (lists looked into), leaving out the keys in ``skip``."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in skip:
                continue
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | _paths(inner, path, skip)
    elif isinstance(value, list):
        for inner in value:
            found |= _paths(inner, f"{prefix}[]", skip)
    return found


def _shape_problems(value, shape, path: str = ""):
    """What botocore's ParamValidator does not check: enums and the ``.*\\S.*`` pattern."""
    if shape.type_name == "structure":
        for key, inner in value.items():
            yield from _shape_problems(inner, shape.members[key], f"{path}.{key}")
    elif shape.type_name == "list":
        for inner in value:
            yield from _shape_problems(inner, shape.member, f"{path}[]")
    elif shape.type_name == "map":
        for key, inner in value.items():
            yield from _shape_problems(key, shape.key, f"{path} key")
            yield from _shape_problems(inner, shape.value, f"{path}.{key}")
    elif shape.type_name == "string":
        if shape.enum and value not in shape.enum:
            yield f"{path}: {value!r} not in {shape.enum}"
        pattern = shape.metadata.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            yield f"{path}: {value!r} does not match {pattern}"


def test_command_line_writes_several_formats(demo_inventory, tmp_path, capsys) -> None:
    from toolkit.cli import main

    snapshot = tmp_path / "snap"
    Inventory({"s3.buckets": demo_inventory["s3.buckets"]}).save(snapshot)
    out = tmp_path / "out"
    args = ["checks", "run", "--snapshot", str(snapshot), "--checks", MUTED_CHECK, "--no-progress"]
    assert main([*args, "--format", "junit,CSV,junit", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["findings.csv", "findings.junit.xml"]
    written = pd.read_csv(out / "findings.csv")
    cases = ET.parse(out / "findings.junit.xml").getroot().findall("testsuite/testcase")
    assert len(cases) == len(written) == (demo_inventory["s3.buckets"]["name"].notna()).sum()
    assert "findings.junit.xml" in capsys.readouterr().out


def test_command_line_refuses_an_unknown_format_before_any_work(tmp_path, capsys) -> None:
    from toolkit.cli import main

    out = tmp_path / "out"
    args = ["checks", "run", "--snapshot", str(tmp_path / "nowhere"), "--no-progress"]
    assert main([*args, "--format", "csv,sarif", "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert "Unknown findings format 'sarif'; choose from csv, parquet, ocsf, asff, junit" in error
    assert "Traceback" not in error and not out.exists()
