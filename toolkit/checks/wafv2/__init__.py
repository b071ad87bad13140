"""AWS WAF (WAFv2) checks: AWS Foundational Security Best Practices WAF.10 on
``wafv2.web_acls``.

Web ACLs are named by their name (unique in a scope and region); the detail says the scope.
"""
