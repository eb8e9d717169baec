"""The keeper's loop: one cycle with --once, a cycle per poll interval, a clean stop on SIGTERM."""

import os
import signal
import threading
import time
from types import SimpleNamespace

from kpi_options.keeper.bot import Keeper, KeeperConfig


def idle_keeper(poll_interval=0.05):
    """A keeper watching no pairs (a deployments record without any)."""
    env = SimpleNamespace(deployments=SimpleNamespace(pairs={}))
    lines = []
    keeper = Keeper(
        env,
        SimpleNamespace(address="0x" + "00" * 20),
        KeeperConfig(poll_interval=poll_interval),
        log=lines.append,
    )
    cycles = []
    original = keeper.cycle
    keeper.cycle = lambda: cycles.append(time.monotonic()) or original()
    return keeper, cycles, lines


def test_run__once__one_cycle_then_returns():
    keeper, cycles, lines = idle_keeper()
    keeper.run(once=True)
    assert len(cycles) == 1 and "keeper stopped" not in lines


def test_run__stop_event__cycles_until_set():
    keeper, cycles, lines = idle_keeper()
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    keeper.run(stop)
    assert len(cycles) >= 3 and lines[-1] == "keeper stopped"


def test_run__sigterm__stops_cleanly_and_restores_handler():
    keeper, cycles, lines = idle_keeper()
    before = signal.getsignal(signal.SIGTERM)
    threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
    keeper.run()
    assert cycles and lines[-1] == "keeper stopped"
    assert signal.getsignal(signal.SIGTERM) == before
