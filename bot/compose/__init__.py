"""Composing answers, one module per family of questions (``bot.answers`` dispatches)."""
