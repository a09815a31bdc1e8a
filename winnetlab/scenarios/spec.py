"""The data of one troubleshooting scenario."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    """One scenario as data: what to build, what the user saw, how to tell it is fixed."""

    name: str
    title: str
    driver: str
    windows: str
    sources: tuple  # URLs of the public reports / Microsoft docs it reproduces
    story: str
    symptom: object  # callable(lab) -> CommandResult or Trace showing the symptom
    expect: str  # text the symptom shows (the source's error text or the drop's reason)
    checks: tuple  # Check(description, test(lab[, answer]), hint)
    hints: tuple  # progressive: where to look, which command, the cause
    solution: str
    hosts: int = 1
    answer: str = ""  # when the fix is an answer (an address), what check() takes
    build: object = None  # callable(lab): break the lab
