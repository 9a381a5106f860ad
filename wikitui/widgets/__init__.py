"""The app's widgets: each small, focused, fed by the core."""
