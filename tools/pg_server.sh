# Sourced by tools/test: a throwaway PostgreSQL server on a loopback port, in a
# temporary folder, run as the postgres user; stopped by the caller's trap.
#   pg_server_start   sets SALESDESK_TEST_DB_URL (the superuser's URL of the server)
#   pg_server_stop    stops it and removes its folder (safe to call twice)
PG_PORT=""
PG_DIR=""

pg_bin() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    [ -x "$bin/initdb" ] && { echo "$bin"; return 0; }
  done
  return 1
}

pg_server_start() {
  local bin run=()
  bin="$(pg_bin)" || { echo "tools/test: PostgreSQL is not installed" >&2; return 1; }
  PG_DIR="$(mktemp -d -t salesdesk-pg.XXXXXX)"
  # A free port, so several checkouts can test at once on one machine.
  PG_PORT="${SALESDESK_TEST_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
  # initdb refuses root: the server runs as the postgres user, in a folder it owns.
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 \
    --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # Members of the role pw_login must give their password (scram-sha-256), so that a
  # wrong or missing password can be tested; every other role is trusted, as before. The
  # first matching line wins, so these go before initdb's trust lines. (PostgreSQL 15
  # takes no pattern of role names here, hence a group; the group is made once started.)
  local hba="$PG_DIR/data/pg_hba.conf"
  { printf 'local all +pw_login scram-sha-256\nhost all +pw_login 127.0.0.1/32 scram-sha-256\n'
    cat "$hba"; } >"$PG_DIR/hba.new" && cat "$PG_DIR/hba.new" >"$hba" && rm -f "$PG_DIR/hba.new"
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/log" >&2; return 1; }
  "${run[@]}" "$bin/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -q \
    -c "CREATE ROLE pw_login NOLOGIN" >/dev/null || return 1
  export SALESDESK_TEST_DB_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  export SALESDESK_TEST_PG_BIN="$bin"
}

pg_server_stop() {
  [ -n "$PG_DIR" ] || return 0
  local bin run=()
  bin="$(pg_bin)" || return 0
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
  # The runs after this one are SQLite's again.
  unset SALESDESK_TEST_DB_URL SALESDESK_TEST_PG_BIN
}
