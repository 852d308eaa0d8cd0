"""What the model's tools run on: the Python sandbox (and, later, MCP servers)."""
