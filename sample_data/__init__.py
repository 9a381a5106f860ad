"""The bundled sample histories (installed as package data)."""
