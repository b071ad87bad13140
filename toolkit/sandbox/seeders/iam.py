"""AWS IAM: customer managed policies, users (keys, console, MFA), groups, roles (with instance
profiles for EC2), the password policy, the root user's MFA and access keys, and server
certificates (self-signed, made here with ``cryptography``, valid over the days the estate says).

Seeded after S3 and before EC2 and Lambda, which name the roles made here. What moto cannot
be told through the API (the root user's state, access key ages and last uses, when passwords
were set and last used) goes to the sandbox's own IAM state through its control endpoint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .references import resolve
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

IAM_USER = {
    "name": str,
    "access_keys": int,
    "access_key_age_days": int,
    "mfa": bool,
    "console": bool,
    "policies": [str],
    "inline_policy": dict,
    #: The console password was set, and last used to sign in, this many days ago.
    "password_age_days": int,
    "password_last_used_days": int,
    #: The last use of each access key, in key order; a key past the list's end was never used.
    "access_keys_last_used": [{"days": int, "service": str, "region": str}],
    #: A permissions boundary: a policy name of the account, or an ARN (moto cannot be told one
    #: for a user: the sandbox's IAM state sets it, see ``iam_state``).
    "permissions_boundary": str,
    "planted": PLANTED,
}
IAM_ROLE = {
    "name": str,
    "trust_service": str,
    "trust_account": str,
    #: A whole trust policy, instead of trust_service or trust_account ({account:KEY} allowed).
    "trust_policy": dict,
    #: The role's permissions boundary: a customer policy of the account by name, or an ARN.
    "permissions_boundary": str,
    "policies": [str],
    #: An inline policy embedded in the role, named ROLE-inline.
    "inline_policy": dict,
    "planted": PLANTED,
}
IAM_GROUP = {"name": str, "users": [str], "policies": [str], "planted": PLANTED}
IAM_POLICY = {"name": str, "description": str, "document": dict, "planted": PLANTED}
PASSWORD_POLICY = {
    "minimum_length": int,
    "require_symbols": bool,
    "require_numbers": bool,
    "require_uppercase": bool,
    "require_lowercase": bool,
    "max_age_days": int,
    "reuse_prevention": int,
    "planted": PLANTED,
}
IAM_ROOT = {"mfa": bool, "access_keys": bool, "planted": PLANTED}
#: A certificate for ``domain``, issued (and uploaded) ``issued_days_ago``, valid ``valid_days``:
#: expired at seeding when valid_days < issued_days_ago.
SERVER_CERTIFICATE = {
    "name": str,
    "domain": str,
    "path": str,
    "issued_days_ago": int,
    "valid_days": int,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "iam_root": IAM_ROOT,
    "iam_password_policy": PASSWORD_POLICY,
    "iam_policies": [IAM_POLICY],
    "iam_users": [IAM_USER],
    "iam_groups": [IAM_GROUP],
    "iam_roles": [IAM_ROLE],
    "iam_server_certificates": [SERVER_CERTIFICATE],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {
    "iam_users": "name",
    "iam_roles": "name",
    "iam_groups": "name",
    "iam_policies": "name",
    "iam_server_certificates": "name",
}


@dataclass
class IamTruth:
    iam_users: list[dict[str, Any]] = field(default_factory=list)
    iam_roles: list[dict[str, Any]] = field(default_factory=list)
    iam_groups: list[dict[str, Any]] = field(default_factory=list)
    iam_policies: list[dict[str, Any]] = field(default_factory=list)
    #: account id -> the password policy set (None: no policy)
    password_policies: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    #: account id -> {"mfa": bool, "access_keys": bool} for the root user
    root: dict[str, dict[str, bool]] = field(default_factory=dict)
    iam_server_certificates: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Policies first (users, groups and roles attach them), then users, groups, roles, the
    password policy and the root user."""
    iam = seeder.client(session, "iam", "us-east-1")

    def arn(policy: str) -> str:
        return policy if policy.startswith("arn:") else f"arn:aws:iam::{account_id}:policy/{policy}"

    for policy in spec.get("iam_policies", []):
        made = iam.create_policy(
            PolicyName=policy["name"],
            PolicyDocument=json.dumps(resolve(seeder, policy["document"])),
            Description=policy.get("description", policy["name"]),
        )["Policy"]
        seeder.truth.iam_policies.append(
            {"account_id": account_id, "name": policy["name"], "arn": made["Arn"]}
        )
        seeder.plant(policy.get("planted"), account_id, "global", made["Arn"], "iam_policy")
    key_ages: dict[str, int] = {}
    used: dict[str, dict[str, Any]] = {
        "password_ages": {},
        "password_last_used": {},
        "keys_last_used": {},
        "user_boundaries": {},
    }
    for user in spec.get("iam_users", []):
        iam.create_user(UserName=user["name"])
        keys = [
            iam.create_access_key(UserName=user["name"])["AccessKey"]["AccessKeyId"]
            for _ in range(user.get("access_keys", 0))
        ]
        if keys and user.get("access_key_age_days"):
            key_ages[user["name"]] = user["access_key_age_days"]
        if user.get("console"):
            iam.create_login_profile(UserName=user["name"], Password="Sandbox-Passw0rd!")
            for key, setting in (
                ("password_ages", "password_age_days"),
                ("password_last_used", "password_last_used_days"),
            ):
                if setting in user:
                    used[key][user["name"]] = user[setting]
        uses = user.get("access_keys_last_used", [])[: len(keys)]
        if uses:
            used["keys_last_used"][user["name"]] = uses
        if user.get("mfa"):
            device = iam.create_virtual_mfa_device(VirtualMFADeviceName=user["name"])[
                "VirtualMFADevice"
            ]
            iam.enable_mfa_device(
                UserName=user["name"],
                SerialNumber=device["SerialNumber"],
                AuthenticationCode1="123456",
                AuthenticationCode2="654321",
            )
        if user.get("permissions_boundary"):
            used["user_boundaries"][user["name"]] = arn(user["permissions_boundary"])
        for policy in user.get("policies", []):
            iam.attach_user_policy(UserName=user["name"], PolicyArn=arn(policy))
        if user.get("inline_policy"):
            iam.put_user_policy(
                UserName=user["name"],
                PolicyName=f"{user['name']}-inline",
                PolicyDocument=json.dumps(resolve(seeder, user["inline_policy"])),
            )
        seeder.truth.iam_users.append(
            {
                "account_id": account_id,
                "name": user["name"],
                "mfa": bool(user.get("mfa")),
                "access_keys": keys,
                "access_key_age_days": user.get("access_key_age_days", 0) if keys else None,
                "console": bool(user.get("console")),
                "policies": [arn(p) for p in user.get("policies", [])],
                "inline_policy": bool(user.get("inline_policy")),
                "password_age_days": used["password_ages"].get(user["name"]),
                "password_last_used_days": used["password_last_used"].get(user["name"]),
                # key id -> its last use ({"days", "service", "region"}); None: never used
                "access_keys_last_used": {
                    key: (uses[n] if n < len(uses) else None) for n, key in enumerate(keys)
                },
                "permissions_boundary": used["user_boundaries"].get(user["name"]),
            }
        )
        seeder.plant(user.get("planted"), account_id, "global", user["name"], "iam_user")
    for group in spec.get("iam_groups", []):
        iam.create_group(GroupName=group["name"])
        for member in group.get("users", []):
            iam.add_user_to_group(GroupName=group["name"], UserName=member)
        for policy in group.get("policies", []):
            iam.attach_group_policy(GroupName=group["name"], PolicyArn=arn(policy))
        seeder.truth.iam_groups.append(
            {
                "account_id": account_id,
                "name": group["name"],
                "users": list(group.get("users", [])),
                "policies": [arn(p) for p in group.get("policies", [])],
            }
        )
        seeder.plant(group.get("planted"), account_id, "global", group["name"], "iam_group")
    for role in spec.get("iam_roles", []):
        if "trust_policy" in role:
            trust = resolve(seeder, role["trust_policy"])
            principal = trust["Statement"][0]["Principal"]
        else:
            principal = (
                {"Service": role["trust_service"]}
                if "trust_service" in role
                else {"AWS": f"arn:aws:iam::{role['trust_account']}:root"}
            )
            trust = {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
                ],
            }
        boundary = role.get("permissions_boundary")
        iam.create_role(
            RoleName=role["name"],
            AssumeRolePolicyDocument=json.dumps(trust),
            **({"PermissionsBoundary": arn(boundary)} if boundary else {}),
        )
        for policy in role.get("policies", []):
            iam.attach_role_policy(RoleName=role["name"], PolicyArn=arn(policy))
        if role.get("inline_policy"):
            iam.put_role_policy(
                RoleName=role["name"],
                PolicyName=f"{role['name']}-inline",
                PolicyDocument=json.dumps(resolve(seeder, role["inline_policy"])),
            )
        if principal == {"Service": "ec2.amazonaws.com"}:
            iam.create_instance_profile(InstanceProfileName=role["name"])
            iam.add_role_to_instance_profile(
                InstanceProfileName=role["name"], RoleName=role["name"]
            )
        seeder.truth.iam_roles.append(
            {
                "account_id": account_id,
                "name": role["name"],
                "trust": principal,
                "policies": [arn(p) for p in role.get("policies", [])],
                "inline_policy": bool(role.get("inline_policy")),
                "permissions_boundary": arn(boundary) if boundary else None,
            }
        )
        seeder.plant(role.get("planted"), account_id, "global", role["name"], "iam_role")
    policy = spec.get("iam_password_policy")
    if policy is not None:
        settings = {k: v for k, v in policy.items() if k != "planted"}
        iam.update_account_password_policy(
            MinimumPasswordLength=settings.get("minimum_length", 8),
            RequireSymbols=settings.get("require_symbols", False),
            RequireNumbers=settings.get("require_numbers", False),
            RequireUppercaseCharacters=settings.get("require_uppercase", False),
            RequireLowercaseCharacters=settings.get("require_lowercase", False),
            AllowUsersToChangePassword=True,
            **({"MaxPasswordAge": settings["max_age_days"]} if "max_age_days" in settings else {}),
            **(
                {"PasswordReusePrevention": settings["reuse_prevention"]}
                if "reuse_prevention" in settings
                else {}
            ),
        )
        seeder.plant(policy.get("planted"), account_id, "global", account_id, "account")
    seeder.truth.password_policies[account_id] = (
        None if policy is None else {k: v for k, v in policy.items() if k != "planted"}
    )
    root = spec.get("iam_root", {})
    seeder.truth.root[account_id] = {
        "mfa": bool(root.get("mfa", True)),
        "access_keys": bool(root.get("access_keys", False)),
    }
    seeder.plant(root.get("planted"), account_id, "global", account_id, "account")
    seeder.post_control(
        "/_sandbox/iam",
        {
            "account": account_id,
            "root_mfa": seeder.truth.root[account_id]["mfa"],
            "root_access_keys": seeder.truth.root[account_id]["access_keys"],
            "key_ages": key_ages,
            **used,
        },
    )


