#!/usr/bin/env bash
# Installs what the host build and tests need, only when it is missing:
# Debian packages (as root, or through sudo) and the npm dependencies.
# `npm start` and `npm test` call this first, so both work on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(cmake make g++ clang libclang-rt-14-dev libcurl4-openssl-dev libgtest-dev googletest pkg-config binutils valgrind
  nlohmann-json3-dev nginx-light wrk openssl clang-format)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 20.19: the oldest Node.js the JavaScript linter (ESLint) supports.
if ! command -v node >/dev/null ||
  ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "setup: Node.js 20.19 or newer is required" >&2
  exit 1
fi

# Reinstall npm packages when the lock file changed since the last install.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
