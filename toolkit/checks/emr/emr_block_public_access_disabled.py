from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The one port FSBP EMR.2 lets stay open to anywhere.
SSH = "22"


def _others(ranges: object) -> str:
    """The permitted ports and ranges other than 22, or ""."""
    if not isinstance(ranges, str):
        return ""
    return ", ".join(r for r in json.loads(ranges) if r != SSH)


@check(
    title="EMR block public access is off or permits ports other than 22",
    severity="critical",
    service="emr",
    resource_type="AWS::::Account",
    tables=["emr.block_public_access"],
    description="In this region the account's EMR block public access setting is off "
    "(BlockPublicSecurityGroupRules false), or on with ports other than 22 in "
    "PermittedPublicSecurityGroupRuleRanges. FSBP EMR.2 fails exactly these (AWS Config rule "
    "emr-block-public-access; no parameters).",
    risk="EMR lets clusters start with security groups open to the whole internet: the "
    "cluster's web interfaces and services (YARN, Spark, Jupyter, ...) answer anyone, a common "
    "way into data lakes and a common way cryptominers get in.",
    remediation="Turn block public access on in every region and permit no port but 22 (or "
    "none); give analysts access through a bastion, Session Manager or a VPN instead.",
    remediation_cli="aws emr put-block-public-access-configuration --region {region} "
    "--block-public-access-configuration "
    "BlockPublicSecurityGroupRules=true,PermittedPublicSecurityGroupRuleRanges=[{MinRange=22,MaxRange=22}]",
)
def emr_block_public_access_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["emr.block_public_access"]
    on = b["block_public_security_group_rules"].astype("boolean").fillna(False).astype(bool)
    others = b["permitted_port_ranges"].map(_others).astype("string").fillna("")
    failed = ~on | (others != "")
    ranges = b["permitted_port_ranges"].astype("string").fillna("[]")
    detail = ("on; permitted open to anywhere: " + ranges).where(
        on, "off: clusters may start with security groups open to anywhere"
    )
    detail = detail.where(~(on & (others != "")), "on, but permits ports other than 22: " + others)
    return evaluate(b, failed, b["account_id"], detail)
