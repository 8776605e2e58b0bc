"""The logic of each measure that is more than a question (password strength, friend matching)."""
