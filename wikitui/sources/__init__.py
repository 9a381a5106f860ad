"""Loaders: turn files and folders into :class:`~wikitui.model.Source` objects."""
