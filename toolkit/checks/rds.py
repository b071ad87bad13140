"""RDS checks: CIS AWS Foundations v3.0.0 section 2.3, and RDS best practices beyond it.

DB instances are named by their identifier, snapshots by theirs, clusters by theirs (the ids
the console and the CLI take). Settings that Aurora and Multi-AZ DB clusters manage for the
whole cluster (deletion protection, backups, Multi-AZ) are judged on the cluster, not on its
member instances.
"""

from __future__ import annotations

import pandas as pd

from ..inventory import Inventory
from .base import check, evaluate

INSTANCE = "AWS::RDS::DBInstance"
CLUSTER = "AWS::RDS::DBCluster"
SNAPSHOT = "AWS::RDS::DBSnapshot"
#: Automated backups kept fewer days than this fail rds_instance_backup_retention_too_short
#: (the AWS FSBP RDS.11 default).
MIN_BACKUP_RETENTION_DAYS = 7


def _instances(i: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(i, failed, i["db_instance_identifier"], detail, i["arn"])


def _standalone(inv: Inventory) -> pd.DataFrame:
    """DB instances outside a DB cluster: those that carry their own protection and backups."""
    i = inv["rds.db_instances"]
    return i[i["db_cluster_identifier"].isna()]


def _clusters(inv: Inventory, failed, detail) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    return evaluate(c, failed, c["db_cluster_identifier"], detail, c["arn"])


def _snapshots(inv: Inventory, failed, detail) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    return evaluate(s, failed, s["snapshot_identifier"], detail, s["arn"])


def _yes_no(flag: pd.Series, yes: str, no: str) -> pd.Series:
    return flag.fillna(False).astype(bool).map({True: yes, False: no})


# -- CIS 2.3 -----------------------------------------------------------------------------------
@check(
    title="RDS DB instance storage is not encrypted",
    severity="high",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="The DB instance's storage (and so its automated backups, read replicas and "
    "snapshots) is not encrypted at rest.",
    risk="Anyone who obtains the underlying storage, a snapshot or a backup reads the data in "
    "clear; unencrypted snapshots can be shared outside the organization.",
    remediation="Encryption cannot be turned on in place: snapshot the instance, copy the "
    "snapshot with a KMS key, restore a new instance from the encrypted copy and switch over.",
    remediation_cli="aws rds copy-db-snapshot --region {region} "
    "--source-db-snapshot-identifier SNAPSHOT_ID "
    "--target-db-snapshot-identifier {resource_id}-encrypted --kms-key-id KMS_KEY_ID",
    frameworks={"CIS-3.0": ["2.3.1"], "AWS-FSBP": ["RDS.3"]},
)
def rds_instance_storage_unencrypted(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    encrypted = i["storage_encrypted"].fillna(False)
    detail = _yes_no(encrypted, "encrypted with ", "not encrypted") + i["kms_key_id"].fillna("")
    return _instances(i, ~encrypted, detail)


@check(
    title="RDS DB instance does not apply minor engine upgrades automatically",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="Auto minor version upgrade is off: minor engine versions (which carry security "
    "fixes) are not applied in the maintenance window.",
    risk="Known engine vulnerabilities stay unpatched until someone upgrades by hand.",
    remediation="Turn on auto minor version upgrade on the instance.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --auto-minor-version-upgrade --apply-immediately",
    frameworks={"CIS-3.0": ["2.3.2"], "AWS-FSBP": ["RDS.13"]},
)
def rds_instance_auto_minor_version_upgrade_disabled(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    on = i["auto_minor_version_upgrade"].fillna(False)
    detail = "engine " + i["engine"].fillna("?") + " " + i["engine_version"].fillna("?")
    return _instances(i, ~on, detail + _yes_no(on, ", upgrades on", ", upgrades off"))


@check(
    title="RDS DB instance is publicly accessible",
    severity="critical",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="The instance is PubliclyAccessible: its endpoint resolves to a public IP "
    "address, reachable from the internet wherever its security groups allow.",
    risk="The database listens on the internet: credential guessing, engine exploits and data "
    "theft are one security group rule away.",
    remediation="Make the instance private (PubliclyAccessible false) and reach it from inside "
    "the VPC, through a bastion, VPN or RDS Proxy.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --no-publicly-accessible --apply-immediately",
    frameworks={"CIS-3.0": ["2.3.3"], "AWS-FSBP": ["RDS.2"]},
)
def rds_instance_publicly_accessible(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    public = i["publicly_accessible"].fillna(False)
    endpoint = i["endpoint_address"].fillna("?") + ":" + i["port"].astype("string").fillna("?")
    return _instances(
        i, public, _yes_no(public, "public endpoint ", "private endpoint ") + endpoint
    )


# -- beyond CIS: instances ---------------------------------------------------------------------
@check(
    title="RDS DB instance has no deletion protection",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="Deletion protection is off on a DB instance outside a DB cluster (cluster "
    "members are protected by their cluster's setting).",
    risk="A mistaken or malicious delete-db-instance removes the database at once.",
    remediation="Turn on deletion protection on the instance.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --deletion-protection --apply-immediately",
    frameworks={"AWS-FSBP": ["RDS.8"]},
)
def rds_instance_deletion_protection_disabled(inv: Inventory) -> pd.DataFrame:
    i = _standalone(inv)
    protected = i["deletion_protection"].fillna(False)
    return _instances(i, ~protected, _yes_no(protected, "protected", "not protected"))


@check(
    title="RDS DB instance keeps automated backups too briefly",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description=f"Automated backups are off or kept fewer than {MIN_BACKUP_RETENTION_DAYS} days "
    "on a DB instance outside a DB cluster.",
    risk="Data lost or corrupted more than a few days ago (or at all, with backups off) cannot "
    "be restored to a point in time.",
    remediation=f"Set the backup retention period to at least {MIN_BACKUP_RETENTION_DAYS} days.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    f"{{resource_id}} --backup-retention-period {MIN_BACKUP_RETENTION_DAYS} --apply-immediately",
    frameworks={"AWS-FSBP": ["RDS.11"]},
)
def rds_instance_backup_retention_too_short(inv: Inventory) -> pd.DataFrame:
    i = _standalone(inv)
    days = i["backup_retention_days"].fillna(0)
    return _instances(
        i, days < MIN_BACKUP_RETENTION_DAYS, "backup retention " + days.astype(str) + " days"
    )


@check(
    title="RDS DB instance is not Multi-AZ",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="A DB instance outside a DB cluster runs without a standby in another "
    "availability zone.",
    risk="An availability zone outage or a host failure takes the database down until it is "
    "restored.",
    remediation="Convert the instance to a Multi-AZ deployment (where the workload warrants it).",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --multi-az --apply-immediately",
    frameworks={"AWS-FSBP": ["RDS.5"]},
)
def rds_instance_multi_az_disabled(inv: Inventory) -> pd.DataFrame:
    i = _standalone(inv)
    multi_az = i["multi_az"].fillna(False)
    return _instances(i, ~multi_az, _yes_no(multi_az, "Multi-AZ", "single-AZ"))


# -- beyond CIS: clusters ----------------------------------------------------------------------
@check(
    title="RDS DB cluster storage is not encrypted",
    severity="high",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description="The DB cluster's storage (and its snapshots) is not encrypted at rest.",
    risk="Anyone who obtains the storage or a snapshot reads the data in clear.",
    remediation="Snapshot the cluster, restore a new cluster from the snapshot with a KMS key "
    "and switch over (encryption cannot be turned on in place).",
    remediation_cli="aws rds restore-db-cluster-from-snapshot --region {region} "
    "--db-cluster-identifier {resource_id}-encrypted --snapshot-identifier SNAPSHOT_ID "
    "--engine ENGINE --kms-key-id KMS_KEY_ID",
    frameworks={"AWS-FSBP": ["RDS.27"]},
)
def rds_cluster_storage_unencrypted(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    encrypted = c["storage_encrypted"].fillna(False)
    detail = _yes_no(encrypted, "encrypted with ", "not encrypted") + c["kms_key_id"].fillna("")
    return _clusters(inv, ~encrypted, detail)


@check(
    title="RDS DB cluster has no deletion protection",
    severity="low",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description="Deletion protection is off on the DB cluster.",
    risk="A mistaken or malicious delete-db-cluster removes the database at once.",
    remediation="Turn on deletion protection on the cluster.",
    remediation_cli="aws rds modify-db-cluster --region {region} --db-cluster-identifier "
    "{resource_id} --deletion-protection --apply-immediately",
    frameworks={"AWS-FSBP": ["RDS.7"]},
)
def rds_cluster_deletion_protection_disabled(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    protected = c["deletion_protection"].fillna(False)
    return _clusters(inv, ~protected, _yes_no(protected, "protected", "not protected"))


# -- beyond CIS: snapshots ---------------------------------------------------------------------
@check(
    title="RDS snapshot is public",
    severity="critical",
    service="rds",
    resource_type=SNAPSHOT,
    tables=["rds.db_snapshots"],
    description="The manual DB or DB cluster snapshot's restore attribute includes 'all': any "
    "AWS account can copy it and restore the database.",
    risk="Anyone with an AWS account can restore the database and read all of its data.",
    remediation="Remove 'all' from the snapshot's restore attribute; share with named accounts "
    "only, and only encrypted snapshots.",
    remediation_cli="aws rds modify-db-snapshot-attribute --region {region} "
    "--db-snapshot-identifier {resource_id} --attribute-name restore --values-to-remove all",
    frameworks={"AWS-FSBP": ["RDS.1"]},
)
def rds_snapshot_public(inv: Inventory) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    public = s["public"].fillna(False)
    detail = (
        _yes_no(public, "public; ", "not public; ") + "shared with " + s["shared_with_accounts"]
    )
    return _snapshots(inv, public, detail)


@check(
    title="RDS snapshot is not encrypted",
    severity="medium",
    service="rds",
    resource_type=SNAPSHOT,
    tables=["rds.db_snapshots"],
    description="The manual DB or DB cluster snapshot is not encrypted at rest.",
    risk="The snapshot holds a full copy of the database in clear, and unencrypted snapshots "
    "can be shared with any account (or made public).",
    remediation="Copy the snapshot with a KMS key, then delete the unencrypted one.",
    remediation_cli="aws rds copy-db-snapshot --region {region} --source-db-snapshot-identifier "
    "{resource_id} --target-db-snapshot-identifier {resource_id}-encrypted "
    "--kms-key-id KMS_KEY_ID",
    frameworks={"AWS-FSBP": ["RDS.4"]},
)
def rds_snapshot_unencrypted(inv: Inventory) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    encrypted = s["encrypted"].fillna(False)
    detail = (
        s["kind"]
        + " snapshot of "
        + s["db_instance_identifier"].fillna(s["db_cluster_identifier"]).fillna("?")
        + _yes_no(encrypted, ", encrypted", ", not encrypted")
    )
    return _snapshots(inv, ~encrypted, detail)
