# The course's commands. They run the runner (python -m course): a student's
# targets inside .venv, which the first one creates from requirements.txt;
# test, lint and bench add requirements-dev.txt; help, hint-NN, progress and
# clean need only the standard library and install nothing.
# `make` lists the targets: the `## ...` text on each rule line is its help.

.DEFAULT_GOAL := help
PYTHON ?= python3
PORT ?= 8000
HOST ?= 127.0.0.1
PAUSE ?= 1
export PORT HOST PAUSE

VENV := .venv
ifeq ($(OS),Windows_NT)
VENV_PYTHON := $(VENV)/Scripts/python.exe
else
VENV_PYTHON := $(VENV)/bin/python
endif
STAMP := $(VENV)/requirements.stamp
DEV_STAMP := $(VENV)/requirements-dev.stamp
RUN := $(VENV_PYTHON) -m course
BARE := $(PYTHON) -m course

help: ## List the lessons and these commands
	@$(BARE) list

lesson-%: $(STAMP) ## Run lesson NN and show its Try-it commands (PORT, HOST, ARGS=--debug)
	@$(RUN) lesson $* $(ARGS)

exercise-%: $(STAMP) ## Run your exercise NN server
	@$(RUN) exercise $* $(ARGS)

check-%: $(STAMP) ## Test your exercise NN: green when it is done
	@$(RUN) check $*

hint-%: ## Print the hint for exercise NN
	@$(BARE) hint $*

watch-%: $(STAMP) ## Re-run check NN every time you save the exercise
	@$(RUN) watch $*

solution-%: $(STAMP) ## Run the reference solution NN
	@$(RUN) solution $* $(ARGS)

progress: ## Show which exercises are done
	@$(BARE) progress

next: $(STAMP) ## Check the first exercise that is not done yet
	@$(RUN) next

reset-%: $(STAMP) ## Put exercise NN back as the course ships it (your version is kept as a backup)
	@$(RUN) reset $*

demo-%: $(STAMP) ## Instructors: replay lesson NN's requests step by step (PAUSE=0: no waiting)
	@$(RUN) demo $*

mongodb: $(STAMP) ## Run the embedded MongoDB-compatible server in the foreground (MONGODB_PORT=27017)
	@$(RUN) mongodb

bench: $(DEV_STAMP) ## Measure check-NN, lesson start-up and full test times (median of RUNS=5)
	@$(RUN) bench

bench-%: $(STAMP) ## Fire N=20 requests at once at each Bench path of lesson NN: a table, then a timeline
	@$(RUN) bench $* $(ARGS)

test: $(DEV_STAMP) ## Run the whole test suite, as CI does (ARGS="-k 05": pass pytest options)
	@$(RUN) test $(ARGS)

test-pythons: $(DEV_STAMP) ## Run the test suite on every installed Python 3.11+ (each in .venv-3.X)
	@$(RUN) test-pythons $(ARGS)

lint: $(DEV_STAMP) ## Check the code with ruff, and the CI workflow with its schema and zizmor
	@$(RUN) lint

clean: ## Remove generated files: caches, uploads, local databases
	@$(BARE) clean

lock: $(DEV_STAMP) ## Maintainers: recompile requirements*.txt from requirements*.in (uv)
	@$(RUN) lock

mutants: $(DEV_STAMP) ## Maintainers: delete each early return in turn; a test must fail (NN=05: one lesson)
	@$(RUN) mutants $(NN)

# Create or update .venv when a requirements file changes. An old or missing
# Python stops here with one line.
$(STAMP): requirements.txt
	$(eval problem := $(shell $(PYTHON) -c "$(VERSION_CHECK)" 2>/dev/null || echo "Cannot run $(PYTHON). $(NEED_PYTHON)"))
	$(if $(problem),$(error $(problem)))
	@$(PYTHON) -m course setup

$(DEV_STAMP): requirements-dev.txt requirements.txt
	$(eval problem := $(shell $(PYTHON) -c "$(VERSION_CHECK)" 2>/dev/null || echo "Cannot run $(PYTHON). $(NEED_PYTHON)"))
	$(if $(problem),$(error $(problem)))
	@$(PYTHON) -m course setup --dev

NEED_PYTHON := Install Python 3.11 or newer, or name one: make PYTHON=python3.12
VERSION_CHECK := import sys; sys.stdout.write('' if sys.version_info >= (3, 11) else 'This course needs Python 3.11 or newer; $(PYTHON) is %d.%d. $(NEED_PYTHON)' % sys.version_info[:2])

.PHONY: help progress next mongodb bench test test-pythons lint clean lock mutants
