"""Narrative NLP (placeholder during development)."""
