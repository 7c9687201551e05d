"""What every measurement shares: span overlap and percentages as printed."""

from __future__ import annotations


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    if a_start == a_end:  # an empty span counts where it touches
        return b_start <= a_start <= b_end
    return a_start < b_end and b_start < a_end


def percent(numerator, denominator) -> str:
    return "n/a" if not denominator else f"{100 * numerator / denominator:.1f}%"
