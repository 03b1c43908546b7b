# Thin wrapper around CMake. The two set-up commands of the README:
#   make demo   install what is missing, build, audit the bundled example site
#   make test   install what is missing, build, run every test (also under ASan+UBSan)

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
DEMO_OUT   ?= $(BUILD)/demo/report

.PHONY: all deps deps-test build build-asan demo test test-fast clean

all: build

deps:
	./.ci/install-deps build

deps-test:
	./.ci/install-deps test

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps-test
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVCA_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	./examples/run-demo.sh $(BUILD) $(DEMO_OUT)

# Every test, in the normal build and again under AddressSanitizer + UBSan.
test: deps-test build build-asan
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Normal build only, for a quick loop while developing.
test-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
