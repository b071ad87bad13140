"""AWS Private CA checks: AWS Foundational Security Best Practices PCA.1 (root CA disabled)."""
