"""How a memory plan is shown: a verdict in words, the arithmetic as a picture and in numbers,
the context length to choose, and the changes that would make a model fit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.gguf_header import human_size

VERDICTS = {
    "gpu": "Runs fully on the GPU",
    "partial": "Runs with part on the GPU",
    "cpu": "Runs on the CPU",
    "no_fit": "Does not fit",
}
# The parts of a plan, in drawing order, with their colours.
PART_COLOURS = {
    "weights": "#4e79a7",
    "token_embd": "#76b7b2",
    "kv_cache": "#f28e2b",
    "compute": "#e15759",
    "overhead": "#9c755f",
}
PART_NAMES = {
    "weights": "weights",
    "token_embd": "token embedding (stays in RAM)",
    "kv_cache": "KV cache",
    "compute": "compute buffer",
    "overhead": "runtime overhead",
}


def verdict_words(plan: Any) -> str:
    """'Runs on the CPU · usable' — short enough for a list column."""
    if plan is None:
        return "Unknown"
    words = VERDICTS.get(plan.verdict, plan.verdict)
    if plan.verdict in ("cpu", "partial") and plan.speed:
        words += f" · {plan.speed}"
    return words


def _context_label(n: int) -> str:
    return f"{n // 1024}k tokens" if n % 1024 == 0 else f"{n:,} tokens"


class MemoryBar(QWidget):
    """One bar per memory pool: what the plan puts there, against what is available."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, dict[str, int], int | None]] = []
        self.setMinimumHeight(24)

    def set_rows(self, rows: list[tuple[str, dict[str, int], int | None]]) -> None:
        self.rows = rows
        self.setMinimumHeight(30 * max(1, len(rows)))
        self.update()

    def paintEvent(self, _event: Any) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        label_w = 50.0
        width = max(10.0, self.width() - label_w - 4)
        scale = max(max(sum(parts.values()), avail or 0) for _, parts, avail in self.rows) or 1
        for i, (name, parts, avail) in enumerate(self.rows):
            y = i * 30.0 + 4
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, y, label_w, 20), Qt.AlignmentFlag.AlignVCenter, name)
            x = label_w
            for key, colour in PART_COLOURS.items():
                w = width * parts.get(key, 0) / scale
                if w > 0:
                    painter.fillRect(QRectF(x, y, w, 20), QColor(colour))
                    x += w
            if avail:
                ax = label_w + width * avail / scale
                painter.setPen(QPen(self.palette().text().color(), 2, Qt.PenStyle.DashLine))
                painter.drawLine(int(ax), int(y - 2), int(ax), int(y + 22))
        painter.end()


class FitDetails(QWidget):
    """The expanded plan for one model at one context length."""

    context_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.context = QComboBox()
        self.context.setToolTip("How much conversation the model can hold; longer needs more memory")
        self.bar = MemoryBar()
        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.PlainText)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(QLabel("Context:"))
        top.addWidget(self.context)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.numbers)
        self.context.activated.connect(lambda i: self.context_changed.emit(int(self.context.itemData(i))))

    def show_plan(self, plan: Any, choices: list[int], n_ctx: int, what: str = "") -> None:
        self.context.blockSignals(True)
        self.context.clear()
        for n in choices:
            self.context.addItem(_context_label(n), n)
        index = self.context.findData(n_ctx)
        if index < 0:
            self.context.addItem(_context_label(n_ctx), n_ctx)
            index = self.context.count() - 1
        self.context.setCurrentIndex(index)
        self.context.blockSignals(False)
        self.context.setEnabled(bool(choices))
        if plan is None:
            self.headline.setText(what or "Hearth cannot plan memory for this model.")
            self.bar.set_rows([])
            self.numbers.setText("")
            return
        self.headline.setText(verdict_words(plan) + (f" — {what}" if what else ""))
        self.bar.set_rows(_rows(plan))
        self.numbers.setText(describe(plan))


def _rows(plan: Any) -> list[tuple[str, dict[str, int], int | None]]:
    """Split the plan's parts by where they live (``parts`` keys may end in _gpu / _cpu)."""
    ram: dict[str, int] = {}
    vram: dict[str, int] = {}
    for key, value in plan.parts.items():
        pool, base = (vram, key[:-4]) if key.endswith("_gpu") else (ram, key.removesuffix("_cpu"))
        pool[base] = pool.get(base, 0) + value
    rows = [("RAM", ram, plan.ram_available)]
    if vram or plan.vram_available:
        rows.append(("GPU", vram, plan.vram_available))
    return rows


def describe(plan: Any) -> str:
    lines = [plan.explanation, ""]
    for key, value in plan.parts.items():
        base = key.removesuffix("_gpu").removesuffix("_cpu")
        where = " (GPU)" if key.endswith("_gpu") else " (RAM)" if key.endswith("_cpu") else ""
        lines.append(f"  {PART_NAMES.get(base, base)}{where}: {human_size(value)}")
    avail = f"{human_size(plan.ram_available)} available" if plan.ram_available else "unknown"
    lines.append(f"  needs {human_size(plan.ram_needed)} of RAM ({avail})")
    if plan.vram_needed or plan.vram_available:
        vavail = f"{human_size(plan.vram_available)} free" if plan.vram_available else "unknown"
        lines.append(f"  needs {human_size(plan.vram_needed)} of GPU memory ({vavail})")
    if plan.speed_tps:
        low, high = plan.speed_tps
        lines.append(f"  expected speed: about {low:.0f}–{high:.0f} tokens/s")
    if plan.suggestions:
        lines.append("")
        lines.append("To make it fit or run faster:")
        lines.extend(f"  • {s}" for s in plan.suggestions)
    return "\n".join(lines)
