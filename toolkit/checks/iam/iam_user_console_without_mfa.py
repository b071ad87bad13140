from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import USER, iam_users, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user with a console password has no MFA",
    severity="high",
    service="iam",
    resource_type=USER,
    tables=["iam.users"],
    description="The user can sign in to the console with a password and has no MFA device.",
    risk="A phished, guessed or reused password is enough to sign in as the user.",
    remediation="Assign an MFA device to the user (or remove the console password if it is not "
    "needed), and deny actions without MFA.",
    remediation_cli="aws iam create-virtual-mfa-device --virtual-mfa-device-name {resource_id} "
    "--outfile {resource_id}.png --bootstrap-method QRCodePNG && aws iam enable-mfa-device "
    "--user-name {resource_id} --serial-number arn:aws:iam::{account_id}:mfa/{resource_id} "
    "--authentication-code1 CODE1 --authentication-code2 CODE2",
)
def iam_user_console_without_mfa(inv: Inventory) -> pd.DataFrame:
    u = inv["iam.users"]
    console, mfa = is_true(u["password_enabled"]), is_true(u["mfa_active"])
    detail = mfa.map({True: "console password with MFA", False: "console password, no MFA"})
    return iam_users(inv, console & ~mfa, detail.where(console, "no console password"))
