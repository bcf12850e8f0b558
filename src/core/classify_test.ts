import assert from "node:assert/strict";
import {
  categoryForStatusCode,
  classifyFailure,
  classifyResponse,
  operationName,
  parseJson,
  type ResponseOutcome,
} from "./classify.ts";
import type { RequestDescription, ResponseDescription } from "./request.ts";
import type { PNStatusCategoryName } from "./categories.ts";
import type { PNStatus } from "./status.ts";

const JS = 'text/javascript; charset="UTF-8"';

const PUBLISH: RequestDescription = {
  operation: "PNPublishOperation",
  method: "GET",
  path: "/publish/pub/sub/0/ch/0/%22hi%22",
  query: {},
  channels: ["ch"],
};

const SUBSCRIBE: RequestDescription = {
  operation: "PNSubscribeOperation",
  method: "GET",
  path: "/v2/subscribe/sub/a,b/0",
  query: {},
  longPoll: true,
  channels: ["a", "b"],
  channelGroups: ["g"],
};

const TIME: RequestDescription = {
  operation: "PNTimeOperation",
  method: "GET",
  path: "/time/0",
  query: {},
};

function failed(outcome: ResponseOutcome): { status: PNStatus; message: string } {
  assert.equal(outcome.ok, false, `expected a failure, got ${JSON.stringify(outcome)}`);
  if (outcome.ok) throw new Error("unreachable");
  assert.equal(outcome.status.isError(), true);
  return outcome;
}

interface ErrorRow {
  name: string;
  request: RequestDescription;
  response: ResponseDescription;
  category: PNStatusCategoryName;
  errorData: Record<string, unknown>;
}

// docs/protocol.md "Error bodies", one row each, with the exact errorData expected.
const ERROR_ROWS: ErrorRow[] = [
  {
    name: "400 Invalid Key (publish array)",
    request: PUBLISH,
    response: { status: 400, contentType: JS, body: '[0,"Invalid Key","14820999375199241"]' },
    category: "PNBadRequestCategory",
    errorData: { message: "Invalid Key", timetoken: "14820999375199241" },
  },
  {
    name: "400 invalid subscribe key object",
    request: TIME,
    response: {
      status: 400,
      contentType: JS,
      body:
        '{"message":"Invalid Subscribe Key","error":true,"service":"Access Manager","status":400}',
    },
    category: "PNBadRequestCategory",
    errorData: { message: "Invalid Subscribe Key", service: "Access Manager", status: 400 },
  },
  {
    name: "403 forbidden with payload.channels",
    request: PUBLISH,
    response: {
      status: 403,
      contentType: JS,
      body:
        '{"message":"Forbidden","payload":{"channels":["ch"]},"error":true,"service":"Access Manager","status":403}',
    },
    category: "PNAccessDeniedCategory",
    errorData: {
      message: "Forbidden",
      payload: { channels: ["ch"] },
      service: "Access Manager",
      status: 403,
    },
  },
  {
    name: "413 Message Too Large (publish array)",
    request: PUBLISH,
    response: { status: 413, contentType: JS, body: '[0,"Message Too Large","17000000000000000"]' },
    category: "PNBadRequestCategory",
    errorData: { message: "Message Too Large", timetoken: "17000000000000000" },
  },
  {
    name: "413 signal too large (object)",
    request: { ...PUBLISH, operation: "PNSignalOperation" },
    response: {
      status: 413,
      contentType: JS,
      body: '{"status":413,"service":"Balancer","error":true,"message":"Signal size too large"}',
    },
    category: "PNBadRequestCategory",
    errorData: { message: "Signal size too large", service: "Balancer", status: 413 },
  },
  {
    name: "414 URI too long",
    request: PUBLISH,
    response: {
      status: 414,
      contentType: JS,
      body: '{"status":414,"service":"Balancer","error":true,"message":"Request URI Too Long"}',
    },
    category: "PNBadRequestCategory",
    errorData: { message: "Request URI Too Long", service: "Balancer", status: 414 },
  },
  {
    name: "429 with Retry-After",
    request: PUBLISH,
    response: {
      status: 429,
      contentType: JS,
      body: '{"status":429,"error":true,"message":"Too many requests."}',
      retryAfter: "2",
    },
    category: "PNBadRequestCategory",
    errorData: { message: "Too many requests.", status: 429, retryAfter: 2 },
  },
  {
    name: "429 with a non-numeric Retry-After (HTTP date kept as text)",
    request: PUBLISH,
    response: {
      status: 429,
      contentType: JS,
      body: '{"status":429,"error":true,"message":"Too many requests."}',
      retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT",
    },
    category: "PNBadRequestCategory",
    errorData: {
      message: "Too many requests.",
      status: 429,
      retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT",
    },
  },
  {
    name: "481 malformed filter expression",
    request: SUBSCRIBE,
    response: {
      status: 481,
      contentType: JS,
      body:
        '{"status":481,"error":true,"service":"Subscribe","message":"Invalid filter expression"}',
    },
    category: "PNBadRequestCategory",
    errorData: { message: "Invalid filter expression", service: "Subscribe", status: 481 },
  },
  {
    name: "500 with a JSON error object",
    request: PUBLISH,
    response: {
      status: 500,
      contentType: JS,
      body: '{"status":500,"error":true,"message":"Internal Server Error"}',
    },
    category: "PNServerErrorCategory",
    errorData: { message: "Internal Server Error", status: 500 },
  },
  {
    name: "503 with an empty body",
    request: PUBLISH,
    response: { status: 503, contentType: undefined, body: "" },
    category: "PNServerErrorCategory",
    errorData: { message: "HTTP 503 with an empty body" },
  },
  {
    name: "502 with an HTML body",
    request: PUBLISH,
    response: { status: 502, contentType: "text/html", body: "<html>Bad Gateway</html>" },
    category: "PNServerErrorCategory",
    errorData: {
      message: "HTTP 502 with a body that is not JSON",
      body: "<html>Bad Gateway</html>",
    },
  },
  {
    name: "404 with an empty body",
    request: TIME,
    response: { status: 404, contentType: JS, body: "" },
    category: "PNBadRequestCategory",
    errorData: { message: "HTTP 404 with an empty body" },
  },
  {
    name: "400 object with error_message instead of message",
    request: TIME,
    response: {
      status: 400,
      contentType: JS,
      body: '{"status":400,"error":true,"error_message":"Bad"}',
    },
    category: "PNBadRequestCategory",
    errorData: { message: "Bad", status: 400 },
  },
  {
    name: "400 object with a string error instead of message",
    request: TIME,
    response: { status: 400, contentType: JS, body: '{"status":400,"error":"Nope"}' },
    category: "PNBadRequestCategory",
    errorData: { message: "Nope", status: 400 },
  },
  {
    name: "400 object with the message-actions error object",
    request: TIME,
    response: {
      status: 400,
      contentType: JS,
      body: '{"status":400,"error":{"message":"Invalid Subscribe Key","source":"actions"}}',
    },
    category: "PNBadRequestCategory",
    errorData: { message: "Invalid Subscribe Key", status: 400 },
  },
  {
    name: "302 redirect",
    request: TIME,
    response: { status: 302, contentType: undefined, body: "" },
    category: "PNUnknownCategory",
    errorData: { message: "HTTP 302 with an empty body" },
  },
];

