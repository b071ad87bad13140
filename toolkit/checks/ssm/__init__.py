"""Systems Manager checks: FSBP SSM.4 (documents the account owns are not public).

Documents are named by their name (unique in an account and region). A document is public when
it is shared with the account id ``all``.
"""
