#!/usr/bin/env bash
# Debian packages the tests and benchmarks need beyond PyPI: Chromium and its driver for the
# workshop phone pages (headless browser tests) and Xvfb for real-window frame benchmarks.
# Called by the Makefile before the Python environment is built. It installs only what is
# missing, only on Debian/Ubuntu, and only when it can (root or passwordless sudo); anywhere
# else it says what to install and carries on, so `make play` still works on a desktop.
set -u
packages=(chromium chromium-driver xvfb xauth)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: not a Debian system; install ${missing[*]} yourself for the browser tests" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "note: run 'sudo apt-get install ${missing[*]}' for the browser tests and benchmarks" >&2
  exit 0
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || { echo "warning: could not install ${missing[*]}" >&2; exit 0; }
