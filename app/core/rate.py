"""Transfer speed and time left, as a download list shows them.

Speed is an exponentially weighted average of samples taken on the redraw timer, so a burst or
a brief stall does not make the time left jump around; a stall longer than a few samples does
show (the speed decays towards zero and the time left says "stalled").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.core.gguf_header import human_size
from app.core.text import translate


@dataclass
class RateMeter:
    half_life: float = 3.0  # seconds for an old sample to count half as much
    rate: float | None = None  # bytes per second
    _last: tuple[float, int] | None = field(default=None, repr=False)

    def sample(self, now: float, done: int) -> float | None:
        """Record that ``done`` bytes were reached at ``now`` (monotonic seconds)."""
        if self._last is None:
            self._last = (now, done)
            return self.rate
        then, before = self._last
        dt = now - then
        if dt <= 0:
            return self.rate
        if done < before:  # restarted from a lower offset (Range ignored): start over
            self._last, self.rate = (now, done), None
            return None
        instant = (done - before) / dt
        weight = 1.0 - math.pow(0.5, dt / self.half_life)
        self.rate = instant if self.rate is None else self.rate + weight * (instant - self.rate)
        self._last = (now, done)
        return self.rate

    def reset(self) -> None:
        self.rate, self._last = None, None


def format_rate(rate: float | None) -> str:
    if rate is None:
        return ""
    return f"{human_size(int(rate))}/s"


def format_eta(remaining: int, rate: float | None) -> str:
    """'about 3 min left'; '' before there is a speed; 'stalled' when nothing moves."""
    if remaining <= 0:
        return ""
    if rate is None:
        return ""
    if rate < 1.0:
        return translate("Rate", "stalled")
    seconds = remaining / rate
    if seconds < 60:
        return translate("Rate", "{seconds} s left").format(seconds=max(1, round(seconds)))
    if seconds < 3600:
        return translate("Rate", "about {minutes} min left").format(minutes=round(seconds / 60))
    if seconds < 48 * 3600:
        hours, minutes = divmod(round(seconds / 60), 60)
        return translate("Rate", "about {hours} h {minutes} min left").format(hours=hours, minutes=f"{minutes:02d}")
    return translate("Rate", "about {days} days left").format(days=round(seconds / 86400))
