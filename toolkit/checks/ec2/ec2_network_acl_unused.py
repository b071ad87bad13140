"""FSBP EC2.16: Unused Network Access Control Lists should be removed.

As AWS's control (Config rule vpc-network-acl-unused-check, no parameters): a network ACL
fails when no subnet is associated with it. AWS makes no finding for a VPC's default ACL,
which cannot be deleted: default ACLs are not evaluated here either. Its failures are on
unused ACLs by definition: their detail says ``; unused`` as every EC2 check's does, so
``run_checks(..., skip_unused=True)`` leaves them out with the rest.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ec2_arn, unused_noted

if TYPE_CHECKING:
    from ...inventory import Inventory

ACL_KEY = ["account_id", "region", "network_acl_id"]


@check(
    title="Network ACL is not associated with any subnet",
    severity="low",
    service="ec2",
    resource_type="AWS::EC2::NetworkAcl",
    tables=["ec2.network_acls"],
    description="A network ACL other than its VPC's default governs no subnet, as FSBP EC2.16 "
    "evaluates it (vpc-network-acl-unused-check); default ACLs are not evaluated.",
    risk="Unused network ACLs clutter the VPC's rule set and can be associated with a subnet "
    "later by mistake, with rules nobody has reviewed.",
    remediation="Delete the network ACL, or associate it with the subnets it was made for.",
    remediation_cli="aws ec2 delete-network-acl --network-acl-id {resource_id} --region {region}",
)
def ec2_network_acl_unused(inv: Inventory) -> pd.DataFrame:
    entries = inv["ec2.network_acls"]
    custom = entries[~entries["is_default"].astype("boolean").fillna(False).astype(bool)]
    acls = custom.drop_duplicates(ACL_KEY).reset_index(drop=True)
    subnets = [
        json.loads(text) if isinstance(text, str) else []
        for text in acls["associated_subnet_ids"].astype(object)
    ]
    unused = pd.Series([not ids for ids in subnets], index=acls.index)
    detail = pd.Series(
        ["governs " + ", ".join(ids) if ids else "governs no subnet" for ids in subnets],
        index=acls.index,
        dtype="object",
    )
    return evaluate(
        acls,
        unused,
        acls["network_acl_id"],
        unused_noted(acls, detail),
        ec2_arn(acls, "network-acl", acls["network_acl_id"]),
    )
