"""The cohort model: what cohort.yml may say, with defaults, as pydantic models."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cohort.config.api_url import url_problem

SLUG_RE = r"^[a-z0-9][a-z0-9-]{0,38}$"
HANDLE_RE = r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$"
TEMPLATES_DIR_RE = r"^[A-Za-z0-9._/-]{1,200}$"
LABEL_COLOR_RE = r"^[0-9a-fA-F]{6}$"

Slug = Annotated[str, Field(pattern=SLUG_RE, description="lower-case letters, digits and '-'")]
Handle = Annotated[str, Field(pattern=HANDLE_RE, description="a GitHub login")]
Skill = Annotated[str, Field(min_length=1, max_length=40)]
Level = Literal["first-year", "second-year", "senior", "professional"]
PHASES: tuple[str, ...] = ("design", "code", "deployment")
FIRST_START = dt.date(2000, 1, 1)  # a cohort starts in this range; dates far out overflow
LAST_START = dt.date(2100, 12, 31)


class Strict(BaseModel):
    """Base: unknown keys are errors, text stays text, models are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


HTTPS_URL_RE = r"^https://[^\s/]+(/\S*)?$"


def _no_email(value: str | None) -> str | None:
    if value is not None and "@" in value and not value.startswith("https://"):
        raise ValueError(
            "an e-mail address would be public (cohort.yml and every team README are); "
            "use a GitHub handle or an https:// link, such as a private form"
        )
    return value


class Contact(Strict):
    """Where mentees ask questions and how they reach organizers privately (shown in READMEs)."""

    questions: str | None = Field(
        default=None,
        pattern=HTTPS_URL_RE,
        description="https:// link to the channel for questions (chat, forum, discussions).",
    )
    organizers: str | None = Field(
        default=None,
        pattern=r"^(https://\S+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)$",
        description=(
            "How to reach organizers privately: a GitHub handle or an https:// link such as a "
            "private form. Never an e-mail address: this file and team READMEs are public."
        ),
    )

    _email = field_validator("organizers", "questions", mode="before")(_no_email)


class Meeting(Strict):
    """A team's weekly meeting with its mentors."""

    day: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    time: str = Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="24-hour HH:MM.")
    timezone: str | None = Field(
        default=None, description="IANA time zone; the calendar's time zone when left out."
    )
    place: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Where: an https:// video-call link or a room.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as UTC") from exc
        return value

    _email = field_validator("place", mode="before")(_no_email)


class Program(Strict):
    """Who runs the cohort and where on GitHub it lives."""

    name: str = Field(min_length=1, max_length=120, description="Program name shown to people.")
    cohort: Slug = Field(description="Slug of this cohort, e.g. 2027-spring.")
    organization: Handle = Field(description="GitHub organization that holds the team repos.")
    api_url: str | None = Field(
        default=None,
        max_length=300,
        description="A hint only: the REST API root the operator must choose (--api-url or "
        "GITHUB_API_URL); a differing choice is refused. https only (http for loopback).",
    )
    organizer_repo: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9._-]{1,100}$",
        description="Repository (in the organization) that holds cohort.yml and summaries.",
    )
    contact: Contact = Field(
        default_factory=Contact,
        description="Where mentees ask questions and reach organizers privately.",
    )
    onboarding_issues: bool = Field(
        default=True,
        description="Open one onboarding issue per mentee in the team repository (set up, run "
        "the checks, a first small pull request and review, an introduction), assigned once "
        "they have accepted their invitation.",
    )

    @field_validator("api_url")
    @classmethod
    def _safe_url(cls, value: str | None) -> str | None:
        problem = url_problem(value) if value is not None else ""
        if problem:
            raise ValueError(f"{value!r} is not a usable API URL: {problem}")
        return value


class WeekRange(Strict):
    """Weeks of the cohort, 1-based and inclusive."""

    first: int = Field(ge=1, le=104)
    last: int = Field(ge=1, le=104)


