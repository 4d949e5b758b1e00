# The two commands of the README. Everything they do lives in scripts/.
.PHONY: run test

run:
	bash scripts/setup.sh
	.venv/bin/streamlit run app.py --server.headless true

test:
	bash scripts/setup.sh --test
	bash scripts/test.sh
