# Front door: `make demo` and `make test` install missing Debian packages,
# configure and build Release, then run the default scenario or the tests.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := cmake make g++ pkg-config libeigen3-dev libboost-random-dev libtbb-dev \
	catch2 libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libssl-dev libmuparser-dev \
	libcsv-dev jupyter-nbconvert jupyter-client python3-ipykernel python3-pandas python3-matplotlib gnuplot-nox libfccp-dev
DEMO_SCENARIO ?= scenarios/library/croydon/baseline.toml
DEMO_ALTERNATIVES ?= scenarios/library/croydon/mopac_cut.toml \
	scenarios/library/croydon/short_grants.toml \
	scenarios/library/croydon/public_health_15_years.toml
DEMO_REPLICATES ?= 50
DEMO_OUT ?= runs/croydon-comparison

.PHONY: all deps configure build demo test bench format clean

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

configure: deps $(BUILD_DIR)/CMakeCache.txt

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/cli/vrsim compare $(DEMO_SCENARIO) $(DEMO_ALTERNATIVES) \
	  --replicates $(DEMO_REPLICATES) --out $(DEMO_OUT)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/bench_abm $(DEMO_SCENARIO)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR)