class Phases(Strict):
    """Week ranges of the three phases; due dates are the last day of each."""

    design: WeekRange = WeekRange(first=1, last=3)
    code: WeekRange = WeekRange(first=4, last=9)
    deployment: WeekRange = WeekRange(first=10, last=12)


class Calendar(Strict):
    """When the cohort runs."""

    start: Annotated[dt.date, Field(strict=False)] = Field(
        description="First day of week 1 (YYYY-MM-DD)."
    )
    weeks: int = Field(default=12, ge=1, le=104, description="Length of the cohort in weeks.")
    timezone: str = Field(default="UTC", description="IANA time zone of the program.")
    phases: Phases = Field(default_factory=Phases)

    @field_validator("start", mode="before")
    @classmethod
    def _iso_date_in_range(cls, value: object) -> object:
        text = value.isoformat() if isinstance(value, dt.date) else value
        if not isinstance(text, str):
            return value  # pydantic reports the type
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(
                f"'{text}' is not a date in the form YYYY-MM-DD (use YYYY-MM-DD, e.g. 2027-02-01)"
            )
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a day of the calendar (month 01-12, day 01-31)")  # noqa: B904
        if not FIRST_START <= day <= LAST_START:
            raise ValueError(
                f"start {text} is outside {FIRST_START.isoformat()}..{LAST_START.isoformat()}"
            )
        return day

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(  # noqa: B904 - pydantic reports the message
                f"unknown time zone {value!r} (use an IANA name such as Europe/Berlin)"
            )
        return value


class Mentor(Strict):
    """A mentor: a project lead for one or more teams."""

    handle: Handle
    name: str = Field(min_length=1, max_length=100)
    skills: list[Skill] = Field(default_factory=list)
    capacity: int = Field(default=1, ge=1, le=10, description="How many teams they can lead.")
    induction: Literal["pending", "completed"] = Field(
        default="pending", description="Set to completed once the mentor induction is done."
    )
    away: bool = Field(default=False, description="Skip when balancing review requests.")
    must_lead: bool = Field(
        default=False,
        description="cohort match must give this mentor at least one team (like --must-lead).",
    )


class Mentee(Strict):
    """A mentee: a member of one team."""

    handle: Handle
    name: str = Field(min_length=1, max_length=100)
    skills: list[Skill] = Field(default_factory=list)
    level: Level


class Project(Strict):
    """A project a team builds end to end."""

    id: Slug
    title: str = Field(min_length=1, max_length=100)
    brief: str = Field(min_length=1, max_length=2000)
    template: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$", description="Scaffold name.")
    skills: list[Skill] = Field(default_factory=list)
    team_size: str | None = Field(
        default=None,
        pattern=r"^[1-9][0-9]?-[1-9][0-9]?$",
        description=(
            "MIN-MAX mentees per team on this project for cohort match, e.g. 2-4 "
            "(default: --team-size)."
        ),
    )

    @field_validator("team_size")
    @classmethod
    def _ordered(cls, value: str | None) -> str | None:
        if value is not None:
            low, high = (int(part) for part in value.split("-"))
            if low > high:
                raise ValueError(f"team_size {value!r}: the minimum is above the maximum")
        return value

    @property
    def size_range(self) -> tuple[int, int] | None:
        """(min, max) of team_size, or None when unset."""
        if self.team_size is None:
            return None
        low, high = self.team_size.split("-")
        return int(low), int(high)


class Team(Strict):
    """A team: mentees, mentors, one project, one repository."""

    slug: Slug
    project: Slug
    mentees: list[Handle] = Field(default_factory=list)
    mentors: list[Handle] = Field(default_factory=list)
    meeting: Meeting | None = Field(
        default=None, description="The team's weekly meeting, shown in its README."
    )


class Repositories(Strict):
    """How team repositories are named and shown."""

    name: str = Field(
        default="{cohort}-{team}",
        description="Pattern with {cohort}, {team} and {project}.",
    )
    visibility: Literal["private", "public", "internal"] = "private"
    topics: list[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,49}$")]] = Field(
        default_factory=lambda: ["mentorship"]
    )

    @field_validator("name")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        for field in re.findall(r"{([^}]*)}", value):
            if field not in ("cohort", "team", "project"):
                raise ValueError(
                    f"unknown placeholder {{{field}}}; use {{cohort}}, {{team}}, {{project}}"
                )
        return value


