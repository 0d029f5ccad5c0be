"""worldbrief: a self-hostable geopolitical intelligence platform."""

__version__ = "0.1.0"
