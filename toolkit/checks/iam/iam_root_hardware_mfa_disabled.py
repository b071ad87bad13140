from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...collectors.iam import ROOT_USER
from ..base import check, evaluate
from ._shared import ACCOUNT, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Root user has no hardware MFA",
    severity="high",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary", "iam.mfa_devices"],
    description="The root user has no MFA, or its MFA is a virtual device (a virtual device "
    "assigned to the root user is listed by ListVirtualMFADevices; root MFA without one is a "
    "hardware token or security key).",
    risk="A virtual MFA lives on a phone or laptop that can be lost, cloned or compromised; the "
    "root user deserves a dedicated hardware device.",
    remediation="Sign in as the root user, remove the virtual MFA device and assign a hardware "
    "TOTP token or FIDO security key (console only).",
)
def iam_root_hardware_mfa_disabled(inv: Inventory) -> pd.DataFrame:
    s = inv["iam.account_summary"]
    m = inv["iam.mfa_devices"]
    virtual = m[is_true(m["user_name"] == ROOT_USER) & is_true(m["type"] == "virtual")]
    serial = s["account_id"].map(virtual.groupby("account_id")["serial_number"].first())
    mfa = is_true(s["root_mfa_enabled"])
    detail = (
        ("virtual MFA device " + serial.astype("object"))
        .where(serial.notna(), "MFA without a virtual device (hardware)")
        .where(mfa, "root user has no MFA")
    )
    return evaluate(
        s,
        ~mfa | serial.notna(),
        s["account_id"],
        detail,
        "arn:aws:iam::" + s["account_id"] + ":root",
    )
