/**
 * The bootstrap Job's script, run by busybox `sh` with curl against Garage's admin API (v2). The Garage image is
 * FROM scratch (no shell), and the `garage` CLI needs the node's id to connect, so the Job drives the HTTP admin
 * API instead, with the admin token. Every step first looks, then changes only what is missing, so a second run
 * changes nothing:
 *
 * 1. layout: when no node has a role, give the node a storage role (zone `dc1`, the data volume's capacity) and
 *    apply that layout (version + 1);
 * 2. key: import the access key pair from the Secret unless Garage knows its id;
 * 3. buckets: create each missing bucket, then grant the key read, write and owner on it (granting what is
 *    already granted changes nothing).
 *
 * Inputs (environment): GARAGE_ADMIN_URL, GARAGE_ADMIN_TOKEN, GARAGE_ACCESS_KEY_ID, GARAGE_SECRET_ACCESS_KEY,
 * GARAGE_CAPACITY (bytes), GARAGE_BUCKETS (space-separated). JSON bodies go through stdin, so no secret is ever
 * in a process's arguments. Responses are read with whitespace removed, so pretty or compact JSON both parse.
 */
export const GARAGE_BOOTSTRAP_SCRIPT = `set -eu
API="$GARAGE_ADMIN_URL/v2"
AUTH="Authorization: Bearer $GARAGE_ADMIN_TOKEN"
get() { curl -sS --fail-with-body -H "$AUTH" "$API/$1" | tr -d ' \\t\\r\\n'; }
status() { curl -sS -o /dev/null -w '%{http_code}' -H "$AUTH" "$API/$1"; }
post() { curl -sS --fail-with-body -H "$AUTH" -H 'Content-Type: application/json' -X POST --data-binary @- "$API/$1" >/dev/null; }
first_id() { grep -o '"id":"[0-9a-f]\\{64\\}"' | head -n 1 | cut -d '"' -f 4; }

tries=0
until get GetClusterStatus >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 150 ]; then echo "Garage's admin API did not answer in 5 minutes" >&2; exit 1; fi
  sleep 2
done

layout=$(get GetClusterLayout)
case "$layout" in
  *'"roles":[]'*)
    node=$(get GetClusterStatus | first_id)
    version=$(printf '%s' "$layout" | grep -o '"version":[0-9]*' | head -n 1 | cut -d : -f 2)
    printf '{"roles":[{"id":"%s","zone":"dc1","capacity":%s,"tags":[]}]}' "$node" "$GARAGE_CAPACITY" | post UpdateClusterLayout
    printf '{"version":%s}' "$((version + 1))" | post ApplyClusterLayout
    echo "layout: node $node assigned, layout version $((version + 1)) applied" ;;
  *) echo 'layout: already assigned' ;;
esac

if [ "$(status "GetKeyInfo?id=$GARAGE_ACCESS_KEY_ID")" = 200 ]; then
  echo "key $GARAGE_ACCESS_KEY_ID: already imported"
else
  printf '{"accessKeyId":"%s","secretAccessKey":"%s","name":"gitlab"}' "$GARAGE_ACCESS_KEY_ID" "$GARAGE_SECRET_ACCESS_KEY" | post ImportKey
  echo "key $GARAGE_ACCESS_KEY_ID: imported"
fi

for bucket in $GARAGE_BUCKETS; do
  code=$(status "GetBucketInfo?globalAlias=$bucket")
  case "$code" in
    200) echo "bucket $bucket: exists" ;;
    404) printf '{"globalAlias":"%s"}' "$bucket" | post CreateBucket; echo "bucket $bucket: created" ;;
    *) echo "bucket $bucket: Garage answered HTTP $code" >&2; exit 1 ;;
  esac
  id=$(get "GetBucketInfo?globalAlias=$bucket" | first_id)
  printf '{"bucketId":"%s","accessKeyId":"%s","permissions":{"read":true,"write":true,"owner":true}}' "$id" "$GARAGE_ACCESS_KEY_ID" | post AllowBucketKey
done
echo 'Garage is ready for GitLab'
`;
