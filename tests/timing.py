"""Timing for the tests of cost growth (a stage linear in its input), shared by the stage tests."""

import gc
import time


def fastest(function, repeat: int = 3) -> float:
    """The best of ``repeat`` runs in CPU time (other processes' load does not count) after one untimed run
    that fills the caches (titles, provinces). The cyclic garbage collector is paused while timing: its
    pauses depend on everything else the test process holds, and the test is about the algorithm's growth.
    """
    function()
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            started = time.process_time()
            function()
            times.append(time.process_time() - started)
    finally:
        gc.enable()
    return min(times)
