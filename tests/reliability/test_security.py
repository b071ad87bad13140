"""Security: the run is read-only, no secret lands in an output, outputs are the owner's only,
and docs/security.md's policy allows every API operation the collectors call.

One run of the command line does for both (`make demo`'s two steps, against the session's
sandbox rather than one of its own): `toolkit collect` then `toolkit checks run`, with canary
credentials in the environment and in a profile.
"""

from __future__ import annotations

import contextlib
import fnmatch
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import toolkit
from toolkit.aws.session import RUN_CALLS
from toolkit.cli import main
from toolkit.collectors import REGISTRY
from toolkit.sandbox import Sandbox

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
CANARY = {
    "env_key": "AKIACANARYENV0000001",
    "env_secret": "canary-env-secret-5b1f0c3e9a7d4e2f8c6b0a9d",
    "env_token": "CANARYENVTOKEN//7f3e1d2c4b5a69788796a5b4c3d2e1f0",
    "profile_key": "AKIACANARYPROFILE002",
    "profile_secret": "canary-profile-secret-0a9b8c7d6e5f4a3b2c1d",
    "profile_token": "CANARYPROFILETOKEN//0f1e2d3c4b5a69788796a5b4",
    "api_key": "AKIACANARYAPI0000003",
    "api_secret": "canary-api-secret-1c2d3e4f5a6b7c8d9e0f",
    "api_token": "CANARYAPITOKEN//a1b2c3d4e5f60718293a4b5c",
}
#: Operations that read nothing but are not List/Get/Describe either (see docs/security.md).
#: (Inspector's BatchGetAccountStatus is its one read of an account's scan status.)
NOT_WRITES = {
    "sts.AssumeRole",
    "sts.GetCallerIdentity",
    "iam.GenerateCredentialReport",
    "inspector2.BatchGetAccountStatus",
}
#: Where an operation's IAM action is not named after it (S3's historic names, sso-admin).
ACTION_OF = {
    "s3.ListBuckets": "s3:ListAllMyBuckets",
    "s3.GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "s3.GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
    "s3control.GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
    # API Gateway's actions are HTTP verbs on resources: every read is apigateway:GET.
    "apigateway.GetRestApis": "apigateway:GET",
    "apigateway.GetStages": "apigateway:GET",
    "apigatewayv2.GetApis": "apigateway:GET",
    "apigatewayv2.GetStages": "apigateway:GET",
    "s3.GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
    "s3.GetBucketReplication": "s3:GetReplicationConfiguration",
    "s3.GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
    "s3.GetBucketNotificationConfiguration": "s3:GetBucketNotification",
}
IAM_PREFIX = {
    "sso-admin": "sso",
    "s3control": "s3",
    "efs": "elasticfilesystem",
    "accessanalyzer": "access-analyzer",
    "elb": "elasticloadbalancing",
    "elbv2": "elasticloadbalancing",
    "apigatewayv2": "apigateway",
    "opensearch": "es",
    "stepfunctions": "states",
    "emr": "elasticmapreduce",
    "neptune": "rds",
}


