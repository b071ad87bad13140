from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, UPDATE_CLI, distributions, named, nonempty, origins_of

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudFront distribution with an S3 origin has no default root object",
    severity="high",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A CloudFront distribution that uses an S3 origin has no default root object, "
    "as FSBP CloudFront.1 fails it (no parameters). Distributions whose origins are all custom "
    "origins (an S3 website endpoint is one) are not judged.",
    risk="A request for the distribution's root URL goes to the bucket's root: depending on the "
    "bucket's policy it lists the bucket's objects or answers with an error that names it.",
    remediation="Set a default root object (e.g. index.html) in the distribution's settings.",
    remediation_cli=UPDATE_CLI.replace(
        "> config.json", "| jq '.DefaultRootObject = \"index.html\"' > config.json"
    ),
)
def cloudfront_distribution_default_root_object_missing(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    frame = frame[nonempty(origins_of(frame, "s3"))]
    root = frame["default_root_object"].astype("string")
    failed = root.isna() | (root == "")
    who = named(frame)
    detail = (who + ": serves " + root.fillna("") + " for its root URL").where(
        ~failed, who + ": S3 origin and no default root object"
    )
    return distributions(frame, failed, detail)
