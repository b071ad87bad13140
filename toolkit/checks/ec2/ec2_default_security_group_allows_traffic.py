from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import SECURITY_GROUP, unused_noted

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Default security group does not restrict all traffic",
    severity="medium",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups"],
    description="A VPC's default security group has inbound or outbound rules (AWS creates it "
    "allowing inbound from itself and all outbound).",
    risk="Resources launched without an explicit group land in the default one and get its "
    "access; CIS requires it to allow nothing, so every group in use is chosen on purpose.",
    remediation="Remove every inbound and outbound rule of the default security group, and move "
    "resources that use it to least-privilege groups.",
    remediation_cli="aws ec2 revoke-security-group-egress --group-id {resource_id} "
    "--ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' --region {region}",
)
def ec2_default_security_group_allows_traffic(inv: Inventory) -> pd.DataFrame:
    g = inv["ec2.security_groups"]
    defaults = g[(g["group_name"] == "default").fillna(False)]
    inbound = defaults["ingress_rule_count"].fillna(0)
    outbound = defaults["egress_rule_count"].fillna(0)
    return evaluate(
        defaults,
        (inbound + outbound) > 0,
        defaults["group_id"],
        unused_noted(
            defaults,
            inbound.astype(str) + " inbound, " + outbound.astype(str) + " outbound rule(s)",
        ),
        defaults["arn"],
    )