for (const row of ERROR_ROWS) {
  Deno.test(`classifyResponse: ${row.name} → ${row.category}`, () => {
    const { status, message } = failed(classifyResponse(row.request, row.response));
    assert.equal(status.category, row.category);
    assert.equal(status.statusCode, row.response.status);
    assert.equal(status.operation, row.request.operation);
    assert.deepEqual(status.errorData, row.errorData);
    assert.ok(message.includes(`HTTP ${row.response.status}`), message);
    assert.ok(message.includes(row.category), message);
    const said = (row.errorData as { message?: unknown }).message;
    if (typeof said === "string") assert.ok(message.includes(said), message);
  });
}

Deno.test("classifyResponse: the failure message names the operation", () => {
  const { message } = failed(
    classifyResponse(PUBLISH, { status: 400, contentType: JS, body: '[0,"Invalid Key","1"]' }),
  );
  assert.equal(message, "Publish failed: HTTP 400: Invalid Key (PNBadRequestCategory)");
});

Deno.test("classifyResponse: affected channels and groups are copied from the request", () => {
  const { status } = failed(
    classifyResponse(SUBSCRIBE, { status: 403, contentType: JS, body: '{"message":"Forbidden"}' }),
  );
  assert.deepEqual(status.affectedChannels, ["a", "b"]);
  assert.deepEqual(status.affectedChannelGroups, ["g"]);
});

Deno.test("classifyResponse: a request without channels gives empty affected lists", () => {
  const { status } = failed(classifyResponse(TIME, { status: 500, contentType: JS, body: "" }));
  assert.deepEqual(status.affectedChannels, []);
  assert.deepEqual(status.affectedChannelGroups, []);
});

const SUCCESS_ROWS: ReadonlyArray<[string, RequestDescription, ResponseDescription, unknown]> = [
  [
    "publish with the service's content-type",
    PUBLISH,
    { status: 200, contentType: JS, body: '[1,"Sent","17000000000000000"]' },
    [1, "Sent", "17000000000000000"],
  ],
  ["application/json", TIME, { status: 200, contentType: "application/json", body: "[1]" }, [1]],
  [
    "content-type matching is case-insensitive",
    TIME,
    { status: 200, contentType: "Application/JSON; charset=utf-8", body: "{}" },
    {},
  ],
  ["204-style 2xx with JSON", TIME, { status: 201, contentType: JS, body: "null" }, null],
  [
    "long-poll with a non-JSON content-type but a JSON body",
    SUBSCRIBE,
    { status: 200, contentType: "text/plain", body: '{"t":{"t":"1","r":1},"m":[]}' },
    { t: { t: "1", r: 1 }, m: [] },
  ],
  [
    "long-poll without a content-type",
    SUBSCRIBE,
    { status: 200, contentType: undefined, body: '{"m":[]}' },
    { m: [] },
  ],
];

