"""EFS checks: CIS AWS Foundations v3.0.0 2.4.1 (encryption at rest), which is also FSBP EFS.1.

File systems are named by their id. Encryption at rest is chosen when a file system is made and
cannot be turned on later: the fix is a new, encrypted file system.
"""
