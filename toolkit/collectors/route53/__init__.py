"""Amazon Route 53: hosted zones, public and private, with their DNS query logging.

Route 53 is global: per account one ListHostedZones (100 zones a page) and, only when a query
logging column is asked for, one ListQueryLoggingConfigs for the whole account (100 a page),
not one per zone: each configuration names its zone.
"""

from ..discover import export_tables

export_tables(__name__, globals())
