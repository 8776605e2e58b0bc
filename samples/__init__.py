"""Realistic data that the tests, the screenshot scripts and the benchmarks share: an evidence
log with screenshots (`evidence_log`, `pictures`), platforms' friends exports
(`friend_exports`) and a whole friend check with planted matches (`friend_check`). Made up, in
memory or in a folder the caller gives; nothing here is part of the app."""