def seed_server_certificates(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]
) -> None:
    """Upload the account's server certificates: a step of its own, after the others (moto
    draws each certificate's id from its seeded random stream, so this step changes the ids
    of whatever is seeded after it)."""
    certificates = spec.get("iam_server_certificates", [])
    if not certificates:
        return
    iam = seeder.client(session, "iam", "us-east-1")
    now = datetime.now(UTC).replace(microsecond=0)
    for certificate in certificates:
        issued = now - timedelta(days=certificate["issued_days_ago"])
        expires = issued + timedelta(days=certificate["valid_days"])
        body, key = self_signed(certificate.get("domain", certificate["name"]), issued, expires)
        made = iam.upload_server_certificate(
            ServerCertificateName=certificate["name"],
            CertificateBody=body,
            PrivateKey=key,
            Path=certificate.get("path", "/"),
        )["ServerCertificateMetadata"]
        seeder.truth.iam_server_certificates.append(
            {
                "account_id": account_id,
                "name": certificate["name"],
                "id": made["ServerCertificateId"],
                "arn": made["Arn"],
                "path": made["Path"],
                "expiration": expires.isoformat(),
                "expired": expires <= now,
            }
        )
        seeder.plant(
            certificate.get("planted"), account_id, "global", certificate["name"], "certificate"
        )


def self_signed(domain: str, not_before: datetime, not_after: datetime) -> tuple[str, str]:
    """A self-signed RSA certificate for ``domain`` and its private key, both PEM (the key
    kind IAM takes for server certificates)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    return (
        certificate.public_bytes(pem).decode(),
        key.private_bytes(
            pem, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        ).decode(),
    )
