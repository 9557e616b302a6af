# Sourced by the report scripts: reading the numbers of a `macgen cost --json`
# report without a JSON tool (one key per line, as macgen writes it).
field() { # file key: the first (top-level) numeric value of "key"
  sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\([0-9.e+-]*\).*/\1/p" "$1" | head -n 1
}
