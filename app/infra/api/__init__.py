"""Hearth's own OpenAI-compatible API (Settings → Local API)."""
