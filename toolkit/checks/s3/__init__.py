"""S3 checks: CIS AWS Foundations v3.0.0 section 2.1, and S3 best practices beyond it."""

from ._shared import PAB_FLAGS

__all__ = ["PAB_FLAGS"]
