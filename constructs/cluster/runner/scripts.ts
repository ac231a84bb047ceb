/**
 * The runner manager's start scripts (ConfigMap keys, mounted at /configmaps), reproducing the official chart's
 * start sequence: copy the secret-free config.toml into the in-memory config directory, export the token and
 * cache keys from the projected Secret files, `gitlab-runner register --template-config` (which merges the
 * template with url + token into config.toml in memory), then `gitlab-runner run`.
 */

/** In-memory config directory (the runner's default for a non-root user). */
export const CONFIG_DIR = '/home/gitlab-runner/.gitlab-runner';
/** Projected Secret files. */
export const SECRETS_DIR = '/secrets';
/** ConfigMap mount. */
export const CONFIGMAPS_DIR = '/configmaps';

export function entrypointScript(): string {
  return `#!/bin/bash
set -euo pipefail

mkdir -p ${CONFIG_DIR}
cp ${CONFIGMAPS_DIR}/config.toml ${CONFIG_DIR}/config.toml

# Secrets reach the runner only through the environment of \`register\`, which writes them into the in-memory
# config.toml; they are never part of the ConfigMap.
if [[ -f ${SECRETS_DIR}/accesskey && -f ${SECRETS_DIR}/secretkey ]]; then
  export CACHE_S3_ACCESS_KEY="$(cat ${SECRETS_DIR}/accesskey)"
  export CACHE_S3_SECRET_KEY="$(cat ${SECRETS_DIR}/secretkey)"
fi
if [[ -f ${SECRETS_DIR}/azure-account-name && -f ${SECRETS_DIR}/azure-account-key ]]; then
  export CACHE_AZURE_ACCOUNT_NAME="$(cat ${SECRETS_DIR}/azure-account-name)"
  export CACHE_AZURE_ACCOUNT_KEY="$(cat ${SECRETS_DIR}/azure-account-key)"
fi
if [[ ! -s ${SECRETS_DIR}/runner-token ]]; then
  echo "the runner token Secret is empty or missing (${SECRETS_DIR}/runner-token)" >&2
  exit 1
fi
export CI_SERVER_TOKEN="$(cat ${SECRETS_DIR}/runner-token)"

bash ${CONFIGMAPS_DIR}/register-the-runner
unset CI_SERVER_TOKEN CACHE_S3_ACCESS_KEY CACHE_S3_SECRET_KEY CACHE_AZURE_ACCOUNT_NAME CACHE_AZURE_ACCOUNT_KEY

exec /entrypoint run --user=gitlab-runner --working-directory=/home/gitlab-runner
`;
}

/** `register` with a runner authentication token only verifies it and writes the config (no new runner). */
export function registerScript(name: string): string {
  return `#!/bin/bash
MAX_REGISTER_ATTEMPTS=30

for i in $(seq 1 "\${MAX_REGISTER_ATTEMPTS}"); do
  echo "Registration attempt \${i} of \${MAX_REGISTER_ATTEMPTS}"
  if /entrypoint register --non-interactive --name=${JSON.stringify(name)} --template-config ${CONFIGMAPS_DIR}/config.template.toml; then
    exit 0
  fi
  sleep 5
done
exit 1
`;
}

/** Liveness: the process runs and `gitlab-runner verify` says the token is valid (a verify timeout is not a failure). */
export function checkLiveScript(): string {
  return `#!/bin/bash
set -eu

VERIFY_TIMEOUT="\${1:-3}"

if ! /usr/bin/pgrep -f ".*register-the-runner" > /dev/null && ! /usr/bin/pgrep -f "gitlab.*runner" > /dev/null; then
  exit 1
fi

status=0
output=$(timeout "\${VERIFY_TIMEOUT}" gitlab-runner verify --url= 2>&1) || status=$?
# busybox timeout exits 143, coreutils 124: GitLab was slow, which is not the runner's fault
if (( status == 143 || status == 124 )); then
  exit 0
elif (( status > 0 )); then
  exit "\${status}"
fi
grep -qE "is (alive|valid)" <<<"\${output}"
`;
}
