"""AWS Systems Manager: the instances it manages, and the documents the account owns with whom
they are shared.

Per account and region: one paged DescribeInstanceInformation (50 a page); ListDocuments with
the filter Owner=Self (50 a page, AWS's maximum; Amazon's own documents are not listed), and
per document, only when a sharing column is asked for, one DescribeDocumentPermission
(PermissionType Share).
"""

from ..discover import export_tables

export_tables(__name__, globals())
