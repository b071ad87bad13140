"""CloudFront checks on small inventories built by hand: exactly which distributions FAIL, which
PASS, which are not judged, and why."""

from __future__ import annotations

import json
import re

import pytest

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
S3_OAC = {"id": "site", "type": "s3", "origin_access_control_id": "E1OAC", "ssl_protocols": []}
S3_BARE = {"id": "site", "type": "s3", "origin_access_control_id": None, "ssl_protocols": []}


def custom(policy: str = "https-only", protocols: tuple[str, ...] = ("TLSv1.2",)) -> dict:
    return {
        "id": "web",
        "type": "custom",
        "origin_access_control_id": None,
        "protocol_policy": policy,
        "ssl_protocols": sorted(protocols),
    }


def distribution(distribution_id: str, **fields) -> dict:
    """A distribution that passes every check unless ``fields`` say otherwise."""
    origins = fields.pop("origins", [S3_OAC, custom()])
    return {
        "account_id": A,
        "region": "global",
        "id": distribution_id,
        "arn": f"arn:aws:cloudfront::{A}:distribution/{distribution_id}",
        "domain_name": f"{distribution_id.lower()}.cloudfront.net",
        "aliases": json.dumps(fields.pop("aliases", [])),
        "origins": json.dumps(origins),
        "origin_groups": json.dumps(
            fields.pop("origin_groups", [{"id": "g", "members": ["site", "web"]}])
        ),
        "viewer_protocol_policies": json.dumps(fields.pop("policies", {"*": "redirect-to-https"})),
        "default_certificate": False,
        "certificate_source": "acm",
        "certificate": f"arn:aws:acm:us-east-1:{A}:certificate/c",
        "ssl_support_method": "sni-only",
        "minimum_protocol_version": "TLSv1.2_2021",
        "web_acl_id": f"arn:aws:wafv2:us-east-1:{A}:global/webacl/edge/1",
        "default_root_object": "index.html",
        "logging_enabled": True,
        "logging_bucket": "logs.s3.amazonaws.com",
        **fields,
    }


def results(check: str, *rows: dict) -> dict[str, tuple[str, str]]:
    table = "cloudfront.distributions"
    inv = Inventory({table: TABLES[table].frame(rows)})
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    return {
        r: (s, d)
        for r, s, d in zip(
            found["resource_id"], found["status"].astype(str), found["detail"], strict=True
        )
    }


CONTROLS = {
    "cloudfront_distribution_default_root_object_missing": "CloudFront.1",
    "cloudfront_distribution_viewer_http_allowed": "CloudFront.3",
    "cloudfront_distribution_origin_failover_missing": "CloudFront.4",
    "cloudfront_distribution_logging_disabled": "CloudFront.5",
    "cloudfront_distribution_waf_missing": "CloudFront.6",
    "cloudfront_distribution_default_certificate": "CloudFront.7",
    "cloudfront_distribution_sni_not_used": "CloudFront.8",
    "cloudfront_distribution_origin_traffic_unencrypted": "CloudFront.9",
    "cloudfront_distribution_origin_deprecated_ssl": "CloudFront.10",
    "cloudfront_distribution_s3_origin_without_oac": "CloudFront.13",
}


@pytest.mark.parametrize(("check", "control"), sorted(CONTROLS.items()))
def test_checks_are_registered_and_mapped_to_their_fsbp_controls(check: str, control: str) -> None:
    load_builtin()
    entry = CHECKS[check]
    assert entry.frameworks == {"AWS-FSBP": (control,)}
    assert entry.severity in ("high", "medium", "low")
    assert entry.remediation_cli.startswith("aws ")
    assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {"resource_id"}
    assert control in entry.description
    # Every check passes the distribution that does everything right.
    assert results(check, distribution("GOOD"))["GOOD"][0] == "PASS"


