"""How a memory plan is shown: a verdict in words, the arithmetic as a picture and in numbers,
the context length to choose, and the changes that would make a model fit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.fit import speed_label
from app.core.gguf_header import human_size

VERDICTS = {
    "gpu": QT_TRANSLATE_NOOP("FitView", "Runs fully on the GPU"),
    "partial": QT_TRANSLATE_NOOP("FitView", "Runs with part on the GPU"),
    "cpu": QT_TRANSLATE_NOOP("FitView", "Runs on the CPU"),
    "no_fit": QT_TRANSLATE_NOOP("FitView", "Does not fit"),
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
    "weights": QT_TRANSLATE_NOOP("FitView", "weights"),
    "token_embd": QT_TRANSLATE_NOOP("FitView", "token embedding (stays in RAM)"),
    "kv_cache": QT_TRANSLATE_NOOP("FitView", "KV cache"),
    "compute": QT_TRANSLATE_NOOP("FitView", "compute buffer"),
    "overhead": QT_TRANSLATE_NOOP("FitView", "runtime overhead"),
}


def verdict_words(plan: Any) -> str:
    """'Runs on the CPU · usable' — short enough for a list column."""
    if plan is None:
        return QCoreApplication.translate("FitView", "Unknown")
    words = QCoreApplication.translate("FitView", VERDICTS.get(plan.verdict, plan.verdict))
    if plan.verdict in ("cpu", "partial") and plan.speed:
        words += f" · {speed_label(plan.speed)}"
    return words


BADGE_ICONS = {"gpu": "circle-check", "partial": "circle-check", "cpu": "circle-alert", "no_fit": "circle-x"}


def verdict_colour(plan: Any) -> str | None:
    """The badge colour of a plan's verdict in the current palette; None in high contrast (the
    system's own colours) or for a verdict without one."""
    from app.ui.theme import current, high_contrast

    if plan is None or high_contrast():
        return None
    p = current()
    return {"gpu": p.badge_ok, "partial": p.badge_ok, "cpu": p.badge_warn, "no_fit": p.badge_bad}.get(plan.verdict)


def set_verdict_badge(item: Any, column: int, plan: Any) -> None:
    """A tree cell as a verdict badge: the words, in the verdict's colour, with its icon; the
    plan's explanation one hover away."""
    from PySide6.QtGui import QColor

    from app.ui.theme import icon

    reading = QCoreApplication.translate("FitView", "Reading the file…")
    item.setText(column, verdict_words(plan) if plan is not None else reading)
    if plan is None:
        return
    colour = verdict_colour(plan)
    if colour is not None:
        item.setForeground(column, QColor(colour))
        item.setIcon(column, icon(BADGE_ICONS[plan.verdict], colour, 14))
    item.setToolTip(column, plan.explanation)


def _context_label(n: int) -> str:
    if n % 1024 == 0:
        return QCoreApplication.translate("FitView", "{count}k tokens").format(count=n // 1024)
    return QCoreApplication.translate("FitView", "{count} tokens").format(count=f"{n:,}")


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
        self.context.setToolTip(self.tr("How much conversation the model can hold; longer needs more memory"))
        self.bar = MemoryBar()
        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.PlainText)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(QLabel(self.tr("Context:")))
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
            self.headline.setText(what or self.tr("Hearth cannot plan memory for this model."))
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
    rows = [(QCoreApplication.translate("FitView", "RAM"), ram, plan.ram_available)]
    if vram or plan.vram_available:
        rows.append((QCoreApplication.translate("FitView", "GPU"), vram, plan.vram_available))
    return rows


def describe(plan: Any) -> str:
    translate = QCoreApplication.translate
    lines = [plan.explanation, ""]
    for key, value in plan.parts.items():
        base = key.removesuffix("_gpu").removesuffix("_cpu")
        name = translate("FitView", PART_NAMES.get(base, base))
        if key.endswith("_gpu"):
            name = translate("FitView", "{part} (GPU)").format(part=name)
        elif key.endswith("_cpu"):
            name = translate("FitView", "{part} (RAM)").format(part=name)
        line = translate("FitView", "{part}: {size}").format(part=name, size=human_size(value))
        lines.append(f"  {line}")
    unknown = translate("FitView", "unknown")
    avail = unknown
    if plan.ram_available:
        avail = translate("FitView", "{size} available").format(size=human_size(plan.ram_available))
    line = translate("FitView", "needs {size} of RAM ({available})")
    lines.append("  " + line.format(size=human_size(plan.ram_needed), available=avail))
    if plan.vram_needed or plan.vram_available:
        vavail = unknown
        if plan.vram_available:
            vavail = translate("FitView", "{size} free").format(size=human_size(plan.vram_available))
        line = translate("FitView", "needs {size} of GPU memory ({free})")
        lines.append("  " + line.format(size=human_size(plan.vram_needed), free=vavail))
    if plan.speed_tps:
        low, high = plan.speed_tps
        line = translate("FitView", "expected speed: about {low}–{high} tokens/s")
        lines.append("  " + line.format(low=f"{low:.0f}", high=f"{high:.0f}"))
    if plan.suggestions:
        lines.append("")
        lines.append(translate("FitView", "To make it fit or run faster:"))
        lines.extend(f"  • {s}" for s in plan.suggestions)
    return "\n".join(lines)
