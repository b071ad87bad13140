"""Secrets Manager checks: FSBP SecretsManager.1 (automatic rotation), .3 (unused secrets) and
.4 (rotated within a number of days), with AWS's default parameters.

Secrets are named by their name. Ages are measured from when the inventory was collected. A
secret never read (or never rotated) is judged from when it was created, as AWS Config's
secretsmanager-secret-unused and secretsmanager-secret-periodic-rotation do: a secret made
this week is neither unused nor overdue yet. AWS keeps the day of the last read only
(midnight UTC).
"""
