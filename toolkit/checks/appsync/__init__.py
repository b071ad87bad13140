"""AppSync checks: FSBP AppSync.2 (field-level logging) and AppSync.5 (API key
authentication).

GraphQL APIs are named by their name.
"""
