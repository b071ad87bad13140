"""ElastiCache checks on small inventories built by hand: exactly which replication groups FAIL
and PASS, why, and the FSBP controls they answer."""

from __future__ import annotations

from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
TABLE = "elasticache.replication_groups"
FAILOVER = "elasticache_replication_group_automatic_failover_disabled"
AT_REST = "elasticache_replication_group_unencrypted_at_rest"
IN_TRANSIT = "elasticache_replication_group_unencrypted_in_transit"
CLUSTERS = "elasticache.clusters"
BACKUPS = "elasticache_cluster_automatic_backups_disabled"
UPGRADES = "elasticache_cluster_auto_minor_version_upgrade_disabled"
SUBNETS = "elasticache_cluster_default_subnet_group"
CONTROLS = {
    FAILOVER: "ElastiCache.3",
    AT_REST: "ElastiCache.4",
    IN_TRANSIT: "ElastiCache.5",
    BACKUPS: "ElastiCache.1",
    UPGRADES: "ElastiCache.2",
    SUBNETS: "ElastiCache.7",
}


def group(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "replication_group_id": name,
        "arn": f"arn:aws:elasticache:{EAST}:{A}:replicationgroup:{name}",
        "status": "available",
        **fields,
    }


def inventory(*rows: dict) -> Inventory:
    return Inventory({TABLE: TABLES[TABLE].frame(rows)})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in CONTROLS.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
        assert CHECKS[check].remediation_cli.startswith("aws elasticache ")
        assert "{region}" in CHECKS[check].remediation_cli


def test_failover_passes_only_when_enabled() -> None:
    inv = inventory(
        group("ha", automatic_failover="enabled"),
        group("single", automatic_failover="disabled"),
        group("turning-on", automatic_failover="enabling"),
        group("unknown"),
        group("leaving", status="deleting", automatic_failover="disabled"),
    )
    assert results(inv, FAILOVER) == {
        "ha": ("PASS", "automatic failover enabled"),
        "single": ("FAIL", "automatic failover disabled"),
        "turning-on": ("FAIL", "automatic failover enabling"),
        "unknown": ("FAIL", "automatic failover not reported"),
    }


def test_at_rest_names_the_key_or_the_default() -> None:
    key = f"arn:aws:kms:{EAST}:{A}:key/1"
    inv = inventory(
        group("kms", at_rest_encryption_enabled=True, kms_key_id=key),
        group("default", at_rest_encryption_enabled=True),
        group("plain", at_rest_encryption_enabled=False),
    )
    assert results(inv, AT_REST) == {
        "kms": ("PASS", f"encrypted at rest with {key}"),
        "default": ("PASS", "encrypted at rest with ElastiCache's default key"),
        "plain": ("FAIL", "not encrypted at rest"),
    }


def test_in_transit_says_whether_auth_is_required() -> None:
    inv = inventory(
        group("tls", transit_encryption_enabled=True, auth_token_enabled=True),
        group("tls-no-auth", transit_encryption_enabled=True, auth_token_enabled=False),
        group("plain", transit_encryption_enabled=False),
    )
    assert results(inv, IN_TRANSIT) == {
        "tls": ("PASS", "encrypted in transit (TLS), AUTH token required"),
        "tls-no-auth": ("PASS", "encrypted in transit (TLS), no AUTH token"),
        "plain": ("FAIL", "not encrypted in transit, no AUTH token"),
    }


def cluster(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "cache_cluster_id": name,
        "arn": f"arn:aws:elasticache:{EAST}:{A}:cluster:{name}",
        "status": "available",
        "engine": "redis",
        **fields,
    }


def clusters(*rows: dict) -> Inventory:
    return Inventory({CLUSTERS: TABLES[CLUSTERS].frame(rows)})


def test_backups_judge_redis_and_valkey_only() -> None:
    inv = clusters(
        cluster("daily", snapshot_retention_limit=1),
        cluster("off", snapshot_retention_limit=0),
        cluster("valkey-off", engine="valkey", snapshot_retention_limit=0),
        cluster("memcached", engine="memcached", snapshot_retention_limit=0),
        cluster("leaving", status="deleting", snapshot_retention_limit=0),
    )
    assert results(inv, BACKUPS) == {
        "daily": ("PASS", "automatic backups kept 1 day(s)"),
        "off": ("FAIL", "automatic backups disabled (retention 0)"),
        "valkey-off": ("FAIL", "automatic backups disabled (retention 0)"),
    }


def test_minor_upgrades_fail_when_off_or_unreported() -> None:
    inv = clusters(
        cluster("on", auto_minor_version_upgrade=True),
        cluster("off", engine="memcached", auto_minor_version_upgrade=False),
        cluster("unknown"),
    )
    result = results(inv, UPGRADES)
    assert result["on"] == ("PASS", "minor version upgrades applied automatically")
    assert result["off"] == ("FAIL", "minor version upgrades not applied automatically")
    assert result["unknown"][0] == "FAIL"


def test_only_the_group_named_default_fails() -> None:
    inv = clusters(
        cluster("custom", cache_subnet_group_name="cache-private"),
        cluster("default", cache_subnet_group_name="default"),
        cluster("none"),
    )
    assert results(inv, SUBNETS) == {
        "custom": ("PASS", "subnet group cache-private"),
        "default": ("FAIL", "subnet group default (the default VPC's)"),
        "none": ("PASS", "no subnet group reported"),
    }


def test_no_groups_or_clusters_no_findings() -> None:
    inv = Inventory({TABLE: TABLES[TABLE].empty(), CLUSTERS: TABLES[CLUSTERS].empty()})
    for check in CONTROLS:
        assert toolkit.run_checks(inv, checks=check).empty
