"""kg: knowledge graphs from Chinese science, technology and industry news."""

__version__ = "0.1.0"
