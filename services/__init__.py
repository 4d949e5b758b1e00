"""Services: one function per job, over storage, scoring and the language layer; no Streamlit."""
