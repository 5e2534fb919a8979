#!/usr/bin/env python3
"""Independent reference for docs/protocol.md and docs/rotating-codes.md: computes the test vectors with
Python's standard library only (hmac, hashlib, base64). The C# tests assert our code reproduces these values;
a backend in another language can check itself against the same numbers."""
import base64, hashlib, hmac

def h(key, msg): return hmac.new(key, msg, hashlib.sha256).digest()
def b64url(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def varint(n):
    out = bytearray()
    while n >= 0x80: out.append((n & 0x7F) | 0x80); n >>= 7
    out.append(n); return bytes(out)
def zigzag(n): return (n << 1) ^ (n >> 63)
def lp(b): return varint(len(b)) + b

def keys(secret):
    return {"content": h(secret, b"content"), "code": h(secret, b"code"),
            "mqtt": b64url(h(secret, b"mqtt-password")[:24])}

def content_envelope(device_id, content_key, version, kind, payload):
    unsigned = bytes([1]) + varint(version) + bytes([kind]) + lp(payload)
    tag = h(content_key, bytes([len(device_id)]) + device_id.encode() + unsigned)[:16]
    return unsigned + tag

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
def rotating(device_id, code_key, unix_time, period, template):
    counter = unix_time // period
    mac = h(code_key, bytes([len(device_id)]) + device_id.encode() + counter.to_bytes(8, "big"))
    token = ALPHABET[counter % 64] + b64url(mac[:8])
    o = mac[31] & 0x0F
    fallback = "%06d" % ((int.from_bytes(mac[o:o + 4], "big") & 0x7FFFFFFF) % 1000000)
    link = template.replace("{device}", device_id).replace("{token}", token)
    return counter, mac.hex(), token, fallback, link

if __name__ == "__main__":
    secret = bytes(range(32))
    dev = "tent-0042"
    k = keys(secret)
    print("secret", secret.hex())
    print("content key", k["content"].hex())
    print("code key", k["code"].hex())
    print("mqtt password", k["mqtt"])
    print("envelope v7 tent 'hello'", content_envelope(dev, k["content"], 7, 2, b"hello").hex())
    print("envelope v300 label 0x00..0x09", content_envelope(dev, k["content"], 300, 1, bytes(range(10))).hex())
    tpl = "https://m.example.com/t?d={device}&c={token}"
    for (t, p) in [(1767225600, 60), (1767225659, 60), (1767225660, 60), (1767225600, 30)]:
        print("rotating", dev, t, p, rotating(dev, k["code"], t, p, tpl))
    secret2 = bytes.fromhex("8f" * 32)
    dev2 = "label-7"
    k2 = keys(secret2)
    print("dev2 code key", k2["code"].hex(), "mqtt", k2["mqtt"])
    print("rotating", dev2, rotating(dev2, k2["code"], 2000000000, 300, "https://s.example.cn/{device}/{token}"))
    # Messages (layouts from docs/protocol.md).
    print("scan seq=1 t=1767225600 age=250 'ABC-123'",
          (bytes([1]) + varint(1) + varint(1767225600) + varint(250) + lp(b"ABC-123")).hex())
    print("hello", (bytes([1]) + lp(b"1.0.0") + bytes([1]) + varint(7) + varint(0) + varint(zigzag(-61))
                    + varint(12) + varint(3) + varint(2) + bytes([1])).hex())
    print("state offline", bytes([1, 2]).hex())
    print("state online", (bytes([1, 1]) + varint(2950) + varint(zigzag(-70)) + varint(7) + varint(0) + bytes([2])).hex())
