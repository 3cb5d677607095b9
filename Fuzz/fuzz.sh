#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/DossierFuzz) into .build-fuzz and runs each for a set time.
#   Fuzz/fuzz.sh build            build only
#   Fuzz/fuzz.sh run SECONDS      build, then run every target SECONDS seconds, one after another
#   Fuzz/fuzz.sh smoke SECONDS    the same from the committed seeds alone (a fresh working corpus each time)
# New inputs go to .build-fuzz/corpus/<target> (the committed seeds in Fuzz/corpus/<target> are only read); a crash,
# timeout or out-of-memory is saved under .build-fuzz/artifacts/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
# debug builds in a fraction of release's time (about 4 minutes on 2 cores) but runs 2 to 3 times fewer inputs a second.
config=${FUZZ_CONFIG:-debug}
scratch=.build-fuzz
# target name, corpus folder
targets=("FuzzFrontMatter front-matter" "FuzzArticle article" "FuzzBuild build")

# Every Swift module is built with address sanitizer and libFuzzer's coverage; only the fuzz targets link libFuzzer
# (see Fuzz/DossierFuzz/Package.swift). The theme embedder, a build tool built with the same flags, would fail on
# LeakSanitizer's report of the memory it never frees before exiting. gold fails on these objects: link with lld.
build() {
    local start=$SECONDS
    ASAN_OPTIONS=detect_leaks=0 $SWIFT build -c "$config" --package-path Fuzz/DossierFuzz --scratch-path "$scratch" \
        -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
        -Xswiftc -use-ld=lld 2>&1 | grep -v "Cannot export local symbol" || true
    for entry in "${targets[@]}"; do
        [ -x "$scratch/$config/${entry%% *}" ] || { echo "fuzz: $scratch/$config/${entry%% *} was not built" >&2; exit 1; }
    done
    echo "fuzz: built the targets in $((SECONDS - start)) s"
}

# -detect_leaks=0: with it, every input after which Swift's runtime holds more memory than before (lazy caches) is run
# again under LeakSanitizer, which scans the heap: 10 to 20 times fewer runs. A real leak still ends as an
# out-of-memory finding at -rss_limit_mb.
# libFuzzer runs every input of the working corpus before it looks at the time: a smoke run starts from the seeds
# alone, or it would take as long as the corpus earlier runs grew.
run() {
    local seconds=$1 fresh=${2:-} failed=0 work=$scratch/corpus
    mkdir -p "$scratch/artifacts"
    if [ -n "$fresh" ]; then
        rm -rf "$scratch/smoke-corpus"
        work=$scratch/smoke-corpus
    fi
    for entry in "${targets[@]}"; do
        local target=${entry%% *} corpus=${entry##* }
        mkdir -p "$work/$corpus"
        echo "fuzz: $target for $seconds s"
        if ! "$scratch/$config/$target" "$work/$corpus" "Fuzz/corpus/$corpus" \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
            -artifact_prefix="$scratch/artifacts/$target-" >"$scratch/$target.log" 2>&1; then
            failed=1
            echo "fuzz: $target found a problem (see $scratch/$target.log and $scratch/artifacts/):" >&2
            grep -E "ERROR|error|Fatal|panic|Test unit written" "$scratch/$target.log" | head -20 >&2
        fi
        grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$scratch/$target.log" || true
    done
    return $failed
}

case "${1:-}" in
build) build ;;
run)
    build
    run "${2:?seconds per target}"
    ;;
smoke)
    build
    run "${2:?seconds per target}" fresh
    ;;
*)
    echo "usage: $0 build | run SECONDS | smoke SECONDS" >&2
    exit 2
    ;;
esac
