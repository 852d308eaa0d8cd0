"""QtCore-only workers and controllers that connect infra to the UI."""
