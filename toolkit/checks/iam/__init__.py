"""IAM checks: CIS AWS Foundations v3.0.0 section 1 (every control the collected tables can
decide), the FSBP IAM controls, and IAM risks beyond them.

Resource ids: the user's name for users, the role's name for roles, the policy's ARN for customer
managed policies, the account id for account-level settings (root user, password policy, support
role). Checks that compare dates with "now" use the collection's start (``inv.meta['started']``),
so a snapshot judged later gives the same findings; access key ages come from ``age_days``, which
the collector already counts from the collection.

Not decided here, for want of data: 1.1-1.3 (contact details, security questions), 1.18
(instance roles: an EC2 question) and 1.21 (central identity management: a manual review);
1.20 (Access Analyzer in every region) is decided by the ``accessanalyzer`` checks.
"""

from ._shared import MIN_PASSWORD_LENGTH, PASSWORD_REUSE_PREVENTION

__all__ = ["MIN_PASSWORD_LENGTH", "PASSWORD_REUSE_PREVENTION"]
