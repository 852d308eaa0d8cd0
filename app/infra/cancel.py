"""One meaning of "the person stopped it", for every job that can be stopped.

Hashing, copying and moving model files, quantizing and downloading each raise their own
subclass (which says what was left on disk); code that only needs to know "stopped, not
failed" catches :class:`Cancelled`.
"""

from __future__ import annotations


class Cancelled(Exception):
    """The person stopped the operation: not a failure, nothing to report."""
