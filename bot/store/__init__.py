"""SQLite storage (aiosqlite): schema migrations and small repositories."""
