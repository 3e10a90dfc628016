"""ceasefire-monitor."""
