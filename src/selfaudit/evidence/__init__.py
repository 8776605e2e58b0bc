"""The evidence log (code of practice §5): incidents of online abuse recorded privately, kept
encrypted in the vault, and handed over as a report. Plain Python, no Qt."""
