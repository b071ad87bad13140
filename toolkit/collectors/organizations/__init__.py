"""AWS Organizations: roots, OUs, accounts with their OU path, policies and their targets.

Read once per run from the caller's (management or delegated administrator) account. The tree
is walked once (ListRoots, then ListOrganizationalUnitsForParent and ListAccountsForParent per
parent) and shared by every table here: calls grow with the number of OUs, not of accounts.
``account_id`` on every row is the account the organization was read from. Service control
policies are listed once (ListPolicies), then DescribePolicy per policy for its ``content`` and
ListTargetsForPolicy per policy for ``policy_targets``; DescribeOrganization, once, tells
``is_management``. The document and the management flag are hydrates, called only when their
column is asked for. Delegated administrators: ListDelegatedAdministrators once, then
ListDelegatedServicesForAccount per delegate.
"""

from ..discover import export_tables

export_tables(__name__, globals())
