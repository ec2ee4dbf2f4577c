# Source this file: it puts a Node >= 22.20 binary first on PATH.
# A machine whose own Node is new enough is left as it is; otherwise Node 22 is
# installed once from the npm registry into a cache folder and reused after.
#   . scripts/node-env.sh
_exitready_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=20)?0:1)' 2>/dev/null
}
if ! _exitready_node_ok; then
  _exitready_cache="${EXITREADY_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/exitready-node}"
  if [ ! -x "$_exitready_cache/node_modules/.bin/node" ]; then
    echo "exitready: installing Node 22 into $_exitready_cache (this machine's Node is $(node --version 2>/dev/null || echo absent))" >&2
    npm install --no-save --no-audit --no-fund --prefix "$_exitready_cache" node@22 >&2 || return 1 2>/dev/null || exit 1
  fi
  PATH="$_exitready_cache/node_modules/.bin:$PATH"
  export PATH
  _exitready_node_ok || { echo "exitready: could not provide Node >= 22.20" >&2; return 1 2>/dev/null || exit 1; }
fi
unset -f _exitready_node_ok
