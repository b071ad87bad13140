from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, flag, live_clusters, redshift_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Redshift cluster does not have audit logging enabled",
    severity="medium",
    service="redshift",
    resource_type=CLUSTER,
    tables=["redshift.clusters"],
    description="Audit logging (DescribeLoggingStatus) is off for the cluster, as FSBP "
    "Redshift.4 evaluates it (Security Hub's rule redshift-cluster-audit-logging-enabled with "
    "loggingEnabled = true). A cluster whose logging status AWS did not report fails too.",
    risk="Connections, authentication attempts and user changes in the database leave no "
    "record: a stolen password or a misused admin account goes unnoticed and cannot be "
    "investigated.",
    remediation="Turn on audit logging to an S3 bucket or to CloudWatch Logs.",
    remediation_cli="aws redshift enable-logging --region {region} --cluster-identifier "
    "{resource_id} --log-destination-type cloudwatch --log-exports connectionlog userlog "
    "useractivitylog",
)
def redshift_cluster_audit_logging_disabled(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    enabled = flag(c, "logging_enabled")
    where = c["log_destination_type"].astype("string").fillna("s3")
    bucket = (" bucket " + c["log_bucket_name"].astype("string")).fillna("")
    off = (
        c["logging_enabled"]
        .astype("boolean")
        .map({False: "audit logging disabled"}, na_action="ignore")
        .astype("object")
        .fillna("audit logging status not reported")
    )
    detail = pd.Series(("audit logging to " + where + bucket).where(enabled, off), index=c.index)
    return redshift_clusters(c, ~enabled, detail)
