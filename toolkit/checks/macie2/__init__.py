"""Amazon Macie checks: AWS Foundational Security Best Practices Macie.1 (Macie enabled)."""
