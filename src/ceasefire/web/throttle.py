"""Slow down password guessing: after too many failed logins for one user name (or from one address)
within a window, further attempts are refused for the rest of the window without checking the password."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from ceasefire.errors import TooManyAttempts

WINDOW_S = 300.0
PER_NAME = 5
PER_ADDRESS = 20


class LoginThrottle:
    def __init__(
        self, window_s: float = WINDOW_S, per_name: int = PER_NAME, per_address: int = PER_ADDRESS
    ) -> None:
        self.window_s = window_s
        self.limits = {"name": per_name, "addr": per_address}
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _keys(self, name: str, address: str) -> list[tuple[str, str]]:
        return [("name", name.strip().lower()), ("addr", address)]

    def check(self, name: str, address: str) -> None:
        """Raise TooManyAttempts while either key is over its limit."""
        now = time.monotonic()
        with self._lock:
            for key in self._keys(name, address):
                recent = self._failures.get(key)
                if recent is None:
                    continue
                while recent and now - recent[0] > self.window_s:
                    recent.popleft()
                if len(recent) >= self.limits[key[0]]:
                    raise TooManyAttempts(
                        "too many failed logins",
                        hint=f"wait {int(self.window_s // 60)} minutes and try again",
                    )

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in self._keys(name, address):
                self._failures[key].append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(("name", name.strip().lower()), None)
