"""Readers turn a file or stream into Documents, or Rejected records with a reason and location."""
