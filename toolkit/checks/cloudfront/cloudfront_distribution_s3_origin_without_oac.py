from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, distributions, each, listed, named, nonempty, origins_of

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudFront distribution reaches an S3 origin without origin access control",
    severity="medium",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="An S3 origin of a CloudFront distribution has no origin access control "
    "(OAC), as FSBP CloudFront.13 fails it (no parameters); an origin access identity (the "
    "legacy OAI) does not pass. Distributions with no S3 origin are not judged.",
    risk="Without OAC the bucket must let CloudFront read it some other way, usually by being "
    "public: anyone can then fetch the objects straight from S3, around the distribution's "
    "WAF, signed URLs and logging.",
    remediation="Create an origin access control for S3 (SigV4, always sign), set it on the "
    "origin, let its distribution read the bucket in the bucket policy, and remove public "
    "access and any OAI.",
    remediation_cli="aws cloudfront create-origin-access-control "
    "--origin-access-control-config Name={resource_id}-s3,SigningProtocol=sigv4,"
    "SigningBehavior=always,OriginAccessControlOriginType=s3  # then set the origin's "
    "OriginAccessControlId with aws cloudfront update-distribution --id {resource_id}",
)
def cloudfront_distribution_s3_origin_without_oac(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    s3 = origins_of(frame, "s3")
    keep = nonempty(s3)
    frame, s3 = frame[keep], s3[keep]
    found = each(
        s3, lambda origins: sorted(o["id"] for o in origins if not o["origin_access_control_id"])
    )
    failed = nonempty(found)
    who = named(frame)
    detail = (who + ": every S3 origin uses origin access control").where(
        ~failed,
        who + ": S3 origin without origin access control: " + each(found, listed).astype("string"),
    )
    return distributions(frame, failed, detail)
