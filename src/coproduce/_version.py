"""The version of the coproduce package (single source for the build and the runtime)."""

__version__ = "0.1.0.dev0"
