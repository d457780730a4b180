"""Machinery below the apps: the facts registry, the audit trail, access rules and the import kit."""