def test_default_root_object_judged_only_with_an_s3_origin() -> None:
    found = results(
        "cloudfront_distribution_default_root_object_missing",
        distribution("NOROOT", default_root_object=None, aliases=["www.example.com"]),
        distribution("CUSTOMONLY", default_root_object=None, origins=[custom()]),
    )
    assert found == {
        "NOROOT": ("FAIL", "NOROOT (www.example.com): S3 origin and no default root object")
    }


def test_viewer_http_names_every_allow_all_behaviour() -> None:
    found = results(
        "cloudfront_distribution_viewer_http_allowed",
        distribution(
            "OPEN", policies={"*": "allow-all", "/api/*": "allow-all", "/x": "https-only"}
        ),
        distribution("CLOSED", policies={"*": "https-only", "/api/*": "redirect-to-https"}),
    )
    assert found["OPEN"] == ("FAIL", "OPEN (open.cloudfront.net): allow-all on *, /api/*")
    assert found["CLOSED"][0] == "PASS"


def test_failover_needs_a_group_of_two() -> None:
    found = results(
        "cloudfront_distribution_origin_failover_missing",
        distribution("NONE", origin_groups=[]),
        distribution("LONE", origin_groups=[{"id": "g", "members": ["site"]}]),
    )
    assert {k: v[0] for k, v in found.items()} == {"NONE": "FAIL", "LONE": "FAIL"}


def test_logging_waf_and_certificate() -> None:
    off = distribution("OFF", logging_enabled=False, logging_bucket=None, web_acl_id=None)
    off.update(default_certificate=True, certificate_source="cloudfront", certificate=None)
    assert results("cloudfront_distribution_logging_disabled", off)["OFF"][0] == "FAIL"
    assert results("cloudfront_distribution_waf_missing", off)["OFF"] == (
        "FAIL",
        "OFF (off.cloudfront.net): no web ACL",
    )
    assert results("cloudfront_distribution_default_certificate", off)["OFF"][0] == "FAIL"
    # CloudFront.8 judges only custom certificates.
    assert results("cloudfront_distribution_sni_not_used", off) == {}


def test_sni_fails_dedicated_ip_addresses() -> None:
    found = results(
        "cloudfront_distribution_sni_not_used", distribution("VIP", ssl_support_method="vip")
    )
    assert found["VIP"][0] == "FAIL"
    assert "dedicated IP addresses (vip)" in found["VIP"][1]


def test_origin_encryption_follows_the_viewer_policy_for_match_viewer() -> None:
    found = results(
        "cloudfront_distribution_origin_traffic_unencrypted",
        distribution("HTTPONLY", origins=[custom("http-only")]),
        distribution("MATCHOPEN", origins=[custom("match-viewer")], policies={"*": "allow-all"}),
        distribution("MATCHTLS", origins=[custom("match-viewer")]),
        distribution("S3ONLY", origins=[S3_OAC]),
    )
    assert {k: v[0] for k, v in found.items()} == {
        "HTTPONLY": "FAIL",
        "MATCHOPEN": "FAIL",
        "MATCHTLS": "PASS",
    }  # no custom origin: not judged
    assert found["HTTPONLY"][1].endswith("reached over HTTP: web (http-only)")


def test_sslv3_to_an_origin_fails() -> None:
    found = results(
        "cloudfront_distribution_origin_deprecated_ssl",
        distribution("OLD", origins=[custom(protocols=("SSLv3", "TLSv1.2"))]),
        distribution("S3ONLY", origins=[S3_OAC]),
    )
    assert found == {"OLD": ("FAIL", "OLD (old.cloudfront.net): SSLv3 allowed to web")}


def test_s3_origin_without_oac_fails_and_custom_only_is_not_judged() -> None:
    oai = dict(S3_BARE, origin_access_identity="origin-access-identity/cloudfront/E1")
    found = results(
        "cloudfront_distribution_s3_origin_without_oac",
        distribution("BARE", origins=[S3_BARE]),
        distribution("OAI", origins=[oai]),
        distribution("CUSTOM", origins=[custom()]),
    )
    assert {k: v[0] for k, v in found.items()} == {"BARE": "FAIL", "OAI": "FAIL"}
