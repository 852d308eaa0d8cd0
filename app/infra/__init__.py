"""Talks to the outside world (the engine process, files, the network); no widgets."""
