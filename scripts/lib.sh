# Shared set-up for scripts/: install what is missing, then build.
# Sourced, not run. Needs bash.

TIEOUT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# python3: the crash test reads the dataset's state with its sqlite3 module; the generators use it too.
TIEOUT_APT_PACKAGES="libxml2-dev libsqlite3-dev zlib1g-dev libfreexl-dev libxlsxwriter-dev libzip-dev libpq-dev pkgconf python3"
# The tests also need a PostgreSQL server (a throwaway cluster, scripts/pg-cluster), and LibreOffice,
# which opens the workbooks and the annotated report Tieout writes, as a user's office program would.
TIEOUT_TEST_APT_PACKAGES="postgresql libreoffice-calc-nogui libreoffice-writer-nogui"

# Installs the Debian packages Tieout builds against, and any named as arguments, when they are missing.
tieout_ensure_packages() {
    local missing=()
    local p
    for p in $TIEOUT_APT_PACKAGES "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "tieout: installing ${missing[*]} (apt-get)" >&2
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2 || {
            echo "tieout: could not install ${missing[*]}; install them and run again" >&2
            return 1
        }
    else
        echo "tieout: missing packages: ${missing[*]}" >&2
        echo "tieout: install them first:  sudo apt-get install ${missing[*]}" >&2
        return 1
    fi
}

tieout_ensure_swift() {
    command -v swift >/dev/null 2>&1 && return 0
    echo "tieout: swift is not on PATH; install a Swift 6.1+ toolchain (swift.org) and run again" >&2
    return 1
}
