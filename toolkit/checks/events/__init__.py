"""EventBridge checks: FSBP EventBridge.3 (custom event buses have a resource-based policy).

Buses are named by their name (unique in an account and region).
"""
