#!/bin/sh
# Collect every UI text into resources/locale/pse_desktop.pot, the template translators start
# from. A French catalogue then goes in resources/locale/fr/LC_MESSAGES/pse_desktop.po and is
# compiled with: pybabel compile -d resources/locale -D pse_desktop
set -eu
cd "$(dirname "$0")/.."
pybabel extract -k _ -k ngettext:1,2 --no-location --sort-output --project "PSE Desktop" \
    -o resources/locale/pse_desktop.pot pse_desktop
