"""Tests of the shop app."""
