# Verifies captured deliveries the way receivers do. verify_signature is the runbook's receiver
# snippet, unchanged: it re-serialises the parsed payload with json.dumps defaults.
import base64
import hashlib
import hmac
import json
import sys


def verify_signature(payload: dict, signature: str, secret: str) -> bool:
    expected = "sha256=" + hmac.new(
        secret.encode(),
        json.dumps(payload).encode(),
        hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, signature)


def standard_webhooks(headers, body, secret):
    key = base64.b64decode(secret[len("whsec_"):])
    signed = (headers["webhook-id"] + "." + headers["webhook-timestamp"] + ".").encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return expected in headers["webhook-signature"].split(" ")


failures = 0
count = 0
with open(sys.argv[1]) as captured:
    for line in captured:
        d = json.loads(line)
        headers = {k.lower(): v for k, v in d["headers"].items()}
        body = base64.b64decode(d["body"])
        payload = json.loads(body)
        count += 1
        if not verify_signature(payload, headers["x-webhook-signature"], d["secrets"][0]):
            print("runbook snippet rejects", payload["delivery_id"])
            failures += 1
        raw = "sha256=" + hmac.new(d["secrets"][0].encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(raw, headers["x-aragora-signature"]):
            print("X-Aragora-Signature does not match the raw body of", payload["delivery_id"])
            failures += 1
        for secret in d["secrets"]:
            if not standard_webhooks(headers, body, secret):
                print("no Standard Webhooks signature for a secret of", payload["delivery_id"])
                failures += 1
        if headers["x-aragora-delivery"] != payload["delivery_id"] or headers["webhook-id"] != payload["delivery_id"]:
            print("delivery id headers differ from the body")
            failures += 1
print("checked", count, "deliveries,", failures, "failures")
sys.exit(1 if failures or count == 0 else 0)
