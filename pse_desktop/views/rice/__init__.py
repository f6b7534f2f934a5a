"""Screens of the rice area: the monthly list, distribution day, designations, stock."""
