"""First run on an empty database: explore with demo data (the import issue adds a spreadsheet here)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

DEFAULT_DEMO_CUSTOMERS = 500


class WelcomePage(QWidget):
    demo_requested = Signal(int)  # how many customers
    first_customer_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("<h1>Welcome to Customers for Life</h1>"))
        intro = QLabel(
            self.tr(
                "Keep every customer for life: what they own and how old it is, every visit and every "
                "contact, and who is due for what — and why now.\n\n"
                "Your database is empty. Bring in the customer list you already keep (Excel or CSV, "
                "from QuickBooks, Jobber, Housecall Pro, ServiceTitan or by hand), start with your first "
                "customer, or, to look around first, fill it with a believable demo business (an HVAC and "
                "plumbing shop with twenty years of customers). Demo data is best explored in a separate "
                "database file (start the app with --db demo.sqlite3), so your own list stays clean."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_size = QSpinBox()
        self.demo_size.setObjectName("demoSize")
        self.demo_size.setRange(50, 100_000)
        self.demo_size.setSingleStep(500)
        self.demo_size.setValue(DEFAULT_DEMO_CUSTOMERS)
        self.demo_size.setSuffix(self.tr(" customers"))
        self.demo_button = QPushButton(self.tr("Explore with demo data"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(lambda: self.demo_requested.emit(self.demo_size.value()))

        self.first_customer_button = QPushButton(self.tr("Start with my first customer"))
        self.first_customer_button.setObjectName("firstCustomerButton")
        self.first_customer_button.clicked.connect(self.first_customer_requested.emit)

        row = QHBoxLayout()
        row.addWidget(self.demo_button)
        row.addWidget(self.demo_size)
        row.addStretch(1)
        self.import_button = QPushButton(self.tr("Import a spreadsheet…"))
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.import_requested.emit)
        own_row = QHBoxLayout()
        own_row.addWidget(self.import_button)
        own_row.addWidget(self.first_customer_button)
        own_row.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(16)
        column.addLayout(row)
        column.addSpacing(8)
        column.addLayout(own_row)
        column.addStretch(1)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 4)
        outer.addStretch(1)
