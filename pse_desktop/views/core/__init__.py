"""The window itself (start-up, login, shell, home) and the admin screens."""
