"""The CloudFront table holds exactly what plain boto3 sees in the sandbox, and what was
seeded; the CloudFront checks FAIL exactly the planted distributions."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "cloudfront.distributions"
CHECKS = (
    "cloudfront_distribution_default_root_object_missing",
    "cloudfront_distribution_viewer_http_allowed",
    "cloudfront_distribution_origin_failover_missing",
    "cloudfront_distribution_logging_disabled",
    "cloudfront_distribution_waf_missing",
    "cloudfront_distribution_default_certificate",
    "cloudfront_distribution_sni_not_used",
    "cloudfront_distribution_origin_traffic_unencrypted",
    "cloudfront_distribution_origin_deprecated_ssl",
    "cloudfront_distribution_s3_origin_without_oac",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="cloudfront", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])
    assert set(inventory[TABLE]["region"]) == {"global"}


def _items(container: dict | None) -> list:
    return list((container or {}).get("Items") or [])


def test_distributions_match_boto3_in_every_account(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        cloudfront = sandbox.client(sandbox.boto3_session(account_id), "cloudfront", "us-east-1")
        listed = _items(cloudfront.list_distributions()["DistributionList"])
        rows = frame[frame["account_id"] == account_id].set_index("arn")
        assert sorted(rows.index) == sorted(d["ARN"] for d in listed)
        for summary in listed:
            row = rows.loc[summary["ARN"]]
            config = cloudfront.get_distribution_config(Id=summary["Id"])["DistributionConfig"]
            assert row["id"] == summary["Id"]
            assert row["domain_name"] == summary["DomainName"]
            assert row["status"] == summary["Status"]
            assert bool(row["enabled"]) == summary["Enabled"]
            assert json.loads(row["aliases"]) == sorted(_items(summary["Aliases"]))
            assert row["last_modified_time"] == pd.Timestamp(summary["LastModifiedTime"])
            origins = {o["id"]: o for o in json.loads(row["origins"])}
            assert sorted(origins) == sorted(o["Id"] for o in _items(summary["Origins"]))
            for origin in _items(summary["Origins"]):
                mine = origins[origin["Id"]]
                assert mine["domain_name"] == origin["DomainName"]
                custom = origin.get("CustomOriginConfig")
                assert mine["type"] == ("custom" if custom else "s3")
                assert mine["origin_access_control_id"] == (
                    origin.get("OriginAccessControlId") or None
                )
                if custom:
                    assert mine["protocol_policy"] == custom["OriginProtocolPolicy"]
                    assert mine["ssl_protocols"] == sorted(_items(custom["OriginSslProtocols"]))
                else:
                    assert "S3OriginConfig" in origin
            groups = json.loads(row["origin_groups"])
            assert [(g["id"], g["members"]) for g in groups] == [
                (g["Id"], [m["OriginId"] for m in _items(g["Members"])])
                for g in _items(summary["OriginGroups"])
            ]
            policies = json.loads(row["viewer_protocol_policies"])
            assert policies.pop("*") == summary["DefaultCacheBehavior"]["ViewerProtocolPolicy"]
            assert policies == {
                b["PathPattern"]: b["ViewerProtocolPolicy"]
                for b in _items(summary["CacheBehaviors"])
            }
            certificate = summary["ViewerCertificate"]
            default = certificate["CloudFrontDefaultCertificate"]
            assert bool(row["default_certificate"]) == default
            assert row["certificate_source"] == certificate["CertificateSource"]
            assert cell(row["certificate"]) == (
                None if default else certificate.get("ACMCertificateArn")
            )
            assert cell(row["ssl_support_method"]) == (
                None if default else certificate["SSLSupportMethod"]
            )
            assert row["minimum_protocol_version"] == certificate["MinimumProtocolVersion"]
            assert cell(row["web_acl_id"]) == (summary["WebACLId"] or None)
            assert cell(row["default_root_object"]) == (config["DefaultRootObject"] or None)
            assert bool(row["logging_enabled"]) == config["Logging"]["Enabled"]
            assert cell(row["logging_bucket"]) == (
                config["Logging"]["Bucket"] if config["Logging"]["Enabled"] else None
            )


def test_seeded_distributions_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    truth = sandbox.truth.cloudfront_distributions
    assert sorted(table.index) == sorted(d["arn"] for d in truth)
    for seeded in truth:
        row = table.loc[seeded["arn"]]
        assert (row["account_id"], row["id"]) == (seeded["account_id"], seeded["id"])
        assert json.loads(row["aliases"]) == seeded["aliases"]
        origins = json.loads(row["origins"])
        assert [
            {
                "id": o["id"],
                "type": o["type"],
                "origin_access_control": o["origin_access_control_id"] is not None,
            }
            for o in origins
        ] == seeded["origins"]
        groups = json.loads(row["origin_groups"])
        assert [m for g in groups for m in g["members"]] == seeded["origin_group"]
        assert json.loads(row["viewer_protocol_policies"]) == seeded["viewer_protocol_policies"]
        assert cell(row["certificate"]) == seeded["certificate"]
        assert bool(row["default_certificate"]) == (seeded["certificate"] is None)
        assert cell(row["web_acl_id"]) == seeded["web_acl_arn"]
        assert cell(row["default_root_object"]) == seeded["default_root_object"]
        assert cell(row["logging_bucket"]) == seeded["logging_bucket"]


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    """One ListDistributions per account (a global service), one configuration a
    distribution."""
    calls = inventory.meta["api_calls"]
    assert calls["cloudfront.ListDistributions"] == len(sandbox.truth.account_ids)
    assert calls["cloudfront.GetDistributionConfig"] == len(inventory[TABLE])


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_distributions(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
