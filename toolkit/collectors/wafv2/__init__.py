"""AWS WAF (WAFv2): web ACLs, their rules, logging and what they protect.

Per account and region: ListWebACLs in the REGIONAL scope, and in us-east-1 also in the
CLOUDFRONT scope (AWS keeps CloudFront's web ACLs there), 100 a page. Then per web ACL, each
only when its columns are asked for: GetWebACL (rules, default action), GetLoggingConfiguration
("no logging configuration" means logging is off, not an error) and, for REGIONAL web ACLs,
ListResourcesForWebACL once per resource type it can protect (7 calls); a CloudFront web ACL's
distributions are in ``cloudfront.distributions.web_acl_id``.
"""

from ..discover import export_tables

export_tables(__name__, globals())
