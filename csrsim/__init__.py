"""The ``csrsim`` command line: typer commands over the product's packages (never over Streamlit)."""
