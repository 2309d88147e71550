"""Prints how many generated inputs the fuzz tests tried, at the end of the session."""

from fuzzing import TRIED


def pytest_terminal_summary(terminalreporter):
    if TRIED:
        total = sum(TRIED.values())
        parts = ", ".join(f"{k} {v:,}" for k, v in sorted(TRIED.items()))
        terminalreporter.write_line(f"fuzz: {total:,} generated inputs tried ({parts})")
