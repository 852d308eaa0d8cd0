"""Widgets, dialogs and Qt item models; no business rules."""
