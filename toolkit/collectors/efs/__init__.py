"""Amazon EFS: file systems, with their encryption at rest and automatic backups, and access
points, with the root directory and POSIX user they enforce.

Per account and region: DescribeFileSystems, paged at 100 file systems a page (it answers each
file system's encryption, KMS key, modes, state and mount target count). Then per file system,
DescribeBackupPolicy: 1 call a file system, none when its column is not asked for. "No backup
policy" (PolicyNotFound) means automatic backups are off: false here, not an error. Access
points: DescribeAccessPoints, paged at 100, naming no file system (every access point of the
account in the region): 1 call a region.
"""

from ..discover import export_tables

export_tables(__name__, globals())
