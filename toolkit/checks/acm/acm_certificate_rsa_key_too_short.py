from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CERTIFICATE, certificates, named

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ACM.2: RSA keys of at least 2,048 bits.
MINIMUM_RSA_BITS = 2048


@check(
    title="ACM certificate has an RSA key shorter than 2048 bits",
    severity="high",
    service="acm",
    resource_type=CERTIFICATE,
    tables=["acm.certificates"],
    description="An RSA certificate in ACM has a key shorter than 2,048 bits (RSA_1024), as "
    "FSBP ACM.2 fails it. ACM issues no such keys; only imported certificates can have one. "
    "EC certificates are not judged.",
    risk="A 1,024-bit RSA key is within reach of a well-funded attacker: whoever factors it "
    "can impersonate the site and read recorded traffic that used RSA key exchange.",
    remediation="Replace the certificate with one whose key is RSA 2048 or longer (or EC), "
    "move what uses it to the new one, then delete the old one: a key length cannot be "
    "changed.",
    remediation_cli="aws acm request-certificate --region {region} --domain-name DOMAIN "
    "--validation-method DNS --key-algorithm RSA_2048",
)
def acm_certificate_rsa_key_too_short(inv: Inventory) -> pd.DataFrame:
    c = inv["acm.certificates"]
    algorithm = c["key_algorithm"].astype("string")
    c = c[algorithm.str.startswith("RSA_").fillna(False)]
    bits = pd.to_numeric(c["key_algorithm"].str.removeprefix("RSA_"), errors="coerce")
    failed = bits < MINIMUM_RSA_BITS
    who = named(c)
    size = bits.astype("Int64").astype("string")
    detail = (who + ": RSA key of " + size + " bits").where(
        ~failed, who + ": RSA key of " + size + f" bits, fewer than {MINIMUM_RSA_BITS}"
    )
    return certificates(c, failed, detail)
