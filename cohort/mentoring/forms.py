"""Evaluation issue forms (midpoint, final; mentees, mentors) as GitHub issue-form YAML (pure)."""

from __future__ import annotations

from typing import Any

import yaml

ROLES: tuple[str, ...] = ("mentee", "mentor")
FORMS_DIR = ".github/ISSUE_TEMPLATE"
_SCALE = ["5 - a lot", "4", "3", "2", "1 - not at all"]

_QUESTIONS: dict[tuple[str, str], list[tuple[str, str, str, list[str] | None]]] = {
    ("midpoint", "mentee"): [
        ("learned", "What have you learned so far?", "A few lines are enough.", None),
        ("meetings", "How much do the weekly meetings help you?", "", _SCALE),
        ("reviews", "How much do your mentors' reviews help you?", "", _SCALE),
        ("change", "What should change in the second half?", "", None),
    ],
    ("midpoint", "mentor"): [
        ("progress", "How is your team doing?", "", ["On track", "A bit behind", "Far behind"]),
        ("help", "Does a mentee need more help? How can we help?", "", None),
        ("you", "How is mentoring going for you?", "What is easy, what is hard?", None),
    ],
    ("final", "mentee"): [
        ("built", "What did you build?", "Add a link to your work if you can.", None),
        ("proud", "What are you most proud of?", "", None),
        ("helped", "How much did this program help you?", "", _SCALE),
        ("recommend", "Would you tell a friend to join?", "", ["Yes", "Maybe", "No"]),
        ("change", "What should we change next time?", "", None),
    ],
    ("final", "mentor"): [
        ("team", "How did your team do?", "", None),
        ("highlights", "What did each mentee do well?", "We use this for their references.", None),
        ("again", "Would you mentor again?", "", ["Yes", "Maybe", "No"]),
        ("change", "What should we change next time?", "", None),
    ],
}


def form_file(kind: str, role: str) -> str:
    return f"evaluation-{kind}-{role}.yml"


def form_label(kind: str, role: str) -> str:
    return f"evaluation: {kind}-{role}"


def form_files(kinds: tuple[str, ...] = ("midpoint", "final")) -> dict[str, str]:
    """``{path: yaml}`` of every evaluation form."""
    return {
        f"{FORMS_DIR}/{form_file(kind, role)}": form_yaml(kind, role)
        for kind in kinds
        for role in ROLES
    }


def form_yaml(kind: str, role: str) -> str:
    """One issue form, dumped safely (no value is pasted into YAML by hand)."""
    form: dict[str, Any] = {
        "name": f"{kind.title()} evaluation ({role}s)",
        "description": f"The {kind} evaluation for {role}s. Only the organizers read it.",
        "title": f"{kind.title()} evaluation ({role})",
        "labels": ["cohort: evaluation", form_label(kind, role)],
        "body": [_intro(kind, role), _team()] + [_field(*q) for q in _QUESTIONS[(kind, role)]],
    }
    return yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100)


def _intro(kind: str, role: str) -> dict[str, Any]:
    text = (
        f"Thank you for taking ten minutes for the {kind} evaluation. There are no wrong "
        "answers: honest answers help us make the program better for everyone."
    )
    return {"type": "markdown", "attributes": {"value": text}}


def _team() -> dict[str, Any]:
    return {
        "type": "input",
        "id": "team",
        "attributes": {"label": "Your team", "placeholder": "for example: aurora"},
        "validations": {"required": True},
    }


def _field(key: str, label: str, hint: str, options: list[str] | None) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": label}
    if hint:
        attributes["description"] = hint
    if options is not None:
        attributes["options"] = options
        return {
            "type": "dropdown",
            "id": key,
            "attributes": attributes,
            "validations": {"required": True},
        }
    return {
        "type": "textarea",
        "id": key,
        "attributes": attributes,
        "validations": {"required": key != "change"},
    }
