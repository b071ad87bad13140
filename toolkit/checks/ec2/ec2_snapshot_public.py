"""FSBP EC2.1: EBS snapshots should not be publicly restorable.

As AWS's control (Config rule ebs-snapshot-public-restorable-check, no parameters): a snapshot
the account owns fails when its createVolumePermission includes the group ``all``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EBS snapshot is publicly restorable",
    severity="critical",
    service="ec2",
    resource_type="AWS::EC2::Snapshot",
    tables=["ec2.snapshots"],
    description="An EBS snapshot the account owns lets anyone create a volume from it "
    "(createVolumePermission includes the group all), as FSBP EC2.1 asks; snapshots shared "
    "with named accounts only pass. The account's block public access for snapshots "
    "(FSBP EC2.182) is not read here.",
    risk="Any AWS account can copy the disk and read every file on it: data, keys and "
    "credentials left on the volume it was taken from.",
    remediation="Remove the public permission from the snapshot; share it with the accounts "
    "that need it by their ids instead, and turn on block public access for snapshots.",
    remediation_cli="aws ec2 modify-snapshot-attribute --snapshot-id {resource_id} "
    "--attribute createVolumePermission --operation-type remove --group-names all "
    "--region {region}",
)
def ec2_snapshot_public(inv: Inventory) -> pd.DataFrame:
    s = inv["ec2.snapshots"]
    public = s["public"].fillna(False).astype(bool)
    named = s["name"].fillna(s["snapshot_id"]).astype("string")
    shared = each(s["shared_with_accounts"], json.loads, [])
    private = pd.Series(
        [
            f"shared with {', '.join(accounts)} only" if accounts else "not shared"
            for accounts in shared
        ],
        index=s.index,
        dtype="string",
    )
    detail = (named + ": restorable by anyone (createVolumePermission group all)").where(
        public, named + ": not public, " + private
    )
    return evaluate(s, public, s["snapshot_id"], detail, s["arn"])
