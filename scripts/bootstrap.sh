#!/usr/bin/env bash
# Sets up everything vernetool needs on a Debian/Ubuntu machine: Qt's system libraries
# (through apt when run as root), a virtual environment in .venv, and the locked packages.
# Sourced by scripts/demo and scripts/test; safe to run again (it skips what is done).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.venv"
lock="$repo/requirements/lock.txt"

# Qt offscreen needs these; a real window needs the xcb ones too.
qt_libs=(libglib2.0-0 libegl1 libgl1 libfontconfig1 fonts-dejavu-core libxkbcommon0 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
         libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
extra_libs=(python3-venv xvfb xauth poppler-utils)

missing_debs() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || printf '%s\n' "$pkg"
    done
}

ensure_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: nothing to check
    local missing
    mapfile -t missing < <(missing_debs "${qt_libs[@]}" "${extra_libs[@]}")
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "vernetool: installing system packages: ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "vernetool: these Debian packages are missing: ${missing[*]}" >&2
        echo "vernetool: install them with: sudo apt-get install ${missing[*]}" >&2
        echo "vernetool: (or run this command as root once and it installs them itself)" >&2
        # python3-venv is needed to go on; the rest only matter for showing windows/tests.
        # (Debian's python3 has the venv module without ensurepip until python3-venv is in.)
        [ -x "$venv/bin/python" ] || python3 -c "import ensurepip" >/dev/null 2>&1 || exit 1
    fi
}

ensure_python() {
    if ! command -v python3 >/dev/null 2>&1; then
        echo "vernetool: python3 (3.11 or newer) is required" >&2; exit 1
    fi
    python3 - <<'PY' || { echo "vernetool: Python 3.11 or newer is required" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
}

ensure_venv() {
    local stamp="$venv/.lock-sha256" want
    want="$(sha256sum "$lock" "$repo/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
        return 0
    fi
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    echo "vernetool: installing locked Python packages into .venv (first run takes a minute)" >&2
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes \
        -r "$lock"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation \
        -e "$repo"
    echo "$want" > "$stamp"
}

ensure_python
ensure_system_packages
ensure_venv
