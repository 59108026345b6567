#!/usr/bin/env bash
# Builds faiss-node's native addon (an optional dependency) against the system libfaiss, offline.
#
# Why: faiss-node's install script downloads a prebuilt binary or git-clones faiss; both fail offline,
# so `npm ci` drops the package (it is optional). This script
#   1. installs libfaiss-dev and the compile tools with apt when they are missing (needs root),
#   2. restores node_modules/faiss-node from the npm cache without running its install script,
#   3. compiles node_modules/faiss-node/src/faiss.cc with node-gyp and our own binding.gyp against
#      the local Node headers (never downloads them) and Debian's libfaiss (1.7.3: see faiss/faiss_compat.h),
#   4. smoke-tests require("faiss-node").
# Idempotent: a second run only checks a stamp and loads the addon (well under a second).
# Usage: scripts/build-faiss.sh [--force]      Env: NODEDIR (Node headers prefix), JOBS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/scripts/faiss"
PKG="$ROOT/node_modules/faiss-node"
WANT_VERSION="0.5.1"
OUT="$PKG/build/Release/faiss-node.node"
STAMP="$PKG/build/Release/rech-build.stamp"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

log() { echo "build-faiss: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- 1. system packages -------------------------------------------------------------------------
missing=()
[[ -f /usr/include/faiss/IndexFlat.h ]] || missing+=(libfaiss-dev)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) and rerun"
  fi
fi

# --- 2. faiss-node sources ----------------------------------------------------------------------
if [[ ! -f "$PKG/src/faiss.cc" ]]; then
  log "restoring node_modules/faiss-node from the npm cache (install scripts skipped)"
  (cd "$ROOT" && npm install --no-save --ignore-scripts --prefer-offline --no-audit --no-fund \
    --loglevel=error >/dev/null)
  [[ -f "$PKG/src/faiss.cc" ]] || die "npm did not restore node_modules/faiss-node"
fi
have_version="$(node -p "require('$PKG/package.json').version")"
[[ "$have_version" == "$WANT_VERSION" ]] ||
  die "node_modules/faiss-node is $have_version, this script knows how to build $WANT_VERSION"

# --- 3. up to date? -----------------------------------------------------------------------------
faiss_version="$(grep -E '^#define FAISS_VERSION_(MAJOR|MINOR|PATCH)' /usr/include/faiss/Index.h | awk '{print $3}' | paste -sd.)"
key="$( { cat "$PKG/src/faiss.cc" "$HERE/faiss_compat.h" "${BASH_SOURCE[0]}"; node -v; echo "$faiss_version"; } | sha256sum | cut -c1-16)"
smoke() {
  node -e '
    const f = require(process.argv[1]);
    const ix = new f.IndexFlatIP(2);
    ix.add([1, 0, 0, 1, 0.5, 0.5]);
    const r = ix.search([0.9, 0.1], 2);
    if (r.labels[0] !== 0 || r.labels[1] !== 2) throw new Error("unexpected search result " + JSON.stringify(r));
  ' "$PKG"
}
if ((FORCE == 0)) && [[ -f "$OUT" && -f "$STAMP" && "$(cat "$STAMP")" == "$key" ]] && smoke 2>/dev/null; then
  log "faiss-node already built against libfaiss $faiss_version ($OUT)"
  exit 0
fi

# --- 4. toolchain: node-gyp shipped with npm, local Node headers ---------------------------------
GYP=""
for cand in "$(npm root -g 2>/dev/null)/npm/node_modules/node-gyp/bin/node-gyp.js" \
            "$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"; do
  [[ -f "$cand" ]] && { GYP="$cand"; break; }
done
[[ -n "$GYP" ]] || die "node-gyp not found next to npm"

if [[ -z "${NODEDIR:-}" ]]; then
  prefix="$(node -p "require('path').resolve(process.execPath, '..', '..')")"
  for cand in "$prefix" /usr /usr/local; do
    [[ -f "$cand/include/node/node_api.h" && -f "$cand/include/node/common.gypi" ]] && { NODEDIR="$cand"; break; }
  done
fi
[[ -n "${NODEDIR:-}" ]] || die "Node headers not found (looked for include/node/node_api.h); set NODEDIR"

# --- 5. compile ---------------------------------------------------------------------------------
WORK="$PKG/rech-build"
rm -rf "$WORK"
mkdir -p "$WORK"
cat >"$WORK/binding.gyp" <<EOF
{
  "targets": [{
    "target_name": "faiss-node",
    "sources": ["../src/faiss.cc"],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
    "defines": ["NAPI_VERSION=6", "NAPI_CPP_EXCEPTIONS"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
    "cflags_cc": ["-fexceptions", "-frtti", "-std=c++17", "-O2", "-fopenmp", "-include", "$HERE/faiss_compat.h"],
    "ldflags": ["-fopenmp"],
    "libraries": ["-lfaiss", "-llapack", "-lblas"]
  }]
}
EOF
log "compiling faiss-node $WANT_VERSION against libfaiss $faiss_version (node headers: $NODEDIR/include/node)"
if ! (cd "$WORK" && node "$GYP" rebuild --nodedir="$NODEDIR" --jobs="${JOBS:-2}" >"$WORK/build.log" 2>&1); then
  tail -n 40 "$WORK/build.log" >&2
  die "node-gyp failed (full log: $WORK/build.log)"
fi
mkdir -p "$(dirname "$OUT")"
cp "$WORK/build/Release/faiss-node.node" "$OUT.tmp"
mv "$OUT.tmp" "$OUT"

# --- 6. check -----------------------------------------------------------------------------------
smoke || die "the built addon does not load or search correctly"
echo "$key" >"$STAMP"
log "ok: $OUT"
