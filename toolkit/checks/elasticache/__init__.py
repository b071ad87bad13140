"""ElastiCache checks: FSBP ElastiCache.3, .4 and .5 on replication groups, and ElastiCache.1,
.2 and .7 on cache clusters, as AWS's control pages describe them (with FSBP's default
parameters).

Replication groups and cache clusters are named by their ids (unique in an account and
region). Those on their way out (deleting) are not judged.
"""