def run_cli(argv: list[str], log: Path) -> None:
    """``toolkit ARGV`` in this process; its stdout and stderr appended to ``log``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    with log.open("a") as handle:
        handle.write(out.getvalue() + err.getvalue())
    assert status == 0, err.getvalue()


@pytest.fixture(scope="module")
def canary_run(sandbox: Sandbox, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """`make demo` with canaries everywhere: returns where it wrote and what the sandbox saw."""
    root = tmp_path_factory.mktemp("canary")
    home, out = root / "home", root / "out"
    (home / ".aws").mkdir(parents=True)
    out.mkdir()
    credentials = home / ".aws" / "credentials"
    profile = (
        f"aws_access_key_id = {CANARY['profile_key']}\n"
        f"aws_secret_access_key = {CANARY['profile_secret']}\n"
        f"aws_session_token = {CANARY['profile_token']}\n"
    )
    credentials.write_text(f"[default]\n{profile}\n[canary]\n{profile}")
    config = home / ".aws" / "config"
    config.write_text("[default]\nregion = us-east-1\n[profile canary]\nregion = us-east-1\n")
    url, regions = sandbox.endpoint_url, ",".join(sandbox.truth.regions)
    where = ["--endpoint-url", url, "--accounts", "organization", "--regions", regions]
    log = out / "toolkit-output.log"
    with pytest.MonkeyPatch.context() as patch:
        for key in [k for k in os.environ if k.startswith("AWS_")]:
            patch.delenv(key)
        patch.setenv("HOME", str(home))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
        patch.setenv("AWS_CONFIG_FILE", str(config))
        patch.setenv("AWS_EC2_METADATA_DISABLED", "true")
        patch.setenv("AWS_ACCESS_KEY_ID", CANARY["env_key"])
        patch.setenv("AWS_SECRET_ACCESS_KEY", CANARY["env_secret"])
        patch.setenv("AWS_SESSION_TOKEN", CANARY["env_token"])
        sandbox.reset_counts()
        # make demo: collect everything, then the checks over the snapshot.
        run_cli(["collect", *where, "--no-progress", "-o", str(out / "snapshot")], log)
        run_cli(
            ["checks", "run", "--snapshot", str(out / "snapshot"), "-o", str(out / "f.csv")], log
        )
        counts = sandbox.request_counts()
        # The profile's keys (the environment's are refused meanwhile, to be sure of it).
        saved = sandbox.configure()
        sandbox.configure(invalid_access_keys=[CANARY["env_key"]])
        try:
            run_cli(
                ["collect", *where, "--profile", "canary", "--services", "s3,iam", "--no-progress"]
                + ["-o", str(out / "profile-snapshot")],
                log,
            )
            run_cli(
                ["checks", "run", *where, "--profile", "canary", "--checks", "s3", "--no-progress"]
                + ["-o", str(out / "f.parquet")],
                log,
            )
        finally:
            sandbox.configure(invalid_access_keys=saved["invalid_access_keys"])
        # The Python API, with credentials handed to the Scope.
        scope = sandbox.scope(
            credentials=(CANARY["api_key"], CANARY["api_secret"], CANARY["api_token"])
        )
        inventory = toolkit.collect_sync(scope, services=["organizations"], progress=False)
        inventory.save(out / "api-snapshot")
    yield {"out": out, "counts": counts}


def test_make_demo_only_reads_and_leaks_nothing(canary_run: dict[str, Any]) -> None:
    """One run, three properties (one test, so the run is made once per worker)."""
    only_reads(canary_run["counts"])
    no_secret_in(canary_run["out"])
    owner_only(canary_run["out"])


def only_reads(counts: dict[str, int]) -> None:
    """The sandbox's per-operation counts over `make demo`: List, Get, Describe (and BatchGet,
    several Gets in one call) only, plus AssumeRole, GetCallerIdentity, GenerateCredentialReport
    and Inspector's BatchGetAccountStatus, which write nothing."""
    assert sum(counts.values()) > 300  # a whole organization was read
    writes = sorted(
        op
        for op in counts
        if op not in NOT_WRITES
        and not op.split(".", 1)[1].startswith(("List", "Get", "Describe", "BatchGet"))
    )
    assert writes == []
    # Every operation made is an action some table (or the run) declares: the policy derived
    # from the declarations therefore covers the run.
    declared = {a.lower() for t in REGISTRY.values() for a in t.calls} | {
        a.lower() for a in RUN_CALLS
    }
    for op in counts:
        service, operation = op.split(".", 1)
        action = ACTION_OF.get(op, f"{IAM_PREFIX.get(service, service)}:{operation}")
        assert action.lower() in declared, (op, action)


