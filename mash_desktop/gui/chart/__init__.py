"""Tabs of the open chart. Each feature registers a factory; the main window builds them.

A tab is a :class:`~.view.ChartView`: it gets the app context, and redraws itself for the
open patient when it is visible and the chart or the data it shows changed, so opening a
chart stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..context import AppContext



TabFactory = Callable[["AppContext"], tuple[str, QWidget]]
TAB_FACTORIES: list[tuple[int, TabFactory]] = []  # (order, factory); modules named *_tab


def register_tab(order: int) -> Callable[[TabFactory], TabFactory]:
    def deco(factory: TabFactory) -> TabFactory:
        TAB_FACTORIES.append((order, factory))
        return factory
    return deco


def load_tabs() -> list[TabFactory]:
    """Import the tab modules (each registers itself) and return factories in order."""
    for info in pkgutil.iter_modules(__path__):
        if info.name.endswith("_tab"):
            importlib.import_module(f"{__name__}.{info.name}")
    return [f for _, f in sorted(TAB_FACTORIES, key=lambda t: t[0])]
