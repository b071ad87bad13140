"""IAM Identity Center checks: who can administer which account, and how (no other open tool
checks these).

Every table here is read once, from the account that holds the Identity Center instance; its
rows carry that account and the instance's region. An account assignment's resource id is
``ACCOUNT_ID/PERMISSION_SET_NAME/PRINCIPAL_TYPE/PRINCIPAL_NAME`` (the principal's id when it no
longer exists), so a finding names the assignment the way the console shows it.
"""
