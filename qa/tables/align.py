"""Header cells aligned to the body's columns."""

from __future__ import annotations

__all__ = ["align_header"]


def align_header(table) -> None:
    return None
