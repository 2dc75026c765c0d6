#!/usr/bin/env bash
# Measure the action's install step as a runner does it: a clean venv, then
#   pip install --require-hashes --no-deps --only-binary :all: -r action-requirements.txt
# cold (empty pip cache), warm (pip's cache filled by the cold run), and a restore of the
# cached environment (what actions/cache does on a hit: unpack a tarball). Prints the core
# size (site-packages without pip and setuptools) and, for comparison, the [match] extra.
# Needs the package index. Usage: bash benchmarks/action_install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_CONSTRAINT
export PIP_CACHE_DIR="$work/pip-cache"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null || python=python3

install() {  # $1: venv folder
  "$python" -m venv "$1"
  "$1/bin/python" -m pip install --quiet --require-hashes --no-deps --only-binary :all: \
    --requirement "$root/action-requirements.txt"
}
size_mb() {  # site-packages without pip and setuptools, in MB
  local sp
  sp="$(echo "$1"/lib/python3*/site-packages)"
  du -sk --exclude='pip' --exclude='pip-*' --exclude='setuptools' --exclude='setuptools-*' \
    --exclude='_distutils_hack' --exclude='distutils-precedence.pth' "$sp" | awk '{printf "%.1f", $1/1024}'
}
seconds() { local start=$SECONDS; "$@"; echo $((SECONDS - start)); }

cold=$( { /usr/bin/time -f %e bash -c "$(declare -f install); python=$python root=$root install $work/cold" ; } 2>&1 | tail -1)
warm=$( { /usr/bin/time -f %e bash -c "$(declare -f install); python=$python root=$root install $work/warm" ; } 2>&1 | tail -1)
# actions/cache stores the folder as a zstd-compressed tar; a hit downloads and unpacks it
tar -C "$work" -cf - warm | zstd -q -T0 -o "$work/venv.tar.zst"
archive=$(du -k "$work/venv.tar.zst" | awk '{printf "%.1f", $1/1024}')
rm -rf "$work/warm"
restore=$( { /usr/bin/time -f %e bash -c "zstd -q -d -c '$work/venv.tar.zst' | tar -C '$work' -xf -" ; } 2>&1 | tail -1)
PYTHONPATH="$root" "$work/warm/bin/python" -m cohort validate "$root/examples/cohort.yml" >/dev/null
core=$(size_mb "$work/warm")
if "$work/warm/bin/python" -c "import ortools" 2>/dev/null; then echo "ortools in the core install!" >&2; exit 1; fi
"$work/cold/bin/python" -m pip install --quiet --only-binary :all: "ortools>=9.10"
full=$(size_mb "$work/cold")
echo "action install, cold pip cache:  ${cold} s"
echo "action install, warm pip cache:  ${warm} s"
echo "action cache hit: unpack the ${archive} MB zstd archive: ${restore} s (plus its download)"
echo "core site-packages (no pip/setuptools): ${core} MB (target <= 150 MB)"
echo "with the [match] extra (OR-Tools, NumPy, pandas): ${full} MB"
