"""Model files on disk: the library, installed models, imports, discovery, quantizing."""
