"""Amazon MQ: ActiveMQ and RabbitMQ brokers, with their logging, network exposure, upgrades and
encryption key.

Per account and region: ListBrokers, paged. Then per broker, DescribeBroker: 1 call a broker,
none when only the list's columns are asked for. A broker deleted between the two calls has no
row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
