"""KMS checks: CIS AWS Foundations v3.0.0 3.6 (key rotation), and key hygiene beyond it.

Keys are named by their key id. Only customer managed keys are judged: AWS manages (and rotates)
its own keys. A key with an ``alias/aws/...`` alias counts as AWS managed whatever its
KeyManager says, since AWS reserves that prefix for the keys it makes for its services.
"""
