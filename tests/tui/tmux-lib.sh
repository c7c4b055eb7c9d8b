# tmux-lib.sh: drive a full-screen program in a private tmux server (sourced by the tests).
# Waits are on screen text (polled every 50 ms with a deadline), never fixed sleeps.
set -u
TUI_TIMEOUT=${TUI_TIMEOUT:-20}
TUI_SOCK="wd-tui-test-$$"
TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/wd-tui.XXXXXX")
T="t:0.0"
FAILS=0
CHECKS=0

tm() { tmux -L "$TUI_SOCK" -f "$TUI_TMP/tmux.conf" "$@"; }
tui_cleanup() { tm kill-server >/dev/null 2>&1; rm -rf "$TUI_TMP"; }
trap tui_cleanup EXIT

now_ms() { echo $(( ${EPOCHREALTIME/[.,]/} / 1000 )); }

# tui_start COLSxROWS COMMAND...: starts COMMAND in a fresh session
tui_start() {
    local size=$1; shift
    cat >"$TUI_TMP/tmux.conf" <<CONF
set -g default-terminal "tmux-256color"
set -g status off
set -g remain-on-exit on
set -sg escape-time 0
set -g history-limit 0
CONF
    rm -f "$TUI_TMP/status"
    printf 'export LANG=C.UTF-8 LC_ALL=C.UTF-8\n' >"$TUI_TMP/run.sh"
    printf ' %q' "$@" >>"$TUI_TMP/run.sh"
    # the exit status goes to a file: tmux's #{pane_dead_status} is not always set
    printf '\necho $? >%q\n' "$TUI_TMP/status" >>"$TUI_TMP/run.sh"
    tm kill-server >/dev/null 2>&1 || true
    unset TMUX
    tm -u new-session -d -s t -x "${size%x*}" -y "${size#*x}" "sh $TUI_TMP/run.sh"
}

screen() { tm capture-pane -p -t "$T"; }
dead() { [ "$(tm display -p -t "$T" '#{pane_dead}' 2>/dev/null)" = 1 ]; }
keys() { tm send-keys -t "$T" "$@"; }
typed() { tm send-keys -t "$T" -l -- "$1"; }

fail() {
    echo "FAIL: $*" >&2
    screen | sed 's/^/  | /' >&2
    FAILS=$((FAILS + 1))
}

# wait_for TEXT [DESCRIPTION]: until TEXT is on the screen
wait_for() {
    local deadline=$(( $(now_ms) + TUI_TIMEOUT * 1000 ))
    CHECKS=$((CHECKS + 1))
    while ! screen | grep -qF -- "$1"; do
        if dead && ! screen | grep -qF -- "$1"; then
            fail "${2:-wait} (program died while waiting for '$1')"
            return 1
        fi
        if [ "$(now_ms)" -ge "$deadline" ]; then
            fail "${2:-wait}: timeout waiting for '$1'"
            return 1
        fi
        sleep 0.05
    done
    echo "ok: ${2:-$1}"
}

# wait_gone TEXT
wait_gone() {
    local deadline=$(( $(now_ms) + TUI_TIMEOUT * 1000 ))
    CHECKS=$((CHECKS + 1))
    while screen | grep -qF -- "$1"; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            fail "${2:-gone}: '$1' is still on the screen"
            return 1
        fi
        sleep 0.05
    done
    echo "ok: ${2:-gone $1}"
}

# wait_dead STATUS: the program exits with STATUS
wait_dead() {
    local deadline=$(( $(now_ms) + TUI_TIMEOUT * 1000 ))
    CHECKS=$((CHECKS + 1))
    while ! dead; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            fail "program did not exit"
            return 1
        fi
        sleep 0.05
    done
    local st=""
    while [ -z "$st" ] && [ "$(now_ms)" -lt "$deadline" ]; do
        st=$(cat "$TUI_TMP/status" 2>/dev/null)
        [ -n "$st" ] || sleep 0.05
    done
    if [ "$st" != "$1" ]; then
        fail "exit status $st, expected $1"
        return 1
    fi
    echo "ok: exited with status $st"
}

# mouse BUTTON X Y: a press and release at column X, row Y (0-based) in the X10 encoding the
# tmux terminfo names (kmous=\E[M): button, column and row each offset by 32 (+1: 1-based).
# BUTTON 0 is the left button, 64 / 65 the wheel up / down (which have no release).
mouse() {
    local b=$1 x=$(( $2 + 33 )) y=$(( $3 + 33 )) seq
    seq=$(printf '\033[M\\x%x\\x%x\\x%x' $(( b + 32 )) "$x" "$y")
    [ "$b" -lt 64 ] && seq="$seq$(printf '\033[M#\\x%x\\x%x' "$x" "$y")"
    typed "$(printf '%b' "$seq")"
}

# row N of the screen (0-based)
row() { screen | sed -n "$(( $1 + 1 ))p"; }

tui_finish() {
    echo "$CHECKS checks, $FAILS failed"
    [ "$FAILS" -eq 0 ]
}
