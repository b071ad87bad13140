"""Organizations checks: how the organization is structured and guarded (no other open tool
checks these)."""
