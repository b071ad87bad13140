"""CloudFront checks: AWS Foundational Security Best Practices CloudFront.1, .3 to .10 and .13,
on ``cloudfront.distributions``.

Distributions are named by their id (CloudFront is global: region ``global``); the detail names
the first alternate domain name, or the CloudFront domain when it has none.
"""
