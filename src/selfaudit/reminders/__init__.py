"""Re-audit reminders: when the next self-audit is due, a login item per OS that checks at login,
and a calendar file (.ics) with the re-audit and the plan's actions. Plain Python, no Qt."""
