"""Trip updates: registry, extraction from feeds, notifications."""
