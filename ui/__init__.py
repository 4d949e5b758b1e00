"""The Streamlit glue: auth, cached resources, widgets. Pages lay out; everything they call lives here."""
