"""The welcome page: the first screen of an empty database, and Go ▸ Welcome later on.

What it says fits where it is: the owner's own database, empty or not, or the demo's. The owner's window
never fills its database with demo data: "Try the demo" opens the demo in a copy of the app of its own
(ui/demo_launch.py), whose welcome page builds the demo business in the demo's file.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.services import customers as customer_service
from ui.text import count_text

DEFAULT_DEMO_CUSTOMERS = 500
DEMO_BUSINESS = QT_TRANSLATE_NOOP(
    "WelcomePage",
    "a believable HVAC and plumbing shop with twenty years of customers, their equipment, visits, "
    "plans and letters",
)


class WelcomePage(QWidget):
    demo_requested = Signal(int)  # how many customers
    first_customer_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.demo = demo
        title = QLabel(self.tr("<h1>Welcome to Customers for Life</h1>"))
        self.intro = QLabel()
        self.intro.setObjectName("welcomeText")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_size = QSpinBox()
        self.demo_size.setObjectName("demoSize")
        self.demo_size.setRange(50, 100_000)
        self.demo_size.setSingleStep(500)
        self.demo_size.setValue(DEFAULT_DEMO_CUSTOMERS)
        self.demo_size.setSuffix(self.tr(" customers"))
        self.demo_size.setToolTip(self.tr("How many customers the demo business has when it is built."))
        self.demo_button = QPushButton(
            self.tr("Build the demo business") if demo else self.tr("Try the demo (opens separately)")
        )
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(lambda: self.demo_requested.emit(self.demo_size.value()))

        self.first_customer_button = QPushButton()
        self.first_customer_button.setObjectName("firstCustomerButton")
        self.first_customer_button.clicked.connect(self.first_customer_requested.emit)
        self.import_button = QPushButton(self.tr("Import a spreadsheet…"))
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.import_requested.emit)
        # The owner's own list is the way in; in the demo's window, building the demo is.
        (self.demo_button if demo else self.import_button).setDefault(True)

        own_row = QHBoxLayout()
        own_row.addWidget(self.import_button)
        own_row.addWidget(self.first_customer_button)
        own_row.addStretch(1)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_button)
        demo_row.addWidget(self.demo_size)
        demo_row.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(self.intro)
        column.addSpacing(16)
        if not demo:
            column.addLayout(own_row)
            column.addSpacing(8)
        column.addLayout(demo_row)
        column.addStretch(1)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 4)
        outer.addStretch(1)
        self.import_button.setVisible(not demo)
        self.first_customer_button.setVisible(not demo)
        self.show_state(0)

    def load(self) -> None:
        self.show_state(customer_service.count_customers())

    def show_state(self, customers: int) -> None:
        """The words and buttons for this database as it is: the owner's or the demo's, empty or not."""
        pitch = self.tr(
            "Keep every customer for life: what they own and how old it is, every visit and every "
            "contact, and who is due for what — and why now."
        )
        if self.demo:
            text = self._demo_text(customers)
            self.demo_button.setVisible(customers == 0)
            self.demo_size.setVisible(customers == 0)
        else:
            text = self._own_text(customers)
            self.first_customer_button.setText(
                self.tr("Start with my first customer") if customers == 0 else self.tr("Add a customer")
            )
        self.intro.setText(pitch + "\n\n" + text)

    def _own_text(self, customers: int) -> str:
        demo = self.tr(
            "To look around first, try the demo: %1. It opens in a separate window on its own demo file, "
            "so nothing of it ever comes into your database."
        ).replace("%1", self.tr(DEMO_BUSINESS))
        if customers == 0:
            own = self.tr(
                "Your database is empty. Bring in the customer list you already keep (Excel or CSV, from "
                "QuickBooks, Jobber, Housecall Pro, ServiceTitan or by hand), or start with your first "
                "customer."
            )
        else:
            own = self.tr(
                "Your database holds %1. Bring in more from a spreadsheet (customers already here are "
                "matched, not doubled), or add a customer by hand."
            ).replace("%1", count_text(customers, self.tr("customer")))
        return own + "\n\n" + demo

    def _demo_text(self, customers: int) -> str:
        if customers == 0:
            return self.tr(
                "This is the demo: a database of its own, not yours. Build the demo business (%1) and "
                "look around; nothing done here reaches your own customers."
            ).replace("%1", self.tr(DEMO_BUSINESS))
        return self.tr(
            "This is the demo: %1 made up for it, in a database of its own. None of them are your "
            "customers; change anything you like, your own database is not touched. To work on your "
            "own customers, close this window."
        ).replace("%1", count_text(customers, self.tr("customer")))
