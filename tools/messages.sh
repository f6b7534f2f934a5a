#!/bin/sh
# Collect every UI text into resources/locale/pse_desktop.pot and merge it into the French and
# Khmer catalogues (resources/locale/<lang>/LC_MESSAGES/pse_desktop.po). Then
# `python tools/messages.py missing` lists what still needs a translation.
set -eu
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" tools/messages.py extract
