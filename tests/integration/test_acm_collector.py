"""The ACM table holds exactly what plain boto3 sees in the sandbox, and what was seeded; the
ACM checks FAIL exactly the planted certificates."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "acm.certificates"
CHECKS = ("acm_certificate_expiring_soon", "acm_certificate_rsa_key_too_short")
EVERY_KEY_TYPE = {
    "keyTypes": [
        "RSA_1024",
        "RSA_2048",
        "RSA_3072",
        "RSA_4096",
        "EC_prime256v1",
        "EC_secp384r1",
        "EC_secp521r1",
    ]
}


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="acm", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def _time(value: object) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value).tz_convert("UTC")


def test_certificates_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            acm = sandbox.client(session, "acm", region)
            listed = acm.list_certificates(Includes=EVERY_KEY_TYPE)["CertificateSummaryList"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            rows = here.set_index("arn")
            assert sorted(rows.index) == sorted(c["CertificateArn"] for c in listed)
            for summary in listed:
                row = rows.loc[summary["CertificateArn"]]
                described = acm.describe_certificate(CertificateArn=summary["CertificateArn"])
                certificate = described["Certificate"]
                assert row["domain_name"] == certificate["DomainName"]
                assert row["status"] == certificate["Status"]
                assert row["type"] == certificate["Type"]
                assert row["key_algorithm"] == certificate["KeyAlgorithm"]
                assert row["not_after"] == _time(certificate.get("NotAfter"))
                assert row["not_before"] == _time(certificate.get("NotBefore"))
                assert bool(row["in_use"]) == bool(certificate["InUseBy"])
                assert row["renewal_eligibility"] == certificate["RenewalEligibility"]
                assert json.loads(row["in_use_by"]) == sorted(certificate["InUseBy"])
                assert json.loads(row["subject_alternative_names"]) == sorted(
                    certificate["SubjectAlternativeNames"]
                )
                assert row["issuer"] == certificate["Issuer"]
                assert row["signature_algorithm"] == certificate["SignatureAlgorithm"]


def test_seeded_certificates_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    truth = sandbox.truth.acm_certificates
    assert sorted(table.index) == sorted(c["arn"] for c in truth)
    for seeded in truth:
        row = table.loc[seeded["arn"]]
        assert (row["account_id"], row["region"]) == (seeded["account_id"], seeded["region"])
        assert row["domain_name"] == seeded["domain"]
        assert row["type"] == seeded["type"]
        assert row["key_algorithm"] == seeded["key_algorithm"]
        assert json.loads(row["subject_alternative_names"]) == seeded["alternative_names"]
        if seeded["not_after"] is not None:
            assert row["not_after"] == pd.Timestamp(seeded["not_after"])
    assert {c["type"] for c in truth} == {"IMPORTED", "AMAZON_ISSUED"}


def test_a_certificate_in_use_names_its_load_balancer(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    """As AWS does (moto names the listener; the sandbox answers as AWS)."""
    table = inventory[TABLE].set_index("arn")
    users: dict[str, set[str]] = {}
    for listener in sandbox.truth.elbv2_listeners:
        for certificate in listener["certificates"]:
            users.setdefault(certificate, set()).add(listener["load_balancer_arn"])
    for balancer in sandbox.truth.elb_load_balancers:  # Classic: its ARN, as AWS names it
        arn = "arn:aws:elasticloadbalancing:{region}:{account_id}:loadbalancer/{name}"
        for _, _, certificate, _ in balancer["listeners"]:
            if certificate and certificate.startswith("arn:aws:acm:"):
                users.setdefault(certificate, set()).add(arn.format(**balancer))
    assert users
    for arn, row in table.iterrows():
        assert set(json.loads(row["in_use_by"])) == users.get(arn, set())
        assert bool(row["in_use"]) == (arn in users)
        eligible = row["type"] == "AMAZON_ISSUED" and arn in users
        assert row["renewal_eligibility"] == ("ELIGIBLE" if eligible else "INELIGIBLE")


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["acm.ListCertificates"] == units
    assert calls["acm.DescribeCertificate"] == len(inventory[TABLE])


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_certificates(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
