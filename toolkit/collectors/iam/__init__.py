"""AWS IAM: users, groups, roles, customer and AWS managed policies, attachments, keys, MFA and
reports.

IAM is global: every table is read once per account (``region`` is ``global``). Calls per
account (U users, K access keys, H users whose MFA device is not virtual, M users missing from
a stale credential report; list calls are one a page), each answer shared by every table that
needs it:

* GetAccountAuthorizationDetails (Filter User, Role, Group, LocalManagedPolicy): 1. Users with
  their groups and policies, groups, roles with trust policies and last use, customer managed
  policies with their versions: ``users``, ``groups``, ``roles``, ``policies`` and
  ``policy_attachments`` come from it, with no per-principal list calls.
* ListRoles: 1, for MaxSessionDuration, which the authorization details do not carry.
  ListPolicies (Scope Local): 1, only if the details leave policy ids out (AWS sends them; the
  sandbox's moto does not).
* ListPolicies (Scope AWS, OnlyAttached): 1, and GetPolicyVersion once per run for each AWS
  managed policy attached anywhere (P over the run, not per account: AWS managed documents are
  the same in every account; ``sso.permission_sets`` shares them): ``aws_managed_policies``.
* GenerateCredentialReport and GetCredentialReport: 2 (GetCredentialReport is asked again,
  with a growing wait, while AWS answers ReportInProgress, for at most a minute). The report
  gives ``credential_report`` and the users' console password and MFA state.
* ListAccessKeys per user and GetAccessKeyLastUsed per key: U + K (``access_keys``).
* ListVirtualMFADevices (AssignmentStatus Any): 1; ListMFADevices per user whose report says MFA
  is active without a virtual device (hardware tokens, FIDO keys): H (``mfa_devices``).
* GetLoginProfile and ListMFADevices per user missing from the report: 2M, zero unless users
  were made since the report was generated (AWS reuses a report for four hours).
* GetAccountPasswordPolicy and GetAccountSummary: 1 each (NoSuchEntity for the password policy
  means "not configured": a row with ``configured`` False, not an error).
* ListServerCertificates: 1 a page (``server_certificates``).
* Once per run, Organizations ListAccounts from the caller's account (1 a page of 20), to tell
  the organization's accounts from external ones in role trust policies; the same answer gives
  the run its accounts when the scope is the organization (``toolkit.aws.organization``).

So an account costs 9 + U + K + H (+ 2M) calls for all twelve tables, and the run 1 + P more;
for the demo estate (7 accounts, 6 users, 4 access keys, no hardware MFA, 7 AWS managed
policies attached) that is 63 + 6 + 4 + 1 + 7 = 81 calls (83 against the sandbox, whose moto
needs ListPolicies Scope Local in two accounts). Fewer columns, fewer calls:
the users' report columns, the keys' last use and the roles' organization check are
hydrates, called only when one of their columns is asked for.
"""

from ..discover import export_tables

export_tables(__name__, globals())

# The root user's name in the credential report and in mfa_devices (checks compare with it).
from ._report import ROOT_USER as ROOT_USER  # noqa: E402
