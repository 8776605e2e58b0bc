"""How the app says a day and a moment: GOV.UK style, English month names whatever the
computer's language, no leading zero."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from selfaudit.dates import clock_time, date_and_time, long_date


def test_a_day_has_no_leading_zero() -> None:
    assert long_date(date(2026, 12, 6)) == "6 December 2026"


def test_a_moment_is_its_day_and_a_twelve_hour_clock_in_its_own_zone() -> None:
    assert date_and_time(datetime(2026, 12, 6, 23, 7, tzinfo=UTC)) == "6 December 2026 at 11:07pm"
    assert clock_time(datetime(2027, 1, 9, 0, 5, tzinfo=UTC)) == "12:05am"
    assert clock_time(datetime(2027, 1, 9, 12, 0, tzinfo=UTC)) == "12:00pm"
    later = datetime(2026, 12, 31, 23, 30, tzinfo=UTC).astimezone(timezone(timedelta(hours=2)))
    assert date_and_time(later) == "1 January 2027 at 1:30am"
