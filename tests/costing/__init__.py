"""Tests of costing."""
