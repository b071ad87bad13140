"""GuardDuty checks: AWS Foundational Security Best Practices GuardDuty.1 (GuardDuty enabled)
and GuardDuty.5-13 (protection plans, one result per detector: see ``_shared``).

One result per account and region. Organization-aware: a member account without a detector of
its own passes where the organization's delegated administrator for GuardDuty
(``organizations.delegated_administrators``, when collected) has an enabled detector in that
region; a detector the account has but suspended (DISABLED) fails whatever the delegate does.
"""
