"""Amazon EventBridge: event buses, the default one and custom ones, with their resource-based
policies.

Per account and region: ListEventBuses, followed page by page (it has no paginator). It
answers each bus's policy too, so no per-bus call (DescribeEventBus) is needed: 1 call a region
for up to 100 buses.
"""

from ..discover import export_tables

export_tables(__name__, globals())
