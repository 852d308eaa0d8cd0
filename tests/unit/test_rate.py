"""Download speed and time left as the list shows them."""

from __future__ import annotations

from app.core.rate import RateMeter, format_eta, format_rate


def test_rate_follows_a_steady_transfer_and_smooths_a_burst() -> None:
    m = RateMeter(half_life=2.0)
    for t in range(11):
        m.sample(float(t), t * 1_000_000)
    assert m.rate is not None and abs(m.rate - 1_000_000) < 1
    m.sample(11.0, 11_000_000 + 5_000_000)  # a burst of 6 MB in one second
    assert m.rate is not None and 1_000_000 < m.rate < 6_000_000


def test_a_stall_decays_towards_zero_and_says_stalled() -> None:
    m = RateMeter(half_life=1.0)
    m.sample(0.0, 0)
    m.sample(1.0, 1_000_000)
    for t in range(2, 40):
        m.sample(float(t), 1_000_000)
    assert m.rate is not None and m.rate < 1.0
    assert format_eta(10, m.rate) == "stalled"


def test_restart_from_zero_resets_the_meter() -> None:
    m = RateMeter()
    m.sample(0.0, 0)
    m.sample(1.0, 5_000_000)
    assert m.sample(2.0, 0) is None


def test_eta_and_rate_wording() -> None:
    assert format_rate(None) == ""
    assert format_rate(12_500_000) == "12.5 MB/s"
    assert format_eta(0, 5.0) == ""
    assert format_eta(100, None) == ""
    assert format_eta(30_000_000, 1_000_000) == "30 s left"
    assert format_eta(600_000_000, 1_000_000) == "about 10 min left"
    assert format_eta(12_000_000_000, 1_000_000) == "about 3 h 20 min left"
