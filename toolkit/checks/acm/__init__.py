"""ACM checks: AWS Foundational Security Best Practices ACM.1 (renewal before expiry) and ACM.2
(RSA key length).

Certificates are named by their id, the last part of their ARN (a domain may have several
certificates).
"""
