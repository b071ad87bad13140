"""Athena checks: FSBP Athena.4 (workgroups have logging enabled).

Workgroups are named by their name (unique in an account and region).
"""
