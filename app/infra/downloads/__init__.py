"""Hugging Face: metadata, the resumable transfer loop, download errors."""
