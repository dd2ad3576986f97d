# kortrade: `make report` runs the main job on the seeds, `make test` runs every test.
# Both create .venv and install the project into it on first use; nothing is installed globally.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= seeds
OUT ?= outputs
# Relative dates ("1 day ago") stay unresolved unless a reference date is given:
# make report REFERENCE_DATE=2026-11-23
REFERENCE_DATE ?=

.PHONY: report test lab notebooks bench places constraints clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench,dask]"
	$(BIN)/python -m ipykernel install --sys-prefix --name kortrade --display-name "kortrade (Python 3)"
	touch $@

report: $(STAMP)
	$(BIN)/kortrade report --corpus $(CORPUS) --out $(OUT) $(if $(REFERENCE_DATE),--reference-date $(REFERENCE_DATE))

test: $(STAMP)
	$(BIN)/ruff check kortrade tests
	$(BIN)/python -m pytest

# Re-save the committed notebooks executed on the seeds with their default parameters (for nbval).
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --log-level=WARN \
		--ExecutePreprocessor.kernel_name=kortrade --ExecutePreprocessor.record_timing=False \
		--ClearMetadataPreprocessor.enabled=True --ClearMetadataPreprocessor.clear_notebook_metadata=False \
		--ClearMetadataPreprocessor.preserve_cell_metadata_mask=tags \
		notebooks/[0-9]*.ipynb

bench: $(STAMP)
	$(BIN)/python bench/figures_vs_quantulum3.py

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

# Regenerate kortrade/data/common/places.tsv from GeoNames and its word lists (the `vocabulary` extra).
places: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[vocabulary]"
	$(BIN)/python tools/make_places.py

constraints: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[vocabulary]"
	head -n 2 constraints.txt > constraints.txt.new
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' >> constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) outputs/data outputs/report outputs/notebooks outputs/figures outputs/manifest.json
