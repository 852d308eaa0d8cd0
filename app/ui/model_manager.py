"""The model manager window: get models, follow downloads, manage installed models, reuse
copies other apps downloaded, clean up leftovers. Widgets only; the rules live in services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.catalog import CatalogError, Variant
from app.core.gguf_header import human_size
from app.services.models import ModelService
from app.ui.download_list import DownloadList, JobRow, plain_label
from app.ui.fit_view import FitDetails, set_verdict_badge
from app.ui.hardware_panel import HardwarePanel
from app.ui.manager_tabs import CleanupTab, FoundTab
from app.ui.model_cards import ModelCards, catalog_text
from app.ui.theme import fit_columns

ROLE = Qt.ItemDataRole.UserRole
STATE_WORDS = {
    "verified": QT_TRANSLATE_NOOP("ModelManager", "Verified"),
    "unverified": QT_TRANSLATE_NOOP("ModelManager", "Not checked yet"),
    "failed": QT_TRANSLATE_NOOP("ModelManager", "Checksum mismatch"),
    "missing": QT_TRANSLATE_NOOP("ModelManager", "File missing"),
}


def _size(n: int | None, exact: bool = True) -> str:
    if n is None:
        return "?"
    return human_size(n) if exact else f"≈ {human_size(n)}"


class ModelManager(QDialog):
    use_model = Signal(str)  # the path llama.cpp should load
    offline_toggled = Signal(bool)
    folder_changed = Signal(str)

    def __init__(
        self,
        service: ModelService,
        offline: bool,
        models_dir: Path,
        parent: QWidget | None = None,
        fit: Any = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.fit = fit  # FitService: verdicts and plans (None: none shown)
        self.models_dir = models_dir
        self.offline = offline
        self.setWindowTitle(self.tr("Models"))
        self.resize(900, 620)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_catalog(), self.tr("Get models"))
        self.downloads = DownloadList(service.downloads)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.downloads)
        self.tabs.addTab(scroll, self.tr("Downloads"))
        self.tabs.addTab(self._build_installed(), self.tr("Installed"))
        self.found = FoundTab(service)
        self.tabs.addTab(self.found, self.tr("Found on this computer"))
        self.cleanup = CleanupTab(service)
        self.tabs.addTab(self.cleanup, self.tr("Clean up"))
        self.hardware = HardwarePanel()
        self.tabs.addTab(self.hardware, self.tr("This computer"))

        self.offline_box = QCheckBox(self.tr("Offline mode: Hearth opens no network connections"))
        self.offline_box.setChecked(offline)
        self.notice = plain_label(wrap=True)
        self.activity = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline_box)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self.activity)
        layout.addWidget(self.notice)
        self._timer = QTimer(self)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self._tick)

        self.offline_box.toggled.connect(self._offline_toggled)
        self.downloads.use_requested.connect(self._use_download)
        service.catalog_changed.connect(self._fill_catalog)
        service.library_changed.connect(self._library_changed)
        service.downloads.changed.connect(self._download_changed)
        service.job_started.connect(self._job_started)
        service.notice.connect(self.notice.setText)
        if fit is not None:
            self.hardware.show_report(fit.report)
            fit.hardware_changed.connect(self.hardware.show_report)
            fit.plans_changed.connect(self._plans_changed)
            self.hardware.refresh_requested.connect(fit.refresh_hardware)
            self.catalog_fit.context_changed.connect(self._catalog_context)
            self.installed_fit.context_changed.connect(self._installed_context)
        self._fill_catalog()
        self._fill_installed()
        self._offline_toggled(offline, announce=False)

    # -- get models --------------------------------------------------------------------------
    def _build_catalog(self) -> QWidget:
        self.catalog_tree = QTreeWidget()
        self.catalog_tree.setAccessibleName(self.tr("Models to download"))
        self.catalog_tree.setHeaderLabels(
            [self.tr("Model"), self.tr("Size"), self.tr("Files"), self.tr("Runs here?"), self.tr("Status")]
        )
        fit_columns(self.catalog_tree)
        self.variant_info = plain_label(wrap=True)
        self.catalog_fit = FitDetails()
        self.download_button = QPushButton(self.tr("Download"))
        self.use_variant_button = QPushButton(self.tr("Use"))
        self.refresh_button = QPushButton(self.tr("Refresh sizes and checksums from Hugging Face"))
        self.repo_edit = QLineEdit()
        self.repo_edit.setAccessibleName(self.tr("Repository"))
        self.repo_edit.setPlaceholderText(self.tr("owner/repository, e.g. ggml-org/gpt-oss-20b-GGUF"))
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName(self.tr("GGUF file"))
        self.file_edit.setPlaceholderText(self.tr("file.gguf (for a split model, its first part)"))
        self.add_button = QPushButton(self.tr("Add and download"))
        add = QFormLayout()
        add.addRow(self.tr("Repository"), self.repo_edit)
        add.addRow(self.tr("GGUF file"), self.file_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.use_variant_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        self.cards = ModelCards()
        self.cards.download.connect(self._download_variant)
        self.cards.use.connect(self._use_variant)
        self.cards.details.connect(self._select_variant)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.cards)
        layout.addWidget(plain_label(self.tr("Every layout of each model:")))
        layout.addWidget(self.catalog_tree, 1)
        layout.addWidget(self.variant_info)
        layout.addWidget(self.catalog_fit)
        layout.addLayout(buttons)
        layout.addWidget(plain_label(self.tr("Add any model from Hugging Face by name:"), wrap=True))
        layout.addLayout(add)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        self.catalog_tree.currentItemChanged.connect(lambda *_: self._variant_selected())
        self.download_button.clicked.connect(self._download_selected)
        self.use_variant_button.clicked.connect(self._use_selected_variant)
        self.refresh_button.clicked.connect(self.service.refresh_catalog)
        self.add_button.clicked.connect(self._add_custom)
        return page

    def _fill_catalog(self) -> None:
        current = self._selected_variant()
        self.catalog_tree.clear()
        catalog = self.service.catalog
        families = [(m.id, m.name, m.summary) for m in catalog.models]
        if any(v.custom for v in catalog.variants):
            families.append(
                ("custom", self.tr("Added by you"), self.tr("Models you added from Hugging Face by name."))
            )
        for family_id, name, summary in families:
            top = QTreeWidgetItem([name])
            top.setToolTip(0, catalog_text(summary))
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.catalog_tree.addTopLevelItem(top)
            for v in catalog.for_model(family_id):
                label = v.label + ("  " + self.tr("★ recommended") if v.recommended else "")
                files = str(v.file_count) if v.file_count else self.tr("from Hub")
                row = QTreeWidgetItem([label, _size(v.size, v.size_is_exact), files, "", self._status(v)])
                if self.fit is not None:
                    set_verdict_badge(row, 3, self.fit.plan_variant(v))
                row.setData(0, ROLE, v.id)
                top.addChild(row)
                if current is not None and v.id == current.id:
                    self.catalog_tree.setCurrentItem(row)
            top.setExpanded(True)
        for m in catalog.models:
            v = catalog.recommended(m.id)
            plan = self.fit.plan_variant(v) if self.fit is not None and v is not None else None
            installed = v is not None and self.service.installed_for(v) is not None
            busy = self._status(v) if v is not None and not installed else ""
            self.cards.card(m.id, m.name, m.summary).show_variant(v, plan, installed, busy, self.offline)
        self._variant_selected()

    def _download_variant(self, v: Variant) -> None:
        self.service.download(v)
        self._fill_catalog()
        self.tabs.setCurrentIndex(1)

    def _use_variant(self, v: Variant) -> None:
        model = self.service.installed_for(v)
        if model is not None:
            self._use(model)

    def _select_variant(self, v: Variant) -> None:
        for i in range(self.catalog_tree.topLevelItemCount()):
            top = self.catalog_tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, ROLE) == v.id:
                    self.catalog_tree.setCurrentItem(top.child(j))
                    self.catalog_tree.scrollToItem(top.child(j))
                    self.catalog_tree.setFocus()

    def _status(self, v: Variant) -> str:
        if self.service.installed_for(v) is not None:
            return self.tr("Installed")
        for item in self.service.downloads.items.values():
            if item.variant.id == v.id and item.state != "cancelled":
                return {
                    "done": self.tr("Installed"),
                    "failed": self.tr("Failed"),
                    "paused": self.tr("Paused"),
                }.get(item.state, self.tr("Downloading"))
        return ""

    def _selected_variant(self) -> Variant | None:
        item = self.catalog_tree.currentItem() if hasattr(self, "catalog_tree") else None
        variant_id = item.data(0, ROLE) if item is not None else None
        return self.service.catalog.variant(variant_id) if variant_id else None

    def _variant_selected(self) -> None:
        v = self._selected_variant()
        installed = self.service.installed_for(v) if v else None
        self.download_button.setEnabled(v is not None and installed is None and not self.offline)
        self.use_variant_button.setEnabled(installed is not None)
        self.catalog_fit.setVisible(v is not None and self.fit is not None)
        if v is None:
            self.variant_info.setText(self.tr("Choose a variant to see its layout and size."))
            return
        if self.fit is not None:
            from app.core.fit import ModelShape, context_choices

            shape = ModelShape.for_catalog(v.model, v.size)
            choices = context_choices(shape) if shape is not None else []
            what = (
                ""
                if shape is not None
                else self.tr("Hearth knows the memory needs of gpt-oss-20b and -120b only.")
            )
            self.catalog_fit.show_plan(self.fit.plan_variant(v), choices, self.fit.context_for(v.id), what)
        note = "" if v.verifiable else " " + self.tr("Its checksum is read from the Hub before downloading.")
        purpose = (
            " " + self.tr("Meant as a source for quantizing, not for chatting.")
            if v.purpose == "quantize"
            else ""
        )
        self.variant_info.setText(f"{v.repo} — {catalog_text(v.layout)}{purpose}{note}")

    def _download_selected(self) -> None:
        v = self._selected_variant()
        if v is not None:
            self.service.download(v)
            self._fill_catalog()
            self.tabs.setCurrentIndex(1)

    def _use_selected_variant(self) -> None:
        v = self._selected_variant()
        model = self.service.installed_for(v) if v else None
        if model is not None:
            self._use(model)

    def _add_custom(self) -> None:
        try:
            variant = self.service.add_custom(self.repo_edit.text(), self.file_edit.text())
        except (CatalogError, OSError) as exc:
            self.notice.setText(str(exc))
            return
        self.repo_edit.clear()
        self.file_edit.clear()
        self.service.download(variant)
        self.tabs.setCurrentIndex(1)

    def _download_changed(self, _item_id: str) -> None:
        for i in range(self.catalog_tree.topLevelItemCount()):
            top = self.catalog_tree.topLevelItem(i)
            for j in range(top.childCount()):
                row = top.child(j)
                v = self.service.catalog.variant(row.data(0, ROLE))
                if v is not None:
                    row.setText(4, self._status(v))

    def _use_download(self, item_id: str) -> None:
        item = self.service.downloads.items.get(item_id)
        model = self.service.library.get(item.model_id) if item and item.model_id else None
        if model is not None:
            self._use(model)

    # -- installed -------------------------------------------------------------------------
    def _build_installed(self) -> QWidget:
        self.installed_tree = QTreeWidget()
        self.installed_tree.setAccessibleName(self.tr("Installed models"))
        self.installed_tree.setHeaderLabels(
            [self.tr("Model"), self.tr("Size"), self.tr("State"), self.tr("Runs here?"), self.tr("Location")]
        )
        fit_columns(self.installed_tree)
        self.use_button = QPushButton(self.tr("Use"))
        self.verify_button = QPushButton(self.tr("Re-verify"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.show_button = QPushButton(self.tr("Show in folder"))
        self.import_button = QPushButton(self.tr("Import a GGUF file…"))
        self.quantize_button = QPushButton(self.tr("Quantize…"))
        self.folder_label = plain_label(wrap=True)
        self.installed_fit = FitDetails()
        self.move_button = QPushButton(self.tr("Change…"))
        buttons = QHBoxLayout()
        for b in (self.use_button, self.verify_button, self.delete_button, self.show_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.quantize_button)
        folder = QHBoxLayout()
        folder.addWidget(self.folder_label, 1)
        folder.addWidget(self.move_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.installed_tree, 1)
        layout.addWidget(self.installed_fit)
        layout.addLayout(buttons)
        layout.addLayout(folder)
        self.installed_tree.currentItemChanged.connect(lambda *_: self._installed_selected())
        self.use_button.clicked.connect(lambda: self._with_model(self._use))
        self.verify_button.clicked.connect(lambda: self._with_model(lambda m: self.service.verify(m.id)))
        self.delete_button.clicked.connect(lambda: self._with_model(self._confirm_delete))
        self.show_button.clicked.connect(lambda: self._with_model(self._show_in_folder))
        self.import_button.clicked.connect(self._import)
        self.quantize_button.clicked.connect(lambda: self._with_model(self._quantize))
        self.move_button.clicked.connect(self._move)
        return page

    def _fill_installed(self) -> None:
        self.installed_tree.clear()
        for m in self.service.installed():
            where = str(Path(m.files[0]).parent) if m.files else ""
            files = " " + self.tr("({count} files)").format(count=len(m.files)) if len(m.files) > 1 else ""
            state = QCoreApplication.translate("ModelManager", STATE_WORDS.get(m.state, m.state))
            row = QTreeWidgetItem([m.name + files, human_size(m.size), state, "", where])
            if self.fit is not None and m.files:
                self.fit.read_shape(m.files[0])  # once per file (cached); its plan then redraws this list
                set_verdict_badge(row, 3, self.fit.plan_file(m.files[0]))
            row.setData(0, ROLE, m.id)
            row.setToolTip(4, "\n".join(m.files))
            self.installed_tree.addTopLevelItem(row)
        self.folder_label.setText(self.tr("Models folder: {folder}").format(folder=self.models_dir))
        self._installed_selected()

    def _installed_selected(self) -> None:
        m = self._selected_model()
        for b in (
            self.use_button,
            self.verify_button,
            self.delete_button,
            self.show_button,
            self.quantize_button,
        ):
            b.setEnabled(m is not None)
        if m is not None:
            self.use_button.setEnabled(m.state not in ("failed", "missing"))
        self.installed_fit.setVisible(m is not None and self.fit is not None and bool(m.files))
        if m is not None and self.fit is not None and m.files:
            from app.core.fit import context_choices

            shape = self.fit.shape_for(m.files[0])
            choices = context_choices(shape) if shape is not None else []
            what = "" if shape is not None else self.tr("Reading the model's header…")
            self.installed_fit.show_plan(
                self.fit.plan_file(m.files[0]), choices, self.fit.context_for(m.files[0]), what
            )

    def _selected_model(self) -> Any:
        item = self.installed_tree.currentItem()
        return self.service.library.get(item.data(0, ROLE)) if item is not None else None

    def _with_model(self, fn: Any) -> None:
        m = self._selected_model()
        if m is not None:
            fn(m)

    def _use(self, model: Any) -> None:
        if model.state == "failed":
            self.notice.setText(
                self.tr("{model} does not match its checksum; delete it and download it again.").format(
                    model=model.name
                )
            )
            return
        self.use_model.emit(model.files[0])

    def _confirm_delete(self, model: Any) -> None:
        if model.managed:
            text = self.tr("Delete {model}? This frees about {size} on disk.").format(
                model=model.name, size=human_size(model.size)
            )
        else:
            text = self.tr("Forget {model}? Its file belongs to another app and stays where it is.").format(
                model=model.name
            )
        answer = QMessageBox.question(self, self.tr("Delete model"), text)
        if answer == QMessageBox.StandardButton.Yes:
            self.service.delete(model.id)

    def _show_in_folder(self, model: Any) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(model.files[0]).parent)))

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a gpt-oss model"), str(Path.home()), self.tr("GGUF models (*.gguf)")
        )
        if not path:
            return
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Import model"))
        box.setText(self.tr("Use the file where it is, or make Hearth's own copy?"))
        box.setInformativeText(self.tr("Using it in place takes no extra space (a hard link when the file is on the same disk). A copy takes the file's full size again."))  # fmt: skip
        in_place = box.addButton(self.tr("Use in place"), QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton(self.tr("Copy"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is in_place:
            self.service.import_file(Path(path), "link")
        elif box.clickedButton() is copy:
            self.service.import_file(Path(path), "copy")

    def _quantize(self, model: Any) -> None:
        from app.ui.quantize_dialog import QuantizeDialog

        QuantizeDialog(self.service, model, self).exec()

    def _move(self) -> None:
        new = QFileDialog.getExistingDirectory(self, self.tr("Keep models in"), str(self.models_dir))
        if new and Path(new) != self.models_dir:
            self.service.move_folder(Path(new), self._moved)

    def _moved(self, path: Path) -> None:
        self.models_dir = path
        self.folder_changed.emit(str(path))
        self._fill_installed()

    def _plans_changed(self) -> None:
        current = self._selected_model()
        self._fill_catalog()
        self._fill_installed()
        if current is not None:
            for i in range(self.installed_tree.topLevelItemCount()):
                if self.installed_tree.topLevelItem(i).data(0, ROLE) == current.id:
                    self.installed_tree.setCurrentItem(self.installed_tree.topLevelItem(i))

    def _catalog_context(self, n_ctx: int) -> None:
        v = self._selected_variant()
        if v is not None and self.fit is not None:
            self.fit.set_context(v.id, n_ctx)

    def _installed_context(self, n_ctx: int) -> None:
        m = self._selected_model()
        if m is not None and m.files and self.fit is not None:
            self.fit.set_context(m.files[0], n_ctx)

    def _library_changed(self) -> None:
        self._fill_installed()
        self._fill_catalog()

    # -- activity and offline ------------------------------------------------------------------
    def _job_started(self, job: Any) -> None:
        row = JobRow(job)
        self.activity.addWidget(row)
        self._timer.start()

    def _tick(self) -> None:
        rows = [self.activity.itemAt(i).widget() for i in range(self.activity.count())]
        live = [r for r in rows if isinstance(r, JobRow)]
        for r in live:
            r.refresh()
        if not live:
            self._timer.stop()

    def _offline_toggled(self, on: bool, announce: bool = True) -> None:
        self.offline = on
        for w in (self.refresh_button, self.add_button):
            w.setEnabled(not on)
        self.download_button.setToolTip(self.tr("Offline mode is on") if on else "")
        if hasattr(self, "cards"):
            self._fill_catalog()  # the cards' Download follows offline mode too
        else:
            self._variant_selected()
        if announce:
            self.offline_toggled.emit(on)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.service.scan_for_copies()
        self.service.scan_orphans()
        if self.fit is not None:
            self.fit.refresh_hardware()  # free memory changes while the app runs
