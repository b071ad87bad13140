"""AWS Transfer Family: servers and connectors.

Per account and region: ListServers and ListConnectors, paged. Then per server, DescribeServer
(its protocols and logging role), and per connector, DescribeConnector (its logging role): 1
call a resource, none when only the list's columns are asked for. A resource deleted between
the two calls has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
