"""Tests of portfolio."""
