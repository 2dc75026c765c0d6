"""People by their GitHub identity: one spelling per login, unknown handles stop plan and apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.clock import SimulatedClock
from cohort.sandbox import Sandbox
from tests.conftest import EXAMPLE

ORG = "omp-cohorts"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def with_spellings(listed: str, aurora: str, delta: str) -> str:
    """The example with Alicia written three ways: in the list, on aurora, on delta."""
    text = TEXT.replace("  - handle: alicia-dev\n", f"  - handle: {listed}\n")
    text = text.replace("mentors: [alicia-dev]", f"mentors: [{aurora}]")
    return text.replace("mentors: [dfischer, alicia-dev]", f"mentors: [dfischer, {delta}]")


def organization(tmp_path: Path, *, extra_people: tuple[str, ...] = ()) -> Path:
    """A saved sandbox where Alicia's account is spelled ``Alicia-Dev`` on GitHub."""
    box = Sandbox(clock=SimulatedClock())
    people = ["ada-organizes", "grace-runs-it", "Alicia-Dev", "bkumar", "chen-li", "dfischer"]
    people += ["emeka-o", *extra_people]
    mentees = "fatima-z gabe-r hana-k ivan-p jules-m kofi-a lena-s mateo-g nia-w omar-h priya-n"
    for login in [*people, *mentees.split(), "quinn-t"]:
        box.add_user(login)
    box.add_org(ORG, owners=["ada-organizes", "grace-runs-it"], members=people[2:7])
    state = tmp_path / "org.json"
    box.save(state)
    return state


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cohort.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_mentor_in_two_spellings_is_named_as_github_spells_her(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = organization(tmp_path)
    cohort = write(tmp_path, with_spellings("alicia-dev", "Alicia-Dev", "alicia-dev"))
    assert run(["apply", str(cohort), "--sandbox-state", str(state), "--confirm"]) == 0
    box = Sandbox.load(state)
    for team in ("aurora", "delta"):
        files = box.state.files(f"{ORG}/2027-spring-{team}")
        assert b"@Alicia-Dev" in files[".github/CODEOWNERS"]
        assert b"alicia-dev" not in files[".github/CODEOWNERS"]
        assert b"@Alicia-Dev" in files["README.md"]
        form = files[".github/ISSUE_TEMPLATE/question-for-mentors.yml"]
        assert b"Alicia-Dev" in form
        assert b"alicia-dev" not in form
        github_team = box.state.team(ORG, f"2027-spring-{team}")
        assert github_team is not None
        assert github_team.pending.get("Alicia-Dev") is None
    delta = box.state.team(ORG, "2027-spring-delta")
    assert delta is not None
    members = delta.members
    assert members["Alicia-Dev"] == "maintainer"
    assert "alicia-dev" not in members
    capsys.readouterr()

    flipped = write(tmp_path, with_spellings("ALICIA-DEV", "alicia-DEV", "Alicia-dev"))
    assert run(["plan", str(flipped), "--sandbox-state", str(state), "--detailed-exitcode"]) == 0
    assert capsys.readouterr().out.endswith("\nNo changes. The organization matches the cohort.\n")


def test_unknown_handle_stops_plan_naming_the_line_with_no_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = organization(tmp_path)
    text = TEXT.replace("{handle: quinn-t,", "{handle: zoe-a,").replace("quinn-t]", "zoe-a]")
    cohort = write(
        tmp_path, text.replace("ada-organizes, grace-runs-it", "ada-organizes, omp-cohorts")
    )
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "handle: zoe-a" in s)
    for command in (["plan"], ["apply", "--confirm"]):
        assert run([command[0], str(cohort), "--sandbox-state", str(state), *command[1:]]) == 3
        err = capsys.readouterr().err
        assert f"cohort.yml:{line}:" in err
        assert "mentees[11].handle: 'zoe-a' is not a GitHub user" in err
        assert "organizers[1]: 'omp-cohorts' is an organization, not a person" in err
    box = Sandbox.load(state)
    assert box.counters()["writes"] == 0
    assert not any(r.startswith(ORG + "/") for r in box.state.repos)


def test_a_bot_account_is_no_one_to_invite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = organization(tmp_path)
    box = Sandbox.load(state)
    box.add_user("helper-bot", type="Bot")
    box.save(state)
    text = TEXT.replace("{handle: quinn-t,", "{handle: helper-bot,").replace(
        "quinn-t]", "helper-bot]"
    )
    assert run(["plan", str(write(tmp_path, text)), "--sandbox-state", str(state)]) == 3
    assert "mentees[11].handle: 'helper-bot' is not a GitHub user" in capsys.readouterr().err


def test_placeholder_handles_are_refused_by_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = TEXT.replace("{handle: quinn-t,", "{handle: TBD,").replace("quinn-t]", "TBD]")
    assert run(["validate", str(write(tmp_path, text)), "--format", "json"]) == 3
    body = json.loads(capsys.readouterr().out)
    messages = [p["message"] for p in body["problems"]]
    assert "'TBD' looks like a placeholder, not a person's GitHub login" in messages
