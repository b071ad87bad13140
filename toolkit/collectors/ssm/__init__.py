"""AWS Systems Manager: the documents the account owns, and who they are shared with.

Per account and region: ListDocuments with the filter Owner=Self (50 a page, AWS's maximum;
Amazon's own documents are not listed), and per document, only when a sharing column is asked
for, one DescribeDocumentPermission (PermissionType Share).
"""

from ..discover import export_tables

export_tables(__name__, globals())
