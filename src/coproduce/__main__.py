"""``python -m coproduce``: the same as the ``coproduce`` command."""

from coproduce.cli import main_entry

if __name__ == "__main__":
    main_entry()
