#!/usr/bin/env bash
# Times whole `datacharter lint` runs on generated workspaces and checks the performance
# targets of docs/performance.md. Release builds; takes a few minutes.
#
#   scripts/bench.sh            # everything
#   QUICK=1 scripts/bench.sh    # fewer runs, no divan benchmarks
#
# Needs: hyperfine (apt-get install hyperfine), GNU time for peak memory (apt-get install time),
# check-jsonschema for the comparison (python3 -m pip install check-jsonschema, or pipx).
# Missing tools are reported and their checks skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATACHARTER_TODAY=2026-11-28   # the generated review dates are in 2026
runs=${RUNS:-5}
[[ -n "${QUICK:-}" ]] && runs=3
work=${BENCH_DIR:-target/bench-workspaces}

have() { command -v "$1" >/dev/null 2>&1; }
have hyperfine || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }

cargo build --release --locked --bin datacharter --example gen-workspace
bin=$PWD/target/release/datacharter
gen=$PWD/target/release/examples/gen-workspace

# Workspaces: the reference (10,000 processings in 1,000 files), a tenth of it, and one
# document per file for check-jsonschema.
generate() { # name processings files
  [[ -d "$work/$1" ]] || "$gen" --processings "$2" --files "$3" --seed 1 --out "$work/$1" >/dev/null
}
generate p10000-f1000 10000 1000
generate p1000-f100 1000 100
generate p1000-f1000 1000 1000

# --threads N when the CLI has it; rayon's variable otherwise (the pool defaults to it).
threads() {
  if "$bin" lint --help | grep -q -- '--threads'; then echo "--threads $1"; else echo "env RAYON_NUM_THREADS=$1"; fi
}
lint_cmd() { # workspace threads
  local t; t=$(threads "$2")
  if [[ $t == env* ]]; then echo "$t $bin lint --format json $1"; else echo "$bin lint $t --format json $1"; fi
}

# Mean seconds of each command, in order, from a hyperfine JSON export.
means() { python3 -c 'import json,sys; print(" ".join(str(r["mean"]) for r in json.load(open(sys.argv[1]))["results"]))' "$1"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
check() { # label value op bound
  if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) $3 float(sys.argv[2]) else 1)" "$2" "$4"; then
    printf '  PASS  %-58s %8s %s %s\n' "$1" "$2" "$3" "$4"
  else
    printf '  FAIL  %-58s %8s %s %s\n' "$1" "$2" "$3" "$4"
  fi
}
fine() { # runs json-file command…
  local n=$1; shift; hyperfine --style basic --warmup 1 --runs "$n" -i --export-json "$@"; }

results=()
echo "== threads: 1 vs 2 on 10,000 processings"
fine "$runs" "$work/threads.json" -n t1 "$(lint_cmd "$work/p10000-f1000" 1)" -n t2 "$(lint_cmd "$work/p10000-f1000" 2)"
read -r t1 t2 < <(means "$work/threads.json")
results+=("$(check "threads 2 / threads 1 (10,000 processings)" "$(ratio "$t2" "$t1")" "<=" 0.65)")

echo "== size: 1,000 vs 10,000 processings, one thread"
fine "$runs" "$work/size.json" -n small "$(lint_cmd "$work/p1000-f100" 1)"
read -r small < <(means "$work/size.json")
results+=("$(check "10x processings / 1x (one thread)" "$(ratio "$t1" "$small")" "<=" 11)")

echo "== the example workspace"
fine $((runs * 4)) "$work/example.json" -N -n example "$bin lint --format json examples/quatre-saisons"
read -r example < <(means "$work/example.json")
results+=("$(check "example workspace, seconds" "$(printf '%.4f' "$example")" "<" 0.050)")

if [[ -x /usr/bin/time ]]; then
  echo "== peak memory, 10,000 processings, one thread"
  t=$(threads 1)
  if [[ $t == env* ]]; then cmd=($t "$bin" lint --format json "$work/p10000-f1000"); else cmd=("$bin" lint $t --format json "$work/p10000-f1000"); fi
  peak_kb=$( { /usr/bin/time -v "${cmd[@]}" >/dev/null; } 2>&1 | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
  disk=$(du -sb --exclude=planted.json "$work/p10000-f1000" | cut -f1)
  bound=$(python3 -c "import sys; print(f'{(4 * int(sys.argv[1]) + 30e6) / 1e6:.1f}')" "$disk")
  results+=("$(check "peak RSS MB (bound: 4 x $((disk / 1000000)) MB on disk + 30 MB)" "$(python3 -c "import sys; print(f'{int(sys.argv[1]) * 1024 / 1e6:.1f}')" "$peak_kb")" "<=" "$bound")")
else
  echo "skipped peak memory: apt-get install time" >&2
fi

if have check-jsonschema; then
  echo "== check-jsonschema vs datacharter, 1,000 files of one document"
  list=$(cd "$work/p1000-f1000" && find . -name '*.yaml' ! -name datacharter.yaml | sort | tr '\n' ' ')
  fine 3 "$work/cjs.json" \
    -n datacharter "$(lint_cmd "$work/p1000-f1000" 2)" \
    -n check-jsonschema "cd $work/p1000-f1000 && check-jsonschema --schemafile $PWD/schemas/document.schema.json $list"
  read -r dc cjs < <(means "$work/cjs.json")
  results+=("$(check "check-jsonschema / datacharter (datacharter runs every rule)" "$(ratio "$cjs" "$dc")" ">=" 20)")
else
  echo "skipped check-jsonschema: python3 -m pip install check-jsonschema" >&2
fi

if [[ -z "${QUICK:-}" ]]; then
  # Parse stage alone vs the full lint, in-process and on one thread: the divan benchmarks.
  echo "== stages (divan), 10,000 processings"
  cargo bench --locked --bench pipeline -- parse lint_every_rule 2>&1 | tee "$work/divan.txt"
  # divan prints one row per argument: "│  ├─ 10000   fastest │ slowest │ median │ mean …".
  median() { # bench name → median seconds at 10000
    python3 - "$work/divan.txt" "$1" <<'PY'
import re, sys
units = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
current = None
for line in open(sys.argv[1], encoding="utf-8"):
    name = re.match(r"^[├╰]─ (\w+)", line)
    if name:
        current = name.group(1)
    row = re.search(r"[├╰]─ 10000\s+(.*)", line)
    if row and current == sys.argv[2]:
        cells = [c.strip() for c in row.group(1).split("│")]
        value, unit = cells[2].split()
        print(float(value) * units[unit]); break
PY
  }
  parse=$(median parse); full=$(median lint_every_rule)
  results+=("$(check "full lint / parse stage (10,000 processings, one thread)" "$(ratio "$full" "$parse")" "<=" 1.5)")
fi

echo
echo "Targets"
printf '%s\n' "${results[@]}"
# `check` runs in a subshell: count the failures from its lines.
! printf '%s\n' "${results[@]}" | grep -q '^  FAIL'

