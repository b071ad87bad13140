"""What the Auto Scaling checks share: the resource type and groups' names in findings."""

from __future__ import annotations

GROUP = "AWS::AutoScaling::AutoScalingGroup"
LAUNCH_CONFIGURATION = "AWS::AutoScaling::LaunchConfiguration"
