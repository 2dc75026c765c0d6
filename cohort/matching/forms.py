"""The mentee and mentor sign-up issue forms: one field table, rendered as issue-form YAML."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from cohort.matching.records import Kind

ATTRIBUTE_OPTIONS = (
    "Woman",
    "Non-binary",
    "LGBTQ+",
    "First-generation student",
    "Person with a disability",
    "Prefer not to say",
)


@dataclass(frozen=True)
class FormField:
    """One question of a sign-up form; ``key`` is the canonical field name."""

    key: str
    label: str
    kind: str  # input | textarea | dropdown | checkboxes
    description: str
    required: bool = False
    options: tuple[str, ...] = ()


MENTEE_FIELDS = (
    FormField("handle", "GitHub handle", "input", "Your GitHub login, e.g. octocat.", True),
    FormField("name", "Name", "input", "How you want to be called in the cohort.", True),
    FormField(
        "level",
        "Level",
        "dropdown",
        "Where you are today.",
        True,
        ("First-year student", "Second-year student", "Senior student", "Working professional"),
    ),
    FormField(
        "skills", "Skills", "textarea", "One per line: `python: beginner|intermediate|advanced`."
    ),
    FormField(
        "availability",
        "Weekly availability",
        "textarea",
        "When you are free each week, in your time zone, e.g. `Mon 18:00-20:00; Sat 10-13`.",
        True,
    ),
    FormField(
        "timezone", "Time zone", "input", "IANA name such as Europe/Berlin or UTC+05:30.", True
    ),
    FormField(
        "preferences", "Project preferences", "textarea", "Project ids, best first, one per line."
    ),
    FormField("with", "Team with", "input", "GitHub handles you want to team with (optional)."),
    FormField(
        "not_with", "Not with", "input", "GitHub handles you should not team with (optional)."
    ),
    FormField(
        "attributes",
        "Self-declared groups",
        "checkboxes",
        "Optional and private: used only so that nobody is the only member of a group in a team.",
        False,
        ATTRIBUTE_OPTIONS,
    ),
)

MENTOR_FIELDS = (
    FormField("handle", "GitHub handle", "input", "Your GitHub login.", True),
    FormField("name", "Name", "input", "How mentees will see you.", True),
    FormField("skills", "Skills", "textarea", "One per line, e.g. `python`, `docker`."),
    FormField("capacity", "Capacity", "input", "How many teams you can lead (1-10).", True),
    FormField(
        "availability",
        "Weekly availability",
        "textarea",
        "When you can meet your team each week, in your time zone, e.g. `Tue 17:00-19:00`.",
        True,
    ),
    FormField("timezone", "Time zone", "input", "IANA name such as America/Sao_Paulo.", True),
    FormField("projects", "Projects you can lead", "textarea", "Project ids, one per line.", True),
    FormField(
        "induction",
        "Induction",
        "checkboxes",
        "Tick once you have completed the mentor induction.",
        False,
        ("I have completed the mentor induction",),
    ),
)

FIELDS: dict[Kind, tuple[FormField, ...]] = {"mentee": MENTEE_FIELDS, "mentor": MENTOR_FIELDS}
PRIVATE_NOTE = (
    "Sign-ups hold personal data. Keep these issue forms in a PRIVATE repository that only "
    "organizers can read; cohort match reads them from there and publishes only handles, "
    "names, skills and levels."
)


def _body(field: FormField) -> dict[str, object]:
    attributes: dict[str, object] = {"label": field.label, "description": field.description}
    if field.kind == "dropdown":
        attributes["options"] = list(field.options)
    if field.kind == "checkboxes":
        attributes["options"] = [{"label": option} for option in field.options]
    item: dict[str, object] = {"type": field.kind, "id": field.key, "attributes": attributes}
    if field.required and field.kind != "checkboxes":
        item["validations"] = {"required": True}
    return item


def issue_form(kind: Kind) -> str:
    """The ``.github/ISSUE_TEMPLATE/<kind>-signup.yml`` issue form, as YAML text."""
    form = {
        "name": f"{kind.capitalize()} sign-up",
        "description": f"Apply as a {kind} of the cohort.",
        "title": f"{kind.capitalize()} sign-up: ",
        "labels": [f"{kind}-signup"],
        "body": [{"type": "markdown", "attributes": {"value": PRIVATE_NOTE}}]
        + [_body(field) for field in FIELDS[kind]],
    }
    header = f"# {kind.capitalize()} sign-up form, read by `cohort match --{kind}s`.\n"
    return header + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100)
