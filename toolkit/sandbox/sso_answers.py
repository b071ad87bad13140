"""IAM Identity Center's ListAccountsForProvisionedPermissionSet as AWS answers it.

In AWS, creating an account assignment provisions its permission set in the target account
(the role the assignment's principals sign in to), and the set stays provisioned there whatever
becomes of the principal: a user or group deleted from the identity store leaves its
assignment, and the provisioned set, behind. moto answers only for the caller's own account and
only after an explicit ProvisionPermissionSet, without pages. Answered here from moto's backend:
every account some assignment of the set targets, and the caller's account where the set was
provisioned explicitly; ``MaxResults`` and ``NextToken`` page as AWS does (at most 100 a page).
Registered in ``security_services.ANSWERS``.
"""

from __future__ import annotations

import json
from typing import Any

from .protocols import RequestInfo, error_response

Answer = tuple[int, list[tuple[str, str]], bytes]
PAGE = 100


def provisioned_accounts(account: str, region: str, instance_arn: str, pset_arn: str) -> list[str]:
    """The accounts where the set is provisioned, sorted; empty where moto has no such set."""
    from moto.ssoadmin.models import ssoadmin_backends

    backend = ssoadmin_backends[account][region]
    found = {
        held.target_id
        for held in backend.account_assignments
        if held.instance_arn == instance_arn and held.permission_set_arn == pset_arn
    }
    for instance in backend.instances:
        if instance.instance_arn == instance_arn and any(
            pset.permission_set_arn == pset_arn for pset in instance.provisioned_permission_sets
        ):
            found.add(account)  # moto provisions an explicit ProvisionPermissionSet here
    return sorted(found)


def _accounts_for_set(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    from moto.ssoadmin.models import ssoadmin_backends

    instance_arn = str(params.get("InstanceArn", ""))
    pset_arn = str(params.get("PermissionSetArn", ""))
    backend = ssoadmin_backends[account][info.region]
    if not any(
        p.instance_arn == instance_arn and p.permission_set_arn == pset_arn
        for p in backend.permission_sets
    ):
        return error_response(
            info, "ResourceNotFoundException", 400, "Could not find PermissionSet with Arn"
        )
    accounts = provisioned_accounts(account, info.region, instance_arn, pset_arn)
    if params.get("ProvisioningStatus") == "LATEST_PERMISSION_SET_NOT_PROVISIONED":
        accounts = []  # the sandbox's sets are always provisioned in their latest version
    start = int(params.get("NextToken") or 0)
    size = min(int(params.get("MaxResults") or PAGE), PAGE)
    document: dict[str, Any] = {"AccountIds": accounts[start : start + size]}
    if start + size < len(accounts):
        document["NextToken"] = str(start + size)
    return 200, [("Content-Type", "application/x-amz-json-1.1")], json.dumps(document).encode()


ANSWERS = {"sso-admin.ListAccountsForProvisionedPermissionSet": _accounts_for_set}
