"""ElastiCache checks: FSBP ElastiCache.3, .4 and .5 on replication groups, as AWS's control
pages describe them (none has parameters).

Replication groups are named by their id (unique in an account and region). Groups on their
way out (deleting) are not judged.
"""
