"""A guard against a PySide6 release that drops references to None (6.12.0 did).

On Python 3.11 None is an ordinary object: a binding returning it without a
reference drains its count with every call, and the app aborts after a few hundred
edits with "deallocating None". From Python 3.12 None is immortal and this cannot
happen, so the test only runs where it can fail.
"""

import gc
import sys

import pytest
from PySide6.QtWidgets import QComboBox, QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_the_reference_count_of_none(qtbot):
    label = QLabel()
    combo = QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        combo.addItem("a", None)
        combo.clear()
    gc.collect()
    assert sys.getrefcount(None) - before > -50
