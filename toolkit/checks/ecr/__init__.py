"""ECR checks: FSBP ECR.1 (image scanning), ECR.2 (tag immutability) and ECR.3 (a lifecycle
policy), none with parameters; and a repository policy open to anyone (no FSBP control).

Repositories are named by their name (unique in an account and region).
"""
