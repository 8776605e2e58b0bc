"""Detected checks: a probe that saw the setting decides; otherwise the person's answer does, and
"Not sure" is never a pass. Also the per-system guides the wizard shows for each probe."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.guides import ComputerGuide, load_computer_guides
from selfaudit.content.models import NOT_SURE, AnswerKind, Outcome
from selfaudit.probes import SYSTEMS
from selfaudit.probes.probe import ProbeResult, ProbeStatus

CATALOG = load_catalog()
DETECTED = [c for c in CATALOG.checks if c.answer is AnswerKind.DETECTED]
WHEN = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def new_session() -> AuditSession:
    return AuditSession(CATALOG, AppState(), clock=lambda: WHEN)


def finding(session: AuditSession, check_id: str) -> tuple[Outcome, bool]:
    found = next(f for f in session.findings() if f.check.id == check_id)
    return found.outcome, found.detected


def result(probe: str, status: ProbeStatus) -> ProbeResult:
    return ProbeResult(probe, status, "what we saw", "gnome", {"idle-delay": "uint32 300"})


def test_the_device_locking_checks_are_detected() -> None:
    assert {c.id: c.probe for c in DETECTED} == {
        "device.screen_lock": "screen_lock",
        "device.disk_encryption": "disk_encryption",
    }


def test_a_probe_that_saw_the_setting_decides() -> None:
    session = new_session()
    session.set_answer("device.screen_lock", "no")
    session.record_probe(result("screen_lock", ProbeStatus.PASS))
    assert finding(session, "device.screen_lock") == (Outcome.PASS, True)
    session.set_answer("device.disk_encryption", "yes")
    session.record_probe(result("disk_encryption", ProbeStatus.FAIL))
    assert finding(session, "device.disk_encryption") == (Outcome.FAIL, True)


def test_unknown_falls_back_to_the_answer_and_not_sure_is_never_a_pass() -> None:
    session = new_session()
    session.record_probe(result("screen_lock", ProbeStatus.UNKNOWN))
    assert finding(session, "device.screen_lock") == (Outcome.UNKNOWN, False)
    session.set_answer("device.screen_lock", NOT_SURE)
    assert finding(session, "device.screen_lock") == (Outcome.UNKNOWN, False)
    session.set_answer("device.screen_lock", "yes")
    assert finding(session, "device.screen_lock") == (Outcome.PASS, False)
    session.set_answer("device.screen_lock", "no")
    assert finding(session, "device.screen_lock") == (Outcome.FAIL, False)


@given(
    status=st.sampled_from([None, *ProbeStatus]),
    answer=st.sampled_from([None, "yes", "no", NOT_SURE]),
)
def test_a_pass_needs_a_probe_pass_or_a_yes_with_no_probe_verdict(
    status: ProbeStatus | None, answer: str | None
) -> None:
    session = new_session()
    if answer is not None:
        session.set_answer("device.disk_encryption", answer)
    if status is not None:
        session.record_probe(result("disk_encryption", status))
    outcome, _ = finding(session, "device.disk_encryption")
    probe_saw = status in (ProbeStatus.PASS, ProbeStatus.FAIL)
    expected_pass = status is ProbeStatus.PASS or (not probe_saw and answer == "yes")
    assert (outcome is Outcome.PASS) == expected_pass


def test_probe_results_are_kept_with_evidence_and_time_and_survive_a_round_trip() -> None:
    session = new_session()
    changes: list[int] = []
    session.subscribe(lambda: changes.append(1))
    session.record_probe(result("screen_lock", ProbeStatus.FAIL))
    assert changes == [1]
    record = session.probe_result("screen_lock")
    assert record is not None
    assert record.checked_at == WHEN and record.evidence == {"idle-delay": "uint32 300"}
    again = AppState.model_validate_json(session.state.model_dump_json())
    assert again.probe_results["screen_lock"] == record
    audit = session.finish()
    assert audit.outcomes["device.screen_lock"] is Outcome.FAIL


def test_old_state_without_probe_results_still_loads() -> None:
    state = AppState.model_validate({"schema_version": 1, "platforms": [], "answers": {}})
    assert state.probe_results == {}


def test_every_system_a_probe_can_name_has_steps_to_check_and_fix() -> None:
    guides = load_computer_guides()
    for probe, systems in SYSTEMS.items():
        for system in systems:
            guide = guides.for_system(probe, system)
            assert guide is not None and guide.system == system, (probe, system)
            assert all("{" not in s for s in guide.checking("10 minutes"))
    assert {c.probe for c in DETECTED} <= guides.probes()


def test_an_unknown_linux_desktop_gets_the_general_linux_steps() -> None:
    guide = load_computer_guides().for_system("screen_lock", "xfce")
    assert guide is not None and guide.system == "linux"


def test_the_limit_placeholder_is_filled_in() -> None:
    guide = load_computer_guides().for_system("screen_lock", "windows")
    assert guide is not None
    assert any("7 minutes or less" in step for step in guide.fixing("7 minutes"))


def test_a_guide_with_a_stray_placeholder_is_refused() -> None:
    with pytest.raises(ValueError, match="only"):
        ComputerGuide(
            probe="screen_lock",
            system="gnome",
            name="GNOME",
            seed_ref="4",
            check_steps=("Wait {minutes}.",),
            fix_steps=("Fix it.",),
        )
