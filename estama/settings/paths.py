"""Where the project lives: the repository root and its ``var/`` (SQLite database,
checkpoints, uploads and test artefacts in the embedded default)."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
