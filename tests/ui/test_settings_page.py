"""The Settings page: a form generated from the declared settings that never writes blanks over saved ones."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGroupBox, QLabel

from app.domain.settings import SETTINGS, SettingSpec, SettingType, setting_groups
from app.services.demo import build_demo
from app.services.settings import load_settings, save_settings, update_settings
from ui.pages.settings_page import SettingsPage
from ui.widgets.setting_editors import EDITORS

DEMO_COMPANY = "Chesapeake Comfort Heating & Plumbing"

# What the owner might enter, per type, as the editor takes it (the picture comes from a file).
ENTERED = {
    SettingType.TEXT: "Comfort Heating",
    SettingType.MULTILINE: "1200 York Road\nTowson, MD 21204",
    SettingType.PHONE: "+14105550100",
    SettingType.EMAIL: "office@comfort.example",
    SettingType.COUNTRY: "CA",
    SettingType.PERIODS: (("00:00", "08:00"), ("12:00", "13:00")),
}


def entered(spec: SettingSpec) -> object:
    if spec.type is SettingType.INT:
        return spec.maximum
    if spec.type is SettingType.PERCENT:
        return spec.maximum / 100
    if spec.type is SettingType.CHOICE:
        return spec.choices[-1][0]
    return ENTERED[spec.type]


def settings_page(qtbot) -> SettingsPage:
    page = SettingsPage()
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def picture(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5fa8"))
    assert image.save(str(path))
    return path


def test_every_declared_setting_gets_an_editor_of_its_type_with_label_and_help(qtbot, database) -> None:
    page = settings_page(qtbot)
    assert set(SettingType) <= set(EDITORS)
    labels = {label.buddy(): label.text() for label in page.findChildren(QLabel) if label.buddy()}
    for spec in SETTINGS:
        editor = page.form.editors[spec.name]
        assert type(editor) is EDITORS[spec.type], spec.name
        assert labels[editor] == spec.label
        assert page.form.help[spec.name].text() == spec.help and page.form.help[spec.name].isVisible()
    titles = [box.title() for box in page.findChildren(QGroupBox)]
    assert titles == [group for group, _specs in setting_groups()]


def test_a_page_that_was_never_loaded_refuses_to_save(qtbot, database, message_boxes) -> None:
    save_settings(dataclasses.replace(load_settings(), company_name=DEMO_COMPANY, address="1200 York Road"))
    page = settings_page(qtbot)
    assert not page.form.isEnabled() and not page.save_button.isEnabled()
    page.save()
    assert [kind for kind, _title, _text in message_boxes] == ["warning"]
    assert "have not been read from the database yet" in message_boxes[0][2]
    stored = load_settings()
    assert (stored.company_name, stored.address) == (DEMO_COMPANY, "1200 York Road")


def test_load_shows_what_the_database_holds_now(qtbot, database) -> None:
    page = settings_page(qtbot)
    page.load()
    assert page.form.editors["company_name"].text() == ""
    build_demo(customers=20, seed=1)
    page.load()
    form = page.form
    assert form.editors["company_name"].text() == DEMO_COMPANY
    assert form.editors["address"].toPlainText() == "1200 York Road, Suite 4\nTowson, MD 21204"
    assert form.editors["signature_name"].text() == "Dana Whitfield, Owner"
    assert form.editors["quiet_hours"].text() == "before 9:00 AM, 5:30–7:30 PM, after 8:30 PM"
    assert form.editors["top_customer_share_warning"].text() == "20%"
    assert page.save_button.isEnabled() and page.saved_label.text() == ""


def test_a_form_filled_before_the_demo_saves_only_what_the_owner_changed(qtbot, database) -> None:
    page = settings_page(qtbot)
    page.load()  # an empty database: every letterhead field is blank
    build_demo(customers=20, seed=1)  # writes the demo letterhead behind the page's back
    page.form.editors["paper_size"].setCurrentIndex(1)
    assert page.saved_label.text() == "Changes not saved yet."
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = load_settings()
    assert stored.paper_size == "a4"
    assert (stored.company_name, stored.signature_name) == (DEMO_COMPANY, "Dana Whitfield, Owner")
    assert stored.phone == "+14102964820"
    assert page.form.editors["company_name"].text() == DEMO_COMPANY  # the page shows what was kept
    assert page.saved_label.text() == "Saved."


def test_the_business_phone_reads_as_people_write_it_and_saves_unchanged(qtbot, database) -> None:
    build_demo(customers=20, seed=1)
    page = settings_page(qtbot)
    page.load()
    assert page.form.editors["phone"].text() == "(410) 296-4820"  # stored as +14102964820
    assert list(page.unsaved_changes()) == []
    update_settings({"country": "GB"})  # abroad, a US number keeps its country code
    page.load()
    assert page.form.editors["phone"].text() == "+1 410-296-4820"
    page.form.editors["phone"].setText("+1 (410) 296-4821")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert load_settings().phone == "+14102964821"


def test_a_refresh_keeps_what_the_owner_typed_and_has_not_saved(qtbot, database) -> None:
    page = settings_page(qtbot)
    page.load()
    page.form.editors["signature_name"].setText("Dana Whitfield")
    update_settings({"company_name": "Comfort Heating"})  # saved elsewhere meanwhile
    page.load()
    assert page.form.editors["company_name"].text() == "Comfort Heating"
    assert page.form.editors["signature_name"].text() == "Dana Whitfield"
    assert page.saved_label.text() == "Changes not saved yet."
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = load_settings()
    assert (stored.company_name, stored.signature_name) == ("Comfort Heating", "Dana Whitfield")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.saved_label.text() == "Nothing to save: no setting was changed."


def test_every_setting_is_saved_through_its_editor(qtbot, database, tmp_path: Path) -> None:
    page = settings_page(qtbot)
    page.load()
    for spec in SETTINGS:
        editor = page.form.editors[spec.name]
        if spec.type is SettingType.IMAGE:
            editor.use_file(str(picture(tmp_path / f"{spec.name}.png", 1200, 300)))
        else:
            editor.set_setting_value(entered(spec))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.saved_label.text() == "Saved."
    stored = load_settings()
    for spec in SETTINGS:
        value = getattr(stored, spec.name)
        if spec.type is SettingType.IMAGE:
            image = QImage.fromData(value)
            assert (image.width(), image.height()) == (spec.max_pixels, spec.max_pixels // 4)
        else:
            assert value == entered(spec), spec.name


def test_a_wrong_value_is_explained_under_its_field_and_blocks_saving(qtbot, database) -> None:
    page = settings_page(qtbot)
    page.load()
    form = page.form
    qtbot.keyClicks(form.editors["phone"], "410-63")
    assert form.errors["phone"].isVisible()
    assert form.errors["phone"].text().startswith("Phone: “410-63” is not a valid number")
    assert not page.save_button.isEnabled()
    qtbot.keyClicks(form.editors["phone"], "2-0571")
    assert not form.errors["phone"].isVisible() and page.save_button.isEnabled()
    form.editors["country"].setText("Atlantis")
    assert (
        form.errors["country"].text() == "Country: write the two-letter country code, such as US, CA or GB."
    )
    assert not page.save_button.isEnabled()


def test_a_file_that_is_not_a_picture_is_one_sentence_and_keeps_the_logo(
    qtbot, database, tmp_path: Path, message_boxes
) -> None:
    page = settings_page(qtbot)
    page.load()
    logo = page.form.editors["logo_png"]
    logo.use_file(str(picture(tmp_path / "logo.png", 200, 100)))
    kept = logo.setting_value()
    (tmp_path / "notes.png").write_text("not a picture")
    logo.use_file(str(tmp_path / "notes.png"))
    assert message_boxes == [("warning", "Cannot do that", message_boxes[0][2])]
    assert "notes.png is not a picture" in message_boxes[0][2]
    assert logo.setting_value() == kept and kept
    assert logo.preview.pixmap() is not None and not logo.preview.pixmap().isNull()
    qtbot.mouseClick(logo.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert load_settings().logo_png == b""