class Protection(Strict):
    """Branch protection on each team repository's default branch."""

    required_approvals: int = Field(default=1, ge=0, le=6)
    require_code_owner_review: bool = True


class SummaryPolicy(Strict):
    """Thresholds of the weekly summary."""

    stale_after_days: int = Field(
        default=7, ge=1, le=60, description="A team with no activity for this long needs attention."
    )
    review_waiting_days: int = Field(
        default=2, ge=1, le=30, description="A PR waiting this long for a mentor is flagged."
    )
    invitation_days: int = Field(
        default=3,
        ge=1,
        le=7,
        description="An org invitation not accepted after this many days is listed "
        "(GitHub expires invitations after 7 days; apply sends them again).",
    )


class ReviewPolicy(Strict):
    """How the App asks mentors for reviews."""

    reroute_after_working_days: int = Field(
        default=3,
        ge=1,
        le=30,
        description="Ask another available mentor (or the organizers) when a requested mentor "
        "has not reviewed for this many working days (Monday to Friday).",
    )


class Policy(Strict):
    """Knobs with defaults; anything unset that touches existing repos is left unmanaged."""

    require_induction: bool = Field(default=True, description="Mentors must finish induction.")
    removal_limit: float = Field(
        default=0.25,
        ge=0,
        le=1,
        strict=False,
        description="Largest share of managed access one run may remove without --allow-removals.",
    )
    labels: bool = Field(default=True, description="Manage the label catalogue in team repos.")
    protection: Protection | None = Field(
        default_factory=Protection, description="null leaves branch protection unmanaged."
    )
    mentor_permission: Literal["push", "maintain"] = Field(
        default="push",
        description="push comes with the team; maintain: a write per mentor, a read per repo.",
    )
    summary: SummaryPolicy = Field(default_factory=SummaryPolicy)
    reviews: ReviewPolicy = Field(default_factory=ReviewPolicy)
    mentor_bot: Literal["app", "workflow"] = Field(
        default="app",
        description="app: the GitHub App (cohort serve) labels PRs and asks mentors; workflow: "
        "apply installs .github/workflows/cohort-bot.yml and the team's slice of the cohort "
        "(.github/cohort.yml) in each team repository, and `cohort on-event` does it.",
    )
    archive_at_end: bool = Field(default=False, description="Archive repos after the last week.")


class CohortFile(Strict):
    """The whole of cohort.yml."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, title="cohort.yml")

    version: Literal[1] = 1
    program: Program
    calendar: Calendar
    organizers: list[Handle] = Field(min_length=1, description="Admins of every team repo.")
    mentors: list[Mentor] = Field(default_factory=list)
    mentees: list[Mentee] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    teams: list[Team] = Field(default_factory=list)
    repositories: Repositories = Field(default_factory=Repositories)
    policy: Policy = Field(default_factory=Policy)
    skill_aliases: dict[
        Annotated[str, Field(min_length=1, max_length=40)],
        Annotated[str, Field(min_length=1, max_length=40)],
    ] = Field(
        default_factory=dict,
        description=(
            "Extra skill synonyms (alias: skill) on top of the built-in table, e.g. "
            "{rust-lang: rust}; used when matching sign-ups to projects."
        ),
    )
    templates_dir: str = Field(
        default="templates",
        pattern=TEMPLATES_DIR_RE,
        description="Organizer templates, relative to cohort.yml and inside its repository "
        "(no absolute path, no '..', no symbolic links).",
    )

    @field_validator("templates_dir")
    @classmethod
    def _relative_inside(cls, value: str) -> str:
        parts = value.split("/")
        if value.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(
                f"templates_dir {value!r} must be a relative path below cohort.yml's folder "
                "(no leading '/', no '.' or '..' parts, no '//')"
            )
        return value

    @model_validator(mode="after")
    def _nothing(self) -> CohortFile:
        return self
