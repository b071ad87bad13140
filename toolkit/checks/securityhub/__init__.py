"""Security Hub checks: CIS AWS Foundations v3.0.0 4.16 (Security Hub enabled).

One result per account and region. Organization-aware: a member account without its own hub
passes where the organization's delegated administrator for Security Hub
(``organizations.delegated_administrators``, when collected) has it enabled in that region,
since a delegated administrator runs Security Hub for the members centrally.
"""
