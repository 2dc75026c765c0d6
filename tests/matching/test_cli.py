"""cohort init and cohort match, through the real command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from cohort.cli.main import run
from cohort.config.load import parse_cohort
from cohort.matching.forms import FIELDS
from tests.conftest import KNOWN_TEMPLATES
from tests.matching.conftest import COHORT, GOLDEN


def test_init_writes_forms_for_a_private_repository(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path), "--only", "forms"]) == 0
    for kind in ("mentee", "mentor"):
        form = yaml.safe_load((tmp_path / f".github/ISSUE_TEMPLATE/{kind}-signup.yml").read_text())
        labels = [item["attributes"]["label"] for item in form["body"][1:]]
        assert labels == [field.label for field in FIELDS[kind]]
        assert form["labels"] == [f"{kind}-signup"]


def test_init_writes_a_starter_that_validates(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path), "--only", "cohort", "--organization", "omp-cohorts"]) == 0
    starter = (tmp_path / "cohort.yml").read_text(encoding="utf-8")
    assert parse_cohort(starter, "cohort.yml", KNOWN_TEMPLATES).cohort.program.organization == (
        "omp-cohorts"
    )


def test_init_does_not_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cohort.yml").write_text("keep me\n")
    assert run(["init", str(tmp_path), "--action-ref", "me/cohort@" + "c" * 40]) == 3
    assert "already exist" in capsys.readouterr().err
    assert (tmp_path / "cohort.yml").read_text() == "keep me\n"


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    public = tmp_path / "organizer-repo"
    (public / ".git").mkdir(parents=True)
    (public / "cohort.yml").write_text(COHORT, encoding="utf-8")
    private = tmp_path / "private"
    shutil.copytree(GOLDEN, private)
    return public, private


def _args(public: Path, private: Path) -> list[str]:
    mentees = [arg for p in sorted(private.glob("issue-*.md")) for arg in ("--mentees", str(p))]
    return [
        "match",
        str(public / "cohort.yml"),
        *mentees,
        "--mentors",
        str(private / "mentors.csv"),
        "--columns",
        str(private / "columns.yml"),
        "--team-size",
        "3-3",
        "--time-limit",
        "5",
    ]


def test_match_refuses_to_write_the_explanation_into_the_public_repo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public, private = _setup(tmp_path)
    code = run([*_args(public, private), "--explain", str(public / "teams.md")])
    assert code == 3
    assert "refusing to keep sign-up data in a public place" in capsys.readouterr().err
    assert not (public / "teams.md").exists()


def test_match_writes_the_proposal_and_the_private_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public, private = _setup(tmp_path)
    code = run([*_args(public, private), "--explain", str(private / "teams.md"), "--write"])
    assert code == 0, capsys.readouterr().err
    assert "Status: optimal" in capsys.readouterr().out
    text = (public / "cohort.yml").read_text(encoding="utf-8")
    assert "# added by cohort match (seed 0, optimal)" in text
    assert len(parse_cohort(text, "cohort.yml", KNOWN_TEMPLATES).cohort.teams) == 2
    assert "Weekly meeting" in (private / "teams.md").read_text(encoding="utf-8")


def test_match_reports_every_bad_signup_with_issue_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public, private = _setup(tmp_path)
    bad = private / "issue-104.md"
    bad.write_text(
        bad.read_text()
        .replace("Europe/Berlin", "Europe/Berln")
        .replace("First-year student", "Sophomore")
    )
    assert run(_args(public, private)) == 3
    err = capsys.readouterr().err
    assert "issue #104 Time zone: unknown time zone 'Europe/Berln'" in err
    assert "issue #104 Level: unknown level 'Sophomore'" in err


def test_init_forms_only_leaves_cohort_file_out(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path), "--only", "forms"]) == 0
    assert (tmp_path / ".github/ISSUE_TEMPLATE/mentor-signup.yml").exists()
    assert not (tmp_path / "cohort.yml").exists()


def test_match_explains_why_no_teams_can_be_formed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public, private = _setup(tmp_path)
    assert run([*_args(public, private), "--team-size", "7-8"]) == 3
    out = capsys.readouterr().out
    assert "Cannot form teams: team size: 6 mentees cannot fill one team of at least 7" in out
    assert (public / "cohort.yml").read_text(encoding="utf-8") == COHORT


def test_open_pr_proposes_the_change_in_the_organizer_repo_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import base64

    from cohort.clock import SimulatedClock
    from cohort.github.client import Client
    from cohort.sandbox import Sandbox, SandboxTransport

    public, private = _setup(tmp_path)
    text = COHORT.replace(
        "  organization: omp-cohorts\n",
        "  organization: omp-cohorts\n  organizer_repo: cohort-admin\n",
    )
    (public / "cohort.yml").write_text(text, encoding="utf-8")
    box = Sandbox(clock=SimulatedClock())
    box.add_org("omp-cohorts", owners=["ada-organizes"])
    client = Client(box.issue_token("ada-organizes"), transport=SandboxTransport(box))
    client.rest("POST", "/orgs/omp-cohorts/repos", {"name": "cohort-admin", "auto_init": True})
    client.rest(
        "PUT",
        "/repos/omp-cohorts/cohort-admin/contents/cohort.yml",
        {"message": "cohort", "content": base64.b64encode(text.encode()).decode()},
    )
    state = tmp_path / "sandbox.json"
    box.save(state)
    args = [*_args(public, private), "--open-pr", "--sandbox-state", str(state)]
    assert run(args) == 0
    first = capsys.readouterr().out
    assert run(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == first.splitlines()[-1]
    after = Sandbox.load(state)
    repo = after.state.repos["omp-cohorts/cohort-admin"]
    pulls = [i for i in repo.issues.values() if i.pull is not None]
    assert len(pulls) == 1
    assert pulls[0].title == "Form teams from the sign-ups"
    assert pulls[0].pull is not None
    proposed = after.files("omp-cohorts/cohort-admin", ref=pulls[0].pull.head)[
        "cohort.yml"
    ].decode()
    assert after.files("omp-cohorts/cohort-admin")["cohort.yml"].decode() == text
    teams = parse_cohort(proposed, "cohort.yml", KNOWN_TEMPLATES).cohort.teams
    assert len(teams) >= 1
