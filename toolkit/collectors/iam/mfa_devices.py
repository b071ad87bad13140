"""``iam.mfa_devices``: virtual MFA devices, assigned or not, and users' hardware ones.

ListVirtualMFADevices finds the virtual devices; ListMFADevices is asked only for users whose
credential report line says MFA is active without a virtual device (hardware tokens, FIDO
keys), or who are missing from the report.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..base import TableContext, table
from ._report import REPORT_ACTIONS, ROOT_USER, by_user, credential_report, report_bool
from ._shared import DETAILS_ACTION, TIMESTAMP, client, details, user_mfa_devices


def device_user(device: dict[str, Any]) -> str | None:
    """The user a virtual device is assigned to; ROOT_USER for the root user's."""
    user = device.get("User") or {}
    if user.get("UserName"):
        return user["UserName"]
    return ROOT_USER if str(user.get("Arn", "")).endswith(":root") else None


@table(
    "iam.mfa_devices",
    where="global",
    key=("account_id", "serial_number"),
    calls=("iam:ListVirtualMFADevices", *REPORT_ACTIONS, DETAILS_ACTION, "iam:ListMFADevices"),
    columns=(
        (
            "user_name",
            "string",
            "The user the device is assigned to (<root_account> for the root user); null if "
            "unassigned.",
        ),
        ("serial_number", "string", "The device's serial number (an ARN for virtual devices)."),
        ("enable_date", TIMESTAMP, "When the device was assigned; null if unassigned."),
        ("type", "string", "virtual, or hardware (a TOTP token or FIDO security key)."),
    ),
)
async def mfa_devices(ctx: TableContext) -> list[dict[str, Any]]:
    """Every MFA device of the account: virtual ones, assigned or not, and users' hardware ones."""
    virtual, report, found = await asyncio.gather(
        ctx.aws.items(
            await client(ctx),
            "list_virtual_mfa_devices",
            "VirtualMFADevices",
            AssignmentStatus="Any",
        ),
        credential_report(ctx),
        details(ctx),
    )
    rows = {
        device["SerialNumber"]: {
            "user_name": device_user(device),
            "serial_number": device["SerialNumber"],
            "enable_date": device.get("EnableDate"),
            "type": "virtual",
            "region": "global",
        }
        for device in virtual
    }
    with_virtual = {row["user_name"] for row in rows.values() if row["user_name"]}
    lines = by_user(report)
    to_ask = [
        user["UserName"]
        for user in found["UserDetailList"]
        if user["UserName"] not in with_virtual
        and (
            user["UserName"] not in lines or report_bool(lines[user["UserName"]].get("mfa_active"))
        )
    ]
    listed = await asyncio.gather(*(user_mfa_devices(ctx, name) for name in to_ask))
    for name, devices in zip(to_ask, listed, strict=True):
        for device in devices:
            serial = device["SerialNumber"]
            if serial in rows:
                continue
            rows[serial] = {
                "user_name": device.get("UserName") or name,
                "serial_number": serial,
                "enable_date": device.get("EnableDate"),
                "type": "virtual" if ":mfa/" in serial else "hardware",
                "region": "global",
            }
    return list(rows.values())
