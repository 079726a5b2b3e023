# The two commands a new machine needs: `make run` and `make test`.
# Everything else (packages, configure, build) happens on the way.

BUILD      ?= build
BUILD_SAN  ?= build-san
DB         ?= var/raa.db
LISTEN     ?= 127.0.0.1:8080
SEED       ?= 1

.PHONY: all deps build build-san run test test-fast demo clean bench

all: build

deps:
	@bash scripts/install-deps.sh
	@bash scripts/install-web.sh

$(BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

$(BUILD_SAN)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_SAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSANITIZE=ON

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD)

build-san: deps $(BUILD_SAN)/build.ninja
	cmake --build $(BUILD_SAN)

# Fresh demo region every time, so the printed logins are the ones that work.
demo: build
	@mkdir -p var
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	./$(BUILD)/raa --db $(DB) init
	./$(BUILD)/raa --db $(DB) demo --seed $(SEED)

run: demo
	./$(BUILD)/raa --db $(DB) serve --listen $(LISTEN)

# The whole suite twice: once optimised, once under ASan+UBSan.
test: build build-san
	cd $(BUILD) && ctest --output-on-failure -j2
	cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j2

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j2

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD_SAN)
