"""Shared output for the reference-data commands (not a command itself)."""

from django.core.management.base import BaseCommand

from dialogue_blocks.reference_data import ImportResult

# Beyond this many skipped rows only a count is printed.
MAX_SKIPPED_SHOWN = 50


def report(command: BaseCommand, label: str, result: ImportResult) -> None:
    """Print the Dutch summary and the skipped rows with their reasons."""
    command.stdout.write(f"{label}: {result.summary()}")
    for row in result.skipped[:MAX_SKIPPED_SHOWN]:
        command.stdout.write(command.style.WARNING(f"  overgeslagen {row}"))
    hidden = len(result.skipped) - MAX_SKIPPED_SHOWN
    if hidden > 0:
        command.stdout.write(command.style.WARNING(f"  … en nog {hidden} regels"))
