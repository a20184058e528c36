"""The ``kimitsu`` command: Django's management utility with kimitsu's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "kimitsu"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