for (const [name, request, response, data] of SUCCESS_ROWS) {
  Deno.test(`classifyResponse: success, ${name}`, () => {
    assert.deepEqual(classifyResponse(request, response), {
      ok: true,
      data,
      statusCode: response.status,
    });
  });
}

const MALFORMED_ROWS: ReadonlyArray<[string, RequestDescription, ResponseDescription, RegExp]> = [
  [
    "2xx with a body that is not JSON",
    PUBLISH,
    { status: 200, contentType: JS, body: "Sent!" },
    /not JSON/,
  ],
  ["2xx with an empty body", TIME, { status: 200, contentType: JS, body: "" }, /not JSON/],
  [
    "2xx with content-type text/html (even with a JSON body)",
    PUBLISH,
    { status: 200, contentType: "text/html", body: '[1,"Sent","17000000000000000"]' },
    /content-type "text\/html"/,
  ],
  [
    "2xx with no content-type at all",
    TIME,
    { status: 200, contentType: undefined, body: "[17000000000000000]" },
    /content-type "\(none\)"/,
  ],
  [
    "long-poll 2xx with a body that is not JSON",
    SUBSCRIBE,
    { status: 200, contentType: JS, body: "<html>" },
    /not JSON/,
  ],
];

for (const [name, request, response, said] of MALFORMED_ROWS) {
  Deno.test(`classifyResponse: ${name} → PNMalformedResponseCategory`, () => {
    const { status, message } = failed(classifyResponse(request, response));
    assert.equal(status.category, "PNMalformedResponseCategory");
    assert.equal(status.statusCode, response.status);
    assert.equal(status.operation, request.operation);
    assert.match(message, said);
    const errorData = status.errorData as Record<string, unknown>;
    assert.equal(typeof errorData.message, "string");
    assert.equal(errorData.body, response.body);
    assert.deepEqual(status.affectedChannels, request.channels ?? []);
  });
}

Deno.test("classifyResponse: a long body is cut to an excerpt in errorData", () => {
  const body = "x".repeat(1000);
  const { status } = failed(classifyResponse(TIME, { status: 200, contentType: JS, body }));
  const excerpt = (status.errorData as { body: string }).body;
  assert.equal(excerpt, `${"x".repeat(200)}…`);
});

const FAILURE_ROWS: ReadonlyArray<
  ["timeout" | "network" | "cancelled", PNStatusCategoryName, string]
> = [
  ["timeout", "PNTimeoutCategory", "no response within 10 s"],
  ["network", "PNNetworkIssuesCategory", "connection refused"],
  ["cancelled", "PNCancelledCategory", "aborted"],
];

for (const [kind, category, text] of FAILURE_ROWS) {
  Deno.test(`classifyFailure: ${kind} → ${category}`, () => {
    const status = classifyFailure(SUBSCRIBE, { kind, message: text });
    assert.equal(status.category, category);
    assert.equal(status.operation, "PNSubscribeOperation");
    assert.equal(status.isError(), true);
    assert.equal(status.statusCode, undefined);
    assert.deepEqual(status.errorData, { message: text });
    assert.deepEqual(status.affectedChannels, ["a", "b"]);
    assert.deepEqual(status.affectedChannelGroups, ["g"]);
  });
}

const CODE_ROWS: ReadonlyArray<[number, PNStatusCategoryName]> = [
  [400, "PNBadRequestCategory"],
  [403, "PNAccessDeniedCategory"],
  [404, "PNBadRequestCategory"],
  [413, "PNBadRequestCategory"],
  [414, "PNBadRequestCategory"],
  [429, "PNBadRequestCategory"],
  [499, "PNBadRequestCategory"],
  [500, "PNServerErrorCategory"],
  [502, "PNServerErrorCategory"],
  [503, "PNServerErrorCategory"],
  [599, "PNServerErrorCategory"],
  [301, "PNUnknownCategory"],
  [100, "PNUnknownCategory"],
];

for (const [code, category] of CODE_ROWS) {
  Deno.test(`categoryForStatusCode(${code}) → ${category}`, () => {
    assert.equal(categoryForStatusCode(code), category);
  });
}

Deno.test("parseJson: parses without throwing", () => {
  assert.deepEqual(parseJson("[1]"), { ok: true, value: [1] });
  assert.deepEqual(parseJson("null"), { ok: true, value: null });
  for (const text of ["", "{", "NaN"]) {
    const result = parseJson(text);
    assert.equal(result.ok, false, text);
    // The failure says what the JSON parser objected to, as the one result shape does.
    if (!result.ok) assert.match(result.error, /JSON|Unexpected|Expected/, text);
  }
});

Deno.test("operationName strips the PN prefix and Operation suffix", () => {
  assert.equal(operationName("PNPublishOperation"), "Publish");
  assert.equal(operationName("PNHereNowOperation"), "HereNow");
  assert.equal(operationName("PNTimeOperation"), "Time");
});
