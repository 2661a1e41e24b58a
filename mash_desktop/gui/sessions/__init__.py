"""The Sessions feature: note editor, dose grids, flowsheet, visit list and due list."""
