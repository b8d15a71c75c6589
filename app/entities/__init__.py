"""Entities: leaders, countries and organisations, found in article text and linked."""
