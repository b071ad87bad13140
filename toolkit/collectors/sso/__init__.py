"""IAM Identity Center: the instance, permission sets, users, groups, memberships, assignments.

Identity Center lives in one region of the management (or delegated administrator) account, so
every table here is read once, from the caller's account. The instance is found once per run and
shared by every table: one sso-admin ListInstances per region of the run, concurrently; the region(s)
that answer with an instance are where the rest is read, and each row's ``region`` is the
instance's. A region that fails is ignored when another answers with an instance; if none does,
the first failure is the table's error.

Calls per instance, each shared by all tables that need it (R regions, P permission sets,
U users, G groups, A accounts of the organization; list calls are one a page):

* permission sets: ListPermissionSets, then per set DescribePermissionSet,
  ListManagedPoliciesInPermissionSet, ListCustomerManagedPolicyReferencesInPermissionSet and
  GetInlinePolicyForPermissionSet: 1 + 4P.
* users and groups: identitystore ListUsers and ListGroups (1 each, 100 a page), then
  ListGroupMemberships per group: 2 + G.
* assignments: ListAccountsForProvisionedPermissionSet per set (1 a page of 100), then
  ListAccountAssignments per (account, permission set) pair where the set is provisioned:
  P + S for S such pairs, instead of one per account of the organization and set (A x P: 1,000
  accounts and 50 sets, 50,000 calls at 8 in flight). Creating an assignment provisions its set
  in the target account, so no assignment is missed. It is listed per target, not per
  principal, because ListAccountAssignmentsForPrincipal (U + G calls) only finds principals
  that still exist: an assignment whose user or group was deleted (its set stays provisioned)
  is exactly what must show up here (``principal_exists`` False). moto answers
  ListAccountsForProvisionedPermissionSet only for its own account; the sandbox answers it as
  AWS does (``toolkit.sandbox.sso_answers``).

For the demo estate (2 regions, 4 sets, 5 users, 3 groups, 11 provisioned pairs) that is
2 + 17 + 5 + 4 + 11 = 39 calls for all six tables (53 when every account was asked for every
set). Fewer columns, fewer calls: a permission set's policies, a group's member count and the
principals' names are hydrates, called only when one of their columns is asked for.
"""

from ..discover import export_tables

export_tables(__name__, globals())

# Whether a permission set's policies grant administrator access (checks judge with it).
from ._shared import grants_admin as grants_admin  # noqa: E402
