# kortrade: `make report` runs the main job on the seeds, `make test` runs every test.
# Both create .venv and install the project into it on first use; nothing is installed globally.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= seeds
OUT ?= outputs

.PHONY: report test lab bench constraints clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench,dask]"
	$(BIN)/python -m ipykernel install --sys-prefix --name kortrade --display-name "kortrade (Python 3)"
	touch $@

report: $(STAMP)
	$(BIN)/kortrade extract $(CORPUS) --out $(OUT)/data

test: $(STAMP)
	$(BIN)/ruff check kortrade tests
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/figures_vs_quantulum3.py

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

constraints: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) outputs/data outputs/report outputs/notebooks outputs/figures outputs/manifest.json
