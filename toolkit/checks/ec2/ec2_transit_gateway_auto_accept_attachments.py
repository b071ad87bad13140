"""FSBP EC2.23: EC2 Transit Gateways should not automatically accept VPC attachment requests.

As AWS's control (Config rule ec2-transit-gateway-auto-vpc-attach-disabled, no parameters): a
transit gateway fails when AutoAcceptSharedAttachments is enable. Judged by the account that
owns the gateway (one shared with the account is listed there too, and its owner decides).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Transit gateway accepts shared VPC attachment requests automatically",
    severity="high",
    service="ec2",
    resource_type="AWS::EC2::TransitGateway",
    tables=["ec2.transit_gateways"],
    description="The transit gateway has AutoAcceptSharedAttachments enabled, as FSBP EC2.23 "
    "judges it: any account it is shared with (through AWS RAM) attaches a VPC without the "
    "owner's review. Gateways owned by another account are judged in that account.",
    risk="A VPC of another account joins the network, and reaches whatever the gateway's "
    "route tables route, with nobody having approved it.",
    remediation="Turn off automatic acceptance of shared attachments; accept each attachment "
    "request after review.",
    remediation_cli="aws ec2 modify-transit-gateway --transit-gateway-id {resource_id} "
    "--options AutoAcceptSharedAttachments=disable --region {region}",
)
def ec2_transit_gateway_auto_accept_attachments(inv: Inventory) -> pd.DataFrame:
    g = inv["ec2.transit_gateways"]
    g = g[(g["owner_id"] == g["account_id"]).fillna(True) & (g["state"] != "deleted").fillna(True)]
    auto = g["auto_accept_shared_attachments"].fillna(False).astype(bool)
    named = g["name"].fillna(g["transit_gateway_id"]).astype("string")
    detail = (named + ": AutoAcceptSharedAttachments enable").where(
        auto, named + ": shared attachment requests wait for acceptance"
    )
    return evaluate(g, auto, g["transit_gateway_id"], detail, g["arn"])
