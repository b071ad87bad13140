"""Amazon Athena: workgroups, with their query-metrics publishing and result encryption.

Per account and region: ListWorkGroups, followed page by page (it has no paginator). Then per
workgroup, GetWorkGroup: 1 call a workgroup, none when only the list's columns are asked for.
Every account has a ``primary`` workgroup in every region. A workgroup deleted between the two
calls has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
