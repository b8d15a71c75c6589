"""Press archive: a read-only web archive of diplomatic press releases."""

__version__ = "0.3.0"
