"""What the AWS Config checks share: each recorder's state, and the one row that speaks for each
account and region (a region may hold service-linked recorders beside the account's own)."""

from __future__ import annotations

import pandas as pd

TABLE = "config.recorders"
#: The role AWS Config's service-linked recorder uses, after arn:aws:iam::ACCOUNT:.
SERVICE_LINKED_ROLE = "role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
SET_UP_CLI = (
    "aws configservice put-configuration-recorder --region {region} --configuration-recorder "
    "name=default,roleARN=arn:aws:iam::{account_id}:" + SERVICE_LINKED_ROLE + " "
    "--recording-group allSupported=true,includeGlobalResourceTypes=true "
    "&& aws configservice put-delivery-channel --region {region} --delivery-channel "
    "name=default,s3BucketName=CONFIG_BUCKET && aws configservice start-configuration-recorder "
    "--region {region} --configuration-recorder-name default"
)


def flag(condition: pd.Series, text: str) -> pd.Series:
    """``text; `` where ``condition`` holds, else empty: pieces of a detail joined by '; '."""
    return condition.map({True: text + "; ", False: ""}).astype("string")


def recorder_problems(r: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per recorder row: whether one exists, whether it records every supported type into a
    delivery channel without a failed last attempt, and what keeps it from that."""
    has = r["recorder_name"].notna()
    recording = r["recording"].fillna(False)
    all_types = r["all_supported"].fillna(False)
    channel = r["delivery_channel_name"].notna()
    failing = (r["last_status"].str.upper() == "FAILURE").fillna(False)
    ok = has & recording & all_types & channel & ~failing
    problems = (
        flag(~recording, "not recording")
        + flag(~all_types, "records chosen resource types, not all supported")
        + flag(~channel, "no delivery channel")
        + flag(failing, "last recording attempt failed")
    ).str.rstrip("; ")
    return has, ok, problems


def recorder_names(r: pd.DataFrame) -> pd.Series:
    return "recorder " + r["recorder_name"].fillna("").astype("string")


def best_per_region(r: pd.DataFrame, ok: pd.Series, has: pd.Series) -> pd.DataFrame:
    """The row that speaks for each account and region: a good recorder before any other."""
    order = pd.DataFrame({"ok": ok, "has": has}).sort_values(["ok", "has"], ascending=False)
    return r.loc[order.index].drop_duplicates(["account_id", "region"]).sort_index()


def uses_service_linked_role(r: pd.DataFrame) -> pd.Series:
    return r["role_arn"].fillna("").str.endswith(":" + SERVICE_LINKED_ROLE)
