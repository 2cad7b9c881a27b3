#!/usr/bin/env bash
# laurel's test command: installs what the tests need when it is missing, then
# runs `cargo test` with any arguments given here, e.g.
#   bash tests/run.sh
#   bash tests/run.sh --test it fuzz::
# Each need is one `need_*` function, listed in NEEDS at the bottom.
set -euo pipefail
cd "$(dirname "$0")/.."

# Stops the run, saying what is missing and how to provide it.
stop() {
    {
        printf 'tests/run.sh: %s\n' "$1"
        shift
        printf '  %s\n' "$@"
    } >&2
    exit 1
}

# Installs a Debian package: as root, else through sudo; `apt-get update` only
# when the first try fails. Returns non-zero when it cannot.
install_debian() {
    local package=$1 run=()
    command -v apt-get >/dev/null || return 1
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || return 1
        run=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    echo "tests/run.sh: installing $package" >&2
    "${run[@]}" apt-get install -y -q "$package" ||
        { "${run[@]}" apt-get update -q && "${run[@]}" apt-get install -y -q "$package"; }
}

# Headless Chromium for the browser tests (tests/it/chromium.rs looks in the
# same places: $LAUREL_CHROMIUM, then the usual install paths).
need_chromium() {
    if [ -n "${LAUREL_CHROMIUM:-}" ]; then
        [ -x "$LAUREL_CHROMIUM" ] && return
        stop "LAUREL_CHROMIUM is set to $LAUREL_CHROMIUM, which is not a program." \
            "Set it to a Chromium or Chrome binary, or unset it to use or install the chromium package."
    fi
    local path
    for path in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
        [ -x "$path" ] && return
    done
    install_debian chromium && [ -x /usr/bin/chromium ] && return
    stop "the browser tests need headless Chromium, and it could not be installed." \
        "Install the Debian package chromium (apt-get install -y chromium, as root)," \
        "or set LAUREL_CHROMIUM to a Chromium or Chrome binary; then run bash tests/run.sh again."
}

# Installs an npm package, pinned, under target/ (the tests look there unless
# the variable named after it points elsewhere); npm itself from Debian when
# the machine has none.
install_npm() {
    local spec=$1 folder=$2
    command -v npm >/dev/null || install_debian npm || return 1
    echo "tests/run.sh: installing $spec into $folder" >&2
    npm install --silent --no-audit --no-fund --prefix "$folder" "$spec"
}

# axe-core for the accessibility tests (tests/it/accessibility.rs reads
# $LAUREL_AXE, else target/axe/node_modules/axe-core/axe.min.js).
need_axe() {
    [ -n "${LAUREL_AXE:-}" ] && { [ -f "$LAUREL_AXE" ] && return; stop "LAUREL_AXE is set to $LAUREL_AXE, which is not a file."; }
    [ -f target/axe/node_modules/axe-core/axe.min.js ] && return
    install_npm axe-core@4.10.3 target/axe && return
    stop "the accessibility tests need axe-core, and it could not be installed." \
        "Run: npm install --prefix target/axe axe-core@4.10.3 (or set LAUREL_AXE to an axe.min.js)."
}

# The Nu HTML Checker: a JRE and the vnu-jar package ($LAUREL_VNU, else
# target/vnu/node_modules/vnu-jar/build/dist/vnu.jar).
need_vnu() {
    command -v java >/dev/null || install_debian default-jre-headless ||
        stop "the Nu HTML Checker needs Java, and it could not be installed." \
            "Install the Debian package default-jre-headless (apt-get install -y default-jre-headless, as root)."
    [ -n "${LAUREL_VNU:-}" ] && { [ -f "$LAUREL_VNU" ] && return; stop "LAUREL_VNU is set to $LAUREL_VNU, which is not a file."; }
    [ -f target/vnu/node_modules/vnu-jar/build/dist/vnu.jar ] && return
    install_npm vnu-jar@24.10.17 target/vnu && return
    stop "the HTML validity test needs the Nu HTML Checker, and it could not be installed." \
        "Run: npm install --prefix target/vnu vnu-jar@24.10.17 (or set LAUREL_VNU to a vnu.jar)."
}

# moto's S3 server for the deploy tests (tests/it/deploy.rs runs
# $LAUREL_MOTO, else target/moto/bin/moto_server, else moto_server on the PATH).
need_moto() {
    [ -n "${LAUREL_MOTO:-}" ] && { [ -x "$LAUREL_MOTO" ] && return; stop "LAUREL_MOTO is set to $LAUREL_MOTO, which is not a program."; }
    [ -x target/moto/bin/moto_server ] && return
    command -v moto_server >/dev/null && return
    command -v python3 >/dev/null || install_debian python3-venv ||
        stop "the deploy tests need Python 3 for moto's S3 server, and it could not be installed." \
            "Install the Debian package python3-venv (apt-get install -y python3-venv, as root)."
    python3 -m venv target/moto || { rm -rf target/moto; install_debian python3-venv && python3 -m venv target/moto; } ||
        stop "the deploy tests need a Python virtual environment, and python3 -m venv failed." \
            "Install the Debian package python3-venv (apt-get install -y python3-venv, as root)."
    echo "tests/run.sh: installing moto[server] into target/moto" >&2
    target/moto/bin/pip install --quiet 'moto[server]==5.2.1' && return
    rm -rf target/moto
    stop "the deploy tests need moto's S3 server, and it could not be installed." \
        "Run: python3 -m venv target/moto && target/moto/bin/pip install 'moto[server]==5.2.1' (or set LAUREL_MOTO to a moto_server)."
}

NEEDS=(need_chromium need_axe need_vnu need_moto)
for need in "${NEEDS[@]}"; do
    "$need"
done
exec cargo test "$@"