def _text_of(path: Path) -> str:
    """A file's bytes as text, and for Parquet its decoded values too (they may be compressed)."""
    text = path.read_bytes().decode("latin-1")
    if path.suffix == ".parquet":
        text += pd.read_parquet(path).to_csv()
    return text


def no_secret_in(out: Path) -> None:
    """No canary key, secret or token in any file written, nor in the output."""
    written = [p for p in out.rglob("*") if p.is_file()]
    names = {p.name for p in written}
    assert {"manifest.json", "errors.parquet", "f.csv", "f.parquet", "toolkit-output.log"} <= names
    assert len(written) > 50
    for path in written:
        text = _text_of(path)
        for name, secret in CANARY.items():
            assert secret not in text, (name, path)


def owner_only(out: Path) -> None:
    """Snapshots: directories 0700, files 0600; findings 0600; no staging left behind."""
    for snapshot in ("snapshot", "profile-snapshot", "api-snapshot"):
        directory = out / snapshot
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, snapshot
        for path in directory.rglob("*"):  # a partitioned snapshot has a folder per table
            assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    for findings in ("f.csv", "f.parquet"):
        assert stat.S_IMODE((out / findings).stat().st_mode) == 0o600, findings
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


# -- docs/security.md ---------------------------------------------------------------------
def _security_audit_actions() -> list[str]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    document = json.loads(aws_managed_policies_data)["SecurityAudit"]["Document"]
    return [a for s in _statements(document) if s["Effect"] == "Allow" for a in _actions(s)]


def _statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    statements = document["Statement"]
    return statements if isinstance(statements, list) else [statements]


def _actions(statement: dict[str, Any]) -> list[str]:
    actions = statement.get("Action", [])
    return [actions] if isinstance(actions, str) else list(actions)


def _allowed(action: str, patterns: list[str]) -> bool:
    """IAM matching: case-insensitive, with * and ? wildcards."""
    return any(fnmatch.fnmatchcase(action.lower(), p.lower()) for p in patterns)


def _doc_policies() -> list[dict[str, Any]]:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(), flags=re.S)
    assert blocks, "docs/security.md holds no policy"
    return [json.loads(block) for block in blocks]


def test_the_documented_policy_allows_every_call() -> None:
    """SecurityAudit plus the identity policies of docs/security.md allow every action a
    collector or the run calls (GetCallerIdentity needs no permission)."""
    text = DOC.read_text()
    assert "arn:aws:iam::aws:policy/SecurityAudit" in text
    security_audit = _security_audit_actions()
    extra = [
        action
        for policy in _doc_policies()
        for statement in _statements(policy)
        if statement["Effect"] == "Allow" and "Principal" not in statement  # not a trust policy
        for action in _actions(statement)
    ]
    needed = {a for t in REGISTRY.values() for a in t.calls} | set(RUN_CALLS)
    needed -= {"sts:GetCallerIdentity"}  # AWS allows it to every identity
    missing = sorted(a for a in needed if not _allowed(a, security_audit + extra))
    assert missing == [], f"add these to docs/security.md's policy: {missing}"
    # Least privilege: the extra statement holds only what SecurityAudit lacks, and reads.
    assert extra and not [a for a in extra if _allowed(a, security_audit)]
    assert all(re.match(r"^[a-z0-9-]+:(List|Get|Describe|AssumeRole)", a) for a in extra)


def test_the_documented_reads_are_the_declared_ones() -> None:
    """docs/security.md lists exactly the IAM actions the tables and the run declare."""
    section = DOC.read_text().split("## What it reads", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([a-z0-9-]+:[A-Za-z0-9]+)`", section))
    declared = {a for t in REGISTRY.values() for a in t.calls} | set(RUN_CALLS)
    assert listed == declared
    tables = set(re.findall(r"`([a-z0-9_]+\.[a-z0-9_]+)`", section))
    assert tables == set(REGISTRY)
