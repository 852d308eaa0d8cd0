"""The person's documents: text extracted on this machine, and a full-text index of it."""
