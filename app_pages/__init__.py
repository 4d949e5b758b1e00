"""One Streamlit page per file; layout only (logic lives in ui/ and the packages below it)."""
