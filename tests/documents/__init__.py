"""Tests of documents: coproduce.io and coproduce.schema."""
