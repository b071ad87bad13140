"""AWS CloudTrail: trails with their logging status, and their event selectors.

Per account and region: one DescribeTrails (not paged) with includeShadowTrails=False, shared by
both tables, so a multi-region trail is listed once, in its home region, and an organization
trail once, in the management account (AWS lists the other copies only as shadow trails; the
table also keeps only trails whose home region and account are the ones being read). Then per
trail, run concurrently: GetTrailStatus for ``cloudtrail.trails`` (only when its status columns
are asked for) and GetEventSelectors for ``cloudtrail.event_selectors``, so 1 call a trail for
each table. A region without a home trail costs the one DescribeTrails.
"""

from ..discover import export_tables

export_tables(__name__, globals())
