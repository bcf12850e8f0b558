import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { formatSignature, signatureInput } from "./signature.ts";
import { buildPublishRequest } from "./requests/publish.ts";
import type { RequestDescription } from "./request.ts";

const QUERY = { uuid: "user 1", timestamp: "1700000000", pnsdk: "PubNub-TS/0.1.0", auth: "k" };
const SORTED = "auth=k&pnsdk=PubNub-TS%2F0.1.0&timestamp=1700000000&uuid=user%201";

const INPUT_CASES: ReadonlyArray<[string, RequestDescription, string]> = [
  [
    "GET: method, publish key, path, sorted encoded query, trailing newline",
    {
      operation: "PNTimeOperation",
      method: "GET",
      path: "/v2/presence/sub-key/s/uuid/u",
      query: {},
    },
    `GET\npub\n/v2/presence/sub-key/s/uuid/u\n${SORTED}\n`,
  ],
  [
    "GET ignores a body",
    { operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {}, body: "ignored" },
    `GET\npub\n/time/0\n${SORTED}\n`,
  ],
  [
    "POST non-publish: the body is appended",
    {
      operation: "PNSetStateOperation",
      method: "POST",
      path: "/v3/example/sub-key/s",
      query: {},
      body: '{"a":1}',
    },
    `POST\npub\n/v3/example/sub-key/s\n${SORTED}\n{"a":1}`,
  ],
  [
    "POST non-publish without a body",
    { operation: "PNSetStateOperation", method: "POST", path: "/v3/x", query: {} },
    `POST\npub\n/v3/x\n${SORTED}\n`,
  ],
  [
    "POST publish: signed as GET, without its body",
    {
      operation: "PNPublishOperation",
      method: "POST",
      path: "/publish/pub/sub/0/ch/0",
      query: {},
      body: '"hello"',
    },
    `GET\npub\n/publish/pub/sub/0/ch/0\n${SORTED}\n`,
  ],
  [
    "GET publish: the encoded path is signed as is",
    {
      operation: "PNPublishOperation",
      method: "GET",
      path: "/publish/pub/sub/0/my%20ch/0/%22hi%22",
      query: {},
    },
    `GET\npub\n/publish/pub/sub/0/my%20ch/0/%22hi%22\n${SORTED}\n`,
  ],
];

for (const [name, request, expected] of INPUT_CASES) {
  Deno.test(`signatureInput: ${name}`, () => {
    assert.equal(signatureInput(request, "pub", QUERY), expected);
  });
}

Deno.test("signatureInput: the query is the one passed in, not request.query", () => {
  const request: RequestDescription = {
    operation: "PNTimeOperation",
    method: "GET",
    path: "/time/0",
    query: { ignored: "1" },
  };
  assert.equal(signatureInput(request, "p", { b: "2", a: "1" }), "GET\np\n/time/0\na=1&b=2\n");
  assert.equal(signatureInput(request, "p", {}), "GET\np\n/time/0\n\n");
});

Deno.test("signatureInput: a POST publish from the builder is signed like the same GET minus the payload segment", () => {
  const common = {
    publishKey: "pub",
    subscribeKey: "sub",
    channel: "ch",
    payloadJson: '{"text":"hi"}',
    maxMessageSize: 32768,
  };
  const post = buildPublishRequest({ ...common, usePost: true });
  assert.equal(post.method, "POST");
  const input = signatureInput(post, "pub", { uuid: "u" });
  assert.equal(input, "GET\npub\n/publish/pub/sub/0/ch/0\nuuid=u\n");
  assert.ok(!input.includes("hi"));
});

const FORMAT_CASES: ReadonlyArray<[string, number[], string]> = [
  ["'+' and '/' become '-' and '_', '=' stripped", [251, 255], "v2.-_8"],
  ["two padding characters stripped", [0], "v2.AA"],
  ["one padding character stripped", [0, 0], "v2.AAA"],
  ["no padding", [0, 0, 0], "v2.AAAA"],
  ["empty digest", [], "v2."],
  ["all 0xff", [255, 255, 255], "v2.____"],
  ["0xfb 0xef 0xbe", [0xfb, 0xef, 0xbe], "v2.----"],
];

for (const [name, bytes, expected] of FORMAT_CASES) {
  Deno.test(`formatSignature: ${name}`, () => {
    assert.equal(formatSignature(new Uint8Array(bytes)), expected);
  });
}

async function webCryptoSignature(secret: string, input: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const digest = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(input));
  return formatSignature(new Uint8Array(digest));
}

function nodeSignature(secret: string, input: string): string {
  return `v2.${createHmac("sha256", secret).update(input, "utf8").digest("base64url")}`;
}

const FULL_CASES: ReadonlyArray<[string, RequestDescription]> = [
  [
    "GET publish",
    buildPublishRequest({
      publishKey: "demo-pub",
      subscribeKey: "demo-sub",
      channel: "my ch/é",
      payloadJson: '{"text":"hello, wörld!"}',
      metaJson: '{"lang":"de"}',
      shouldStore: true,
      maxMessageSize: 32768,
    }),
  ],
  ["POST non-publish with a unicode body", {
    operation: "PNSetStateOperation",
    method: "POST",
    path: "/v3/example/sub-key/demo-sub",
    query: {},
    body: '{"state":"😀"}',
  }],
];

for (const [name, request] of FULL_CASES) {
  Deno.test(`full signature (${name}): WebCrypto + formatSignature equals node:crypto base64url`, async () => {
    const secret = "sec-c-MGFkMjQxYjMtNTUxZC00YzE3";
    const query = {
      ...request.query,
      uuid: "user-1",
      pnsdk: "PubNub-TS/0.1.0",
      timestamp: "1700000000",
    };
    const input = signatureInput(request, "demo-pub", query);
    const actual = await webCryptoSignature(secret, input);
    assert.equal(actual, nodeSignature(secret, input));
    assert.match(actual, /^v2\.[A-Za-z0-9_-]{43}$/);
  });
}

Deno.test("full signature of a GET publish against a hand-written input, HMAC'd by node:crypto", async () => {
  const secret = "my-secret";
  const request = buildPublishRequest({
    publishKey: "demo-pub",
    subscribeKey: "demo-sub",
    channel: "my ch/é",
    payloadJson: '{"text":"hello, wörld!"}',
    metaJson: '{"lang":"de"}',
    shouldStore: true,
    maxMessageSize: 32768,
  });
  const query = {
    ...request.query,
    uuid: "user-1",
    pnsdk: "PubNub-TS/0.1.0",
    timestamp: "1700000000",
  };
  const handWritten = "GET\ndemo-pub\n" +
    "/publish/demo-pub/demo-sub/0/my%20ch%2F%C3%A9/0/%7B%22text%22%3A%22hello%2C%20w%C3%B6rld%21%22%7D\n" +
    "meta=%7B%22lang%22%3A%22de%22%7D&pnsdk=PubNub-TS%2F0.1.0&store=1&timestamp=1700000000&uuid=user-1\n";
  assert.equal(signatureInput(request, "demo-pub", query), handWritten);
  assert.equal(
    await webCryptoSignature(secret, signatureInput(request, "demo-pub", query)),
    nodeSignature(secret, handWritten),
  );
});
