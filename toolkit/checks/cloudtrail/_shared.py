"""What the CloudTrail checks share: what each trail's event selectors log, one row per account
covered (or not) by a live trail, and the buckets trails deliver to."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..base import each, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

TRAIL = "AWS::CloudTrail::Trail"
ACCOUNT = "AWS::::Account"
BUCKET = "AWS::S3::Bucket"
TRAIL_TABLES = ("cloudtrail.trails", "cloudtrail.event_selectors")
#: Data resource values (basic selectors) and ARN prefixes (advanced) meaning "every bucket".
ALL_BUCKETS = ("arn:aws:s3", "arn:aws:s3:::")
S3_DATA_EVENTS_CLI = (
    "aws cloudtrail put-event-selectors --region {region} --trail-name TRAIL_NAME "
    "--advanced-event-selectors '["
    '{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":'
    '["Management"]}]},'
    '{"Name":"S3 object events","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},'
    '{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}'
    "]'"
)


def cloudtrail_trails(inv: Inventory, failed, detail) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    return evaluate(t, failed, t["arn"], detail, t["arn"])


def cloudtrail_selectors(inv: Inventory) -> pd.DataFrame:
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


def cloudtrail_logs(
    trails: pd.DataFrame, selectors: pd.DataFrame, which: str, want: str
) -> pd.Series:
    """Whether each trail's selectors flagged ``which`` log ``want``: ``all`` (reads and writes,
    from one selector or a read-only and a write-only one), ``true`` (reads), ``false`` (writes)."""
    chosen = selectors[selectors[which]]

    def has(reads: str) -> pd.Series:
        return trails["arn"].isin(chosen.loc[chosen["reads"] == reads, "trail_arn"])

    if want == "all":
        return has("all") | (has("true") & has("false"))
    return has("all") | has(want)


def logs_all_management(inv: Inventory) -> pd.Series:
    """Whether each trail logs read and write management events (a trail without selectors
    logs the default: all management events)."""
    t = inv["cloudtrail.trails"]
    s = cloudtrail_selectors(inv)
    default = ~t["arn"].isin(s["trail_arn"]) & ~t["has_custom_event_selectors"].fillna(False)
    return cloudtrail_logs(t, s, "management", "all") | default


def live_trails(t: pd.DataFrame) -> pd.Series:
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


def inventory_accounts(inv: Inventory) -> pd.DataFrame:
    """Every account the inventory read (its run's accounts, any table's, any error's)."""
    errors = inv.errors.loc[inv.errors["account_id"] != "*", "account_id"]  # "*": not one
    seen = [pd.Series(inv.meta.get("accounts") or [], dtype="string"), errors]
    seen += [frame["account_id"] for frame in inv.values() if "account_id" in frame]
    ids = sorted(set(pd.concat(seen, ignore_index=True).dropna().astype(str)))
    return pd.DataFrame({"account_id": pd.Series(ids, dtype="string"), "region": "global"})


def per_account(inv: Inventory, selects: pd.Series, lacks: str, missing: str) -> pd.DataFrame:
    """One row per account: PASS when a live trail whose selectors log what the check wants
    (``selects``) covers it, its own or an organization trail; the FAIL detail names the
    account's trails and what each lacks (``lacks``: what a trail without ``selects`` lacks)."""
    t = inv["cloudtrail.trails"]
    accounts = inventory_accounts(inv)
    good = t[live_trails(t) & selects]
    by = lookup(accounts["account_id"], joined(good["name"], good["account_id"])).fillna("")
    org = good[good["is_organization_trail"].fillna(False)]
    if len(org):
        org_names = ", ".join(org["name"] + " (organization trail of " + org["account_id"] + ")")
        members = organization_members(inv, accounts["account_id"], org["account_id"])
        by = by.where(~members, (by + ", " + org_names).str.strip(", "))
    covered = by != ""
    shortfall = trail_shortfall(t, selects, lacks)
    listing = joined(
        t["name"] + " (" + shortfall.where(shortfall != "", "ok") + ")", t["account_id"]
    )
    trails_seen = lookup(accounts["account_id"], listing).fillna("none")
    detail = ("covered by " + by).where(covered, f"no {missing}; trails: " + trails_seen)
    unread = set(inv.gaps(TRAIL_TABLES)["account_id"])  # "*": every account
    blind = accounts["account_id"].isin(unread) | ("*" in unread)
    keep = covered | ~blind
    accounts = accounts[keep]
    return evaluate(accounts, ~covered[keep], accounts["account_id"], detail[keep])


def organization_members(
    inv: Inventory, account_ids: pd.Series, org_trail_accounts: pd.Series
) -> pd.Series:
    """Which accounts an organization trail covers: the organization's accounts (and the
    trail's own); every account when the inventory did not read the organization."""
    if "organizations.accounts" not in inv.tables:
        return pd.Series(True, index=account_ids.index)
    known = pd.concat([inv["organizations.accounts"]["id"], org_trail_accounts])
    return account_ids.isin(known)


def lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``keys.map(values)`` as strings (an empty mapping would give a float column)."""
    return keys.map(values).astype("string")


def joined(values: pd.Series, by: pd.Series) -> pd.Series:
    """The values of each group, sorted and comma-separated, indexed by group (string dtype
    even when empty)."""
    return values.groupby(by).agg(lambda v: ", ".join(sorted(v.dropna()))).astype("string")


def trail_shortfall(t: pd.DataFrame, selects: pd.Series, lacks: str) -> pd.Series:
    """What keeps each trail from counting, e.g. 'single-region; not logging'."""
    return (
        (~t["is_multi_region"].fillna(False)).map({True: "single-region; ", False: ""})
        + (~t["is_logging"].fillna(False)).map({True: "not logging; ", False: ""})
        + (~selects).map({True: lacks, False: ""})
    ).str.rstrip("; ")


def trail_buckets(inv: Inventory) -> tuple[pd.DataFrame, pd.Series]:
    """The inventory's buckets that trails deliver to, and the trails of each."""
    t = inv["cloudtrail.trails"]
    b = inv["s3.buckets"]
    used = b[b["name"].isin(t["s3_bucket_name"])]
    names = joined(t["account_id"] + "/" + t["name"], t["s3_bucket_name"])
    return used, "bucket of trail " + lookup(used["name"], names).fillna("?")


def s3_object_logging(inv: Inventory, want: str, kind: str) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    selects = cloudtrail_logs(t, cloudtrail_selectors(inv), "s3_all", want)
    return per_account(
        inv,
        selects,
        f"no S3 {kind} data events",
        f"multi-region logging trail records S3 object {kind} events of all buckets",
    )
