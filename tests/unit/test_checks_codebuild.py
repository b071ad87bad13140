"""The CodeBuild checks on small inventories built by hand: exactly which projects FAIL and
PASS, why, and the FSBP controls they answer; and the table's URL redaction."""

from __future__ import annotations

import json

import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.collectors.codebuild.projects import redacted, url_has_credentials
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"


def projects(*rows: dict) -> Inventory:
    table = "codebuild.projects"
    full = [
        {
            "account_id": A,
            "region": EAST,
            "arn": f"arn:aws:codebuild:{EAST}:{A}:project/{r['name']}",
            **r,
        }
        for r in rows
    ]
    return Inventory({table: TABLES[table].frame(full)})


def sources(*entries: tuple[str, str, bool]) -> str:
    return json.dumps(
        [
            {"identifier": i, "type": t, "location": "https://x", "credentials_in_url": c}
            for i, t, c in entries
        ]
    )


@pytest.mark.parametrize(
    ("check", "control"),
    [
        ("codebuild_project_source_url_credentials", "CodeBuild.1"),
        ("codebuild_project_plaintext_aws_credentials", "CodeBuild.2"),
        ("codebuild_project_s3_logs_unencrypted", "CodeBuild.3"),
        ("codebuild_project_logging_disabled", "CodeBuild.4"),
    ],
)
def test_each_check_answers_its_fsbp_control(check: str, control: str) -> None:
    load_builtin()
    assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
    assert CHECKS[check].remediation_cli.startswith("aws codebuild update-project ")
    assert "--name {resource_id}" in CHECKS[check].remediation_cli


def test_urls_lose_their_user_info_and_say_whether_it_held_a_secret() -> None:
    url = "https://bot:s3cret@bitbucket.org/team/repo.git"
    assert redacted(url) == "https://***@bitbucket.org/team/repo.git"
    assert url_has_credentials(url)
    assert url_has_credentials("https://x-token-auth:tok@bitbucket.org/team/repo.git")
    assert not url_has_credentials("https://bot@bitbucket.org/team/repo.git")
    assert redacted("https://bot@bitbucket.org/r.git") == "https://***@bitbucket.org/r.git"
    assert redacted("https://github.com/team/repo.git") == "https://github.com/team/repo.git"
    assert not url_has_credentials(None)


def test_source_credentials_fail_bitbucket_primary_or_secondary_only() -> None:
    inv = projects(
        {"name": "primary", "sources": sources(("primary", "BITBUCKET", True))},
        {
            "name": "secondary",
            "sources": sources(("primary", "GITHUB", False), ("lib", "BITBUCKET", True)),
        },
        {"name": "github", "sources": sources(("primary", "GITHUB", True))},
        {"name": "clean", "sources": sources(("primary", "BITBUCKET", False))},
        {"name": "unread"},
    )
    passing = "no credentials in a Bitbucket source URL"
    assert results(inv, "codebuild_project_source_url_credentials") == {
        "primary": ("FAIL", "credentials in the URL of Bitbucket source(s) primary"),
        "secondary": ("FAIL", "credentials in the URL of Bitbucket source(s) lib"),
        "github": ("PASS", passing),
        "clean": ("PASS", passing),
        "unread": ("PASS", passing),
    }


def test_plaintext_credentials_fail_aws_keys_in_plain_text_only() -> None:
    def env(*pairs: tuple[str, str]) -> str:
        return json.dumps([{"name": n, "type": t} for n, t in pairs])

    inv = projects(
        {"name": "keys", "environment_variables": env(("AWS_ACCESS_KEY_ID", "PLAINTEXT"))},
        {
            "name": "secret",
            "environment_variables": env(("AWS_SECRET_ACCESS_KEY", "SECRETS_MANAGER")),
        },
        {"name": "other", "environment_variables": env(("TOKEN", "PLAINTEXT"))},
    )
    passing = "no AWS keys in plain-text environment variables"
    assert results(inv, "codebuild_project_plaintext_aws_credentials") == {
        "keys": ("FAIL", "plain-text environment variable(s) AWS_ACCESS_KEY_ID"),
        "secret": ("PASS", passing),
        "other": ("PASS", passing),
    }


def test_s3_logs_fail_when_written_unencrypted() -> None:
    inv = projects(
        {
            "name": "clear",
            "s3_logs_status": "ENABLED",
            "s3_logs_location": "b/p",
            "s3_logs_encryption_disabled": True,
        },
        {
            "name": "sealed",
            "s3_logs_status": "ENABLED",
            "s3_logs_location": "b/p",
            "s3_logs_encryption_disabled": False,
        },
        {"name": "none", "s3_logs_status": "DISABLED"},
    )
    assert results(inv, "codebuild_project_s3_logs_unencrypted") == {
        "clear": ("FAIL", "S3 logs to b/p not encrypted"),
        "sealed": ("PASS", "S3 logs to b/p encrypted"),
        "none": ("PASS", "no S3 logs"),
    }


def test_logging_fails_when_both_options_are_off() -> None:
    inv = projects(
        {"name": "dark", "cloudwatch_logs_status": "DISABLED", "s3_logs_status": "DISABLED"},
        {"name": "cw", "cloudwatch_logs_status": "ENABLED", "s3_logs_status": "DISABLED"},
        {"name": "s3", "cloudwatch_logs_status": "DISABLED", "s3_logs_status": "ENABLED"},
        {"name": "both", "cloudwatch_logs_status": "ENABLED", "s3_logs_status": "ENABLED"},
    )
    assert results(inv, "codebuild_project_logging_disabled") == {
        "dark": ("FAIL", "CloudWatch Logs and S3 logs both disabled"),
        "cw": ("PASS", "logs to CloudWatch Logs"),
        "s3": ("PASS", "logs to S3"),
        "both": ("PASS", "logs to CloudWatch Logs, S3"),
    }
