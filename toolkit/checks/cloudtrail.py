"""CloudTrail checks: the controls of CIS AWS Foundations v3.0.0 section 3 (logging) that the
inventory decides, and trail hygiene beyond it.

CIS 3.1 (CloudTrail on in every region), 3.8 and 3.9 (S3 object-level logging) are judged per
account: one row per account of the inventory (region ``global``, resource id the account id).
A trail counts for them when it is multi-region and logging; an organization trail counts for
every account of the organization. An account whose trails could not be read, and that no trail
read elsewhere covers, gets no row: the runner reports the gap as ERROR, not a FAIL nobody saw.
Per-trail checks name the trail by its ARN. The trail-bucket checks (CIS 3.4, and the bucket
exposure check that was CIS 3.3 up to v2.0) name the bucket, for buckets in the inventory.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..inventory import Inventory
from .base import check, each, evaluate

TRAIL = "AWS::CloudTrail::Trail"
ACCOUNT = "AWS::::Account"
BUCKET = "AWS::S3::Bucket"
TRAIL_TABLES = ("cloudtrail.trails", "cloudtrail.event_selectors")
#: Data resource values (basic selectors) and ARN prefixes (advanced) meaning "every bucket".
ALL_BUCKETS = ("arn:aws:s3", "arn:aws:s3:::")
_CREATE_TRAIL = (
    "aws cloudtrail create-trail --region {region} --name management-events "
    "--s3-bucket-name LOG_BUCKET --is-multi-region-trail --enable-log-file-validation "
    "--kms-key-id KMS_KEY_ID && aws cloudtrail start-logging --region {region} "
    "--name management-events"
)
_S3_DATA_EVENTS_CLI = (
    "aws cloudtrail put-event-selectors --region {region} --trail-name TRAIL_NAME "
    "--advanced-event-selectors '["
    '{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":'
    '["Management"]}]},'
    '{"Name":"S3 object events","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},'
    '{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}'
    "]'"
)


# -- shared: trails and what their selectors log -----------------------------------------------
def _trails(inv: Inventory, failed, detail) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    return evaluate(t, failed, t["arn"], detail, t["arn"])


def _selectors(inv: Inventory) -> pd.DataFrame:
    """Every event selector with ``reads`` (``all``, ``true``: reads only, ``false``: writes
    only), ``management`` (it logs management events) and ``s3_all`` (it logs object events of
    every S3 bucket)."""
    s = inv["cloudtrail.event_selectors"]
    basic = (s["kind"] == "basic").fillna(False)
    advanced = s["advanced_selectors"]
    reads = s["read_write_type"].map({"All": "all", "ReadOnly": "true", "WriteOnly": "false"})
    reads = reads.where(basic, each(advanced, _advanced_reads))
    s3_basic = each(s["data_resources"], _basic_selects_all_buckets)
    s3_advanced = each(advanced, _advanced_selects_all_buckets)
    return pd.DataFrame(
        {
            "trail_arn": s["trail_arn"],
            "reads": reads,
            "management": s["include_management_events"].fillna(False).astype(bool),
            "s3_all": s3_basic.where(basic, s3_advanced).fillna(False).astype(bool),
        },
        index=s.index,
    )


def _logs(trails: pd.DataFrame, selectors: pd.DataFrame, which: str, want: str) -> pd.Series:
    """Whether each trail's selectors flagged ``which`` log ``want``: ``all`` (reads and writes,
    from one selector or a read-only and a write-only one), ``true`` (reads), ``false`` (writes)."""
    chosen = selectors[selectors[which]]

    def has(reads: str) -> pd.Series:
        return trails["arn"].isin(chosen.loc[chosen["reads"] == reads, "trail_arn"])

    if want == "all":
        return has("all") | (has("true") & has("false"))
    return has("all") | has(want)


def _logs_all_management(inv: Inventory) -> pd.Series:
    """Whether each trail logs read and write management events (a trail without selectors
    logs the default: all management events)."""
    t = inv["cloudtrail.trails"]
    s = _selectors(inv)
    default = ~t["arn"].isin(s["trail_arn"]) & ~t["has_custom_event_selectors"].fillna(False)
    return _logs(t, s, "management", "all") | default


def _live(t: pd.DataFrame) -> pd.Series:
    """Multi-region trails that are logging: the ones that count for an account."""
    return t["is_multi_region"].fillna(False) & t["is_logging"].fillna(False)


def _advanced_fields(document: str) -> dict[str, dict[str, Any]]:
    try:
        fields = json.loads(document).get("FieldSelectors") or []
    except (ValueError, AttributeError):
        return {}
    return {f.get("Field"): f for f in fields if isinstance(f, dict)}


def _advanced_reads(document: str) -> str:
    only = _advanced_fields(document).get("readOnly")
    if not only:
        return "all"
    equals = [str(v).lower() for v in only.get("Equals") or []]
    not_equals = [str(v).lower() for v in only.get("NotEquals") or []]
    if equals == ["true"] or not_equals == ["false"]:
        return "true"
    if equals == ["false"] or not_equals == ["true"]:
        return "false"
    return "all"


def _advanced_selects_all_buckets(document: str) -> bool:
    fields = _advanced_fields(document)
    category = (fields.get("eventCategory") or {}).get("Equals") or []
    kinds = (fields.get("resources.type") or {}).get("Equals") or []
    if "Data" not in category or "AWS::S3::Object" not in kinds:
        return False
    arn = fields.get("resources.ARN")
    if arn is None:
        return True
    return set(arn) <= {"Field", "StartsWith"} and any(
        prefix in ALL_BUCKETS for prefix in arn.get("StartsWith") or []
    )


def _basic_selects_all_buckets(document: str) -> bool:
    try:
        resources = json.loads(document)
    except ValueError:
        return False
    return any(
        r.get("Type") == "AWS::S3::Object" and any(v in ALL_BUCKETS for v in r.get("Values") or [])
        for r in resources
        if isinstance(r, dict)
    )


# -- shared: one row per account ---------------------------------------------------------------
def _accounts(inv: Inventory) -> pd.DataFrame:
    """Every account the inventory read (its run's accounts, any table's, any error's)."""
    errors = inv.errors.loc[inv.errors["account_id"] != "*", "account_id"]  # "*": not one
    seen = [pd.Series(inv.meta.get("accounts") or [], dtype="string"), errors]
    seen += [frame["account_id"] for frame in inv.values() if "account_id" in frame]
    ids = sorted(set(pd.concat(seen, ignore_index=True).dropna().astype(str)))
    return pd.DataFrame({"account_id": pd.Series(ids, dtype="string"), "region": "global"})


def _per_account(inv: Inventory, selects: pd.Series, lacks: str, missing: str) -> pd.DataFrame:
    """One row per account: PASS when a live trail whose selectors log what the check wants
    (``selects``) covers it, its own or an organization trail; the FAIL detail names the
    account's trails and what each lacks (``lacks``: what a trail without ``selects`` lacks)."""
    t = inv["cloudtrail.trails"]
    accounts = _accounts(inv)
    good = t[_live(t) & selects]
    by = _lookup(accounts["account_id"], _joined(good["name"], good["account_id"])).fillna("")
    org = good[good["is_organization_trail"].fillna(False)]
    if len(org):
        org_names = ", ".join(org["name"] + " (organization trail of " + org["account_id"] + ")")
        members = pd.Series(True, index=accounts.index)
        if "organizations.accounts" in inv.tables:
            known = pd.concat([inv["organizations.accounts"]["id"], org["account_id"]])
            members = accounts["account_id"].isin(known)
        by = by.where(~members, (by + ", " + org_names).str.strip(", "))
    covered = by != ""
    shortfall = _shortfall(t, selects, lacks)
    listing = _joined(
        t["name"] + " (" + shortfall.where(shortfall != "", "ok") + ")", t["account_id"]
    )
    trails_seen = _lookup(accounts["account_id"], listing).fillna("none")
    detail = ("covered by " + by).where(covered, f"no {missing}; trails: " + trails_seen)
    unread = set(inv.gaps(TRAIL_TABLES)["account_id"])  # "*": every account
    blind = accounts["account_id"].isin(unread) | ("*" in unread)
    keep = covered | ~blind
    accounts = accounts[keep]
    return evaluate(accounts, ~covered[keep], accounts["account_id"], detail[keep])


def _lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``keys.map(values)`` as strings (an empty mapping would give a float column)."""
    return keys.map(values).astype("string")


def _joined(values: pd.Series, by: pd.Series) -> pd.Series:
    """The values of each group, sorted and comma-separated, indexed by group (string dtype
    even when empty)."""
    return values.groupby(by).agg(lambda v: ", ".join(sorted(v.dropna()))).astype("string")


def _shortfall(t: pd.DataFrame, selects: pd.Series, lacks: str) -> pd.Series:
    """What keeps each trail from counting, e.g. 'single-region; not logging'."""
    return (
        (~t["is_multi_region"].fillna(False)).map({True: "single-region; ", False: ""})
        + (~t["is_logging"].fillna(False)).map({True: "not logging; ", False: ""})
        + (~selects).map({True: lacks, False: ""})
    ).str.rstrip("; ")


# -- CIS 3.1 -----------------------------------------------------------------------------------
@check(
    title="CloudTrail is not enabled in all regions",
    severity="high",
    service="cloudtrail",
    resource_type=ACCOUNT,
    tables=list(TRAIL_TABLES),
    description="The account has no multi-region trail (of its own, or an organization trail) "
    "that is logging and records read and write management events.",
    risk="API activity in the account, or in some of its regions, is not recorded: attacks and "
    "mistakes cannot be detected or investigated.",
    remediation="Create a multi-region trail (ideally an organization trail from the management "
    "account) that logs all management events, and start logging.",
    remediation_cli=_CREATE_TRAIL,
    frameworks={"CIS-3.0": ["3.1"], "AWS-FSBP": ["CloudTrail.1"]},
)
def cloudtrail_not_enabled(inv: Inventory) -> pd.DataFrame:
    return _per_account(
        inv,
        _logs_all_management(inv),
        "not all management events",
        "multi-region trail logging read and write management events",
    )


# -- CIS 3.2, 3.5 and trail hygiene ------------------------------------------------------------
@check(
    title="CloudTrail log file validation is not enabled",
    severity="medium",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail does not write signed digest files, so its log files cannot be "
    "checked for changes or deletions.",
    risk="Someone with access to the log bucket can alter or delete log files undetected.",
    remediation="Enable log file validation on the trail.",
    remediation_cli="aws cloudtrail update-trail --region {region} --name {resource_id} "
    "--enable-log-file-validation",
    frameworks={"CIS-3.0": ["3.2"], "AWS-FSBP": ["CloudTrail.4"]},
)
def cloudtrail_log_file_validation_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    on = t["log_file_validation_enabled"].fillna(False)
    return _trails(inv, ~on, on.map({True: "validation on", False: "validation off"}))


@check(
    title="CloudTrail logs are not encrypted with a KMS key",
    severity="medium",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail's log files are encrypted with S3 managed keys (SSE-S3), not with a "
    "KMS key (SSE-KMS).",
    risk="Anyone who can read the log bucket can read the logs; with SSE-KMS they would also "
    "need the key, and every decryption would be logged.",
    remediation="Set a customer managed KMS key on the trail (its key policy must let CloudTrail "
    "encrypt and the log readers decrypt).",
    remediation_cli="aws cloudtrail update-trail --region {region} --name {resource_id} "
    "--kms-key-id KMS_KEY_ID",
    frameworks={"CIS-3.0": ["3.5"], "AWS-FSBP": ["CloudTrail.2"]},
)
def cloudtrail_kms_encryption_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    key = t["kms_key_id"]
    return _trails(inv, key.isna(), ("encrypted with " + key).fillna("SSE-S3 only"))


@check(
    title="CloudTrail trail is not multi-region",
    severity="medium",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail logs only its home region.",
    risk="Activity in the other regions (where an attacker would go unnoticed) is not recorded "
    "by this trail.",
    remediation="Make the trail multi-region.",
    remediation_cli="aws cloudtrail update-trail --region {region} --name {resource_id} "
    "--is-multi-region-trail",
)
def cloudtrail_multi_region_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    multi = t["is_multi_region"].fillna(False)
    detail = multi.map({True: "multi-region", False: "only "}) + t["home_region"].where(~multi, "")
    return _trails(inv, ~multi, detail)


@check(
    title="CloudTrail trail is not logging",
    severity="high",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail exists but logging is stopped (GetTrailStatus IsLogging false).",
    risk="Nothing is recorded while logging is stopped; stopping a trail is a classic step of an "
    "attack.",
    remediation="Start logging on the trail, and find out who stopped it and why.",
    remediation_cli="aws cloudtrail start-logging --region {region} --name {resource_id}",
)
def cloudtrail_logging_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    logging = t["is_logging"].fillna(False)
    delivered = t["latest_delivery_time"].dt.strftime("%Y-%m-%d %H:%M").fillna("never")
    detail = logging.map({True: "logging", False: "stopped"}) + "; last delivery " + delivered
    return _trails(inv, ~logging, detail)


# -- trail buckets (CIS 3.4; v2.0's 3.3) -------------------------------------------------------
def _trail_buckets(inv: Inventory) -> tuple[pd.DataFrame, pd.Series]:
    """The inventory's buckets that trails deliver to, and the trails of each."""
    t = inv["cloudtrail.trails"]
    b = inv["s3.buckets"]
    used = b[b["name"].isin(t["s3_bucket_name"])]
    names = _joined(t["account_id"] + "/" + t["name"], t["s3_bucket_name"])
    return used, "bucket of trail " + _lookup(used["name"], names).fillna("?")


@check(
    title="CloudTrail log bucket is publicly accessible",
    severity="critical",
    service="cloudtrail",
    resource_type=BUCKET,
    tables=["cloudtrail.trails", "s3.buckets"],
    description="A bucket that a trail delivers to is public through its ACL or policy, and no "
    "public access block (bucket or account) neutralizes it (the rule of "
    "s3_bucket_public_access). Trail buckets outside the inventory are not evaluated.",
    risk="Anyone can read the account's API history, a map of its resources and weaknesses, or "
    "tamper with it.",
    remediation="Turn on all four public access block settings on the bucket and remove the "
    "public grants from its ACL and policy.",
    remediation_cli="aws s3api put-public-access-block --bucket {resource_id} "
    "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
    "BlockPublicPolicy=true,RestrictPublicBuckets=true",
)
def cloudtrail_bucket_public(inv: Inventory) -> pd.DataFrame:
    b, trails = _trail_buckets(inv)
    flags = [
        "pab_ignore_public_acls",
        "account_pab_ignore_public_acls",
        "pab_restrict_public_buckets",
        "account_pab_restrict_public_buckets",
        "acl_public",
        "policy_public",
    ]
    flag = b[flags].fillna(False)  # unknown: not public, and not blocked either
    ignores_acls = (
        flag["pab_ignore_public_acls"]
        | flag["account_pab_ignore_public_acls"]
        | (b["object_ownership"] == "BucketOwnerEnforced").fillna(False)
    )
    blocks_policy = (
        flag["pab_restrict_public_buckets"] | flag["account_pab_restrict_public_buckets"]
    )
    by_acl = flag["acl_public"] & ~ignores_acls
    by_policy = flag["policy_public"] & ~blocks_policy
    how = (
        by_acl.map({True: "public through its ACL; ", False: ""})
        + by_policy.map({True: "public through its policy", False: ""})
    ).str.strip("; ")
    detail = trails + ": " + how.where(how != "", "not public")
    return evaluate(b, by_acl | by_policy, b["name"], detail, b["arn"])


@check(
    title="CloudTrail log bucket has no server access logging",
    severity="low",
    service="cloudtrail",
    resource_type=BUCKET,
    tables=["cloudtrail.trails", "s3.buckets"],
    description="Server access logging is off on a bucket that a trail delivers to. Trail "
    "buckets outside the inventory are not evaluated.",
    risk="Who read, changed or deleted the log files cannot be found out.",
    remediation="Enable server access logging on the bucket, to a separate log bucket.",
    remediation_cli="aws s3api put-bucket-logging --bucket {resource_id} --bucket-logging-status "
    '\'{"LoggingEnabled":{"TargetBucket":"ACCESS_LOG_BUCKET","TargetPrefix":"{resource_id}/"}}\'',
    frameworks={"CIS-3.0": ["3.4"]},
)
def cloudtrail_bucket_access_logging_disabled(inv: Inventory) -> pd.DataFrame:
    b, trails = _trail_buckets(inv)
    on = b["logging_enabled"].fillna(False)
    target = ("logs to " + b["logging_target_bucket"]).fillna("logs to nowhere")
    return evaluate(b, ~on, b["name"], trails + ": " + target.where(on, "no access logs"), b["arn"])


# -- CIS 3.8, 3.9 ------------------------------------------------------------------------------
def _s3_object_logging(inv: Inventory, want: str, kind: str) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    selects = _logs(t, _selectors(inv), "s3_all", want)
    return _per_account(
        inv,
        selects,
        f"no S3 {kind} data events",
        f"multi-region logging trail records S3 object {kind} events of all buckets",
    )


@check(
    title="S3 object-level write events are not logged",
    severity="low",
    service="cloudtrail",
    resource_type=ACCOUNT,
    tables=list(TRAIL_TABLES),
    description="No multi-region, logging trail covering the account records S3 data events "
    "(PutObject, DeleteObject, ...) for the objects of all buckets.",
    risk="Who wrote or deleted which object cannot be found out after an incident.",
    remediation="Add a data event selector for AWS::S3::Object (all buckets, write or all "
    "events) to a multi-region trail.",
    remediation_cli=_S3_DATA_EVENTS_CLI,
    frameworks={"CIS-3.0": ["3.8"]},
)
def cloudtrail_s3_write_events_not_logged(inv: Inventory) -> pd.DataFrame:
    return _s3_object_logging(inv, "false", "write")


@check(
    title="S3 object-level read events are not logged",
    severity="low",
    service="cloudtrail",
    resource_type=ACCOUNT,
    tables=list(TRAIL_TABLES),
    description="No multi-region, logging trail covering the account records S3 data events "
    "(GetObject, ...) for the objects of all buckets.",
    risk="Who read which object (data exfiltration) cannot be found out after an incident.",
    remediation="Add a data event selector for AWS::S3::Object (all buckets, read or all "
    "events) to a multi-region trail.",
    remediation_cli=_S3_DATA_EVENTS_CLI,
    frameworks={"CIS-3.0": ["3.9"]},
)
def cloudtrail_s3_read_events_not_logged(inv: Inventory) -> pd.DataFrame:
    return _s3_object_logging(inv, "true", "read")
