"""CLI commands: one module each, with ``register(app)`` adding the command to the Typer app."""
