#!/usr/bin/env bash
# Installs what is missing, then serves IAM Playground on http://127.0.0.1:8080 (rebuilds on change).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
unset NO_COLOR # Trunk 0.21 rejects NO_COLOR=1
echo "==> serving IAM Playground on http://127.0.0.1:8080 (Ctrl+C to stop)" >&2
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
