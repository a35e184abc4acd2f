"""Freed query arrays go back to the operating system.

A search allocates arrays of up to a few megabytes a document set (masks, match sets, scores) and
frees them when it answers. glibc serves a block above its mmap threshold with a mapping of its
own, unmapped on free, but after such a free it raises the threshold to that block's size (up to
32 MB): the next query's arrays then come from the heap, whose freed pages stay with the process,
in one heap per thread. At a million paragraphs a four-thread worker kept about 75 MB of freed
arrays that way. A fixed threshold (setting it turns the adjustment off) and two heaps for all
threads keep a worker's memory at what it holds, not at what it once used.
"""
from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8  # glibc's mallopt() parameters (malloc.h)
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's own initial threshold, kept fixed
ARENAS = 2


def release_freed_arrays() -> bool:
    """Set the allocator as above; False where the C library is not glibc (nothing changed)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(mallopt(M_ARENA_MAX, ARENAS))
