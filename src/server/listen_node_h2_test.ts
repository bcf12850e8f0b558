import assert from "node:assert/strict";
import { createHandler } from "./handler.ts";
import { listen } from "./listen_node.ts";
import { makeSelfSignedCert } from "./self_signed_cert.ts";

async function curl(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command("curl", {
    args,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const text = new TextDecoder().decode(stdout);
  assert.equal(code, 0, `curl failed: ${new TextDecoder().decode(stderr)}`);
  return text;
}

Deno.test("the Node listener with TLS speaks HTTP/2 (ALPN) and still HTTP/1.1, one handler for both", async () => {
  const cert = await makeSelfSignedCert();
  const handler = createHandler({ longPollSeconds: 5 });
  const listener = await listen(handler, {
    hostname: "127.0.0.1",
    port: 0,
    tls: { cert: cert.cert, key: cert.key },
  });
  try {
    const url = `https://127.0.0.1:${listener.port}`;
    const common = ["-s", "--cacert", cert.certFile, "-w", "\\n%{http_version} %{http_code}"];
    const h2 = await curl([...common, "--http2", `${url}/publish/demo/demo/0/h2room/0/%22hi%22`]);
    assert.match(h2, /^\[1,"Sent","\d{17}"\]\n2 200$/);
    const h1 = await curl([
      ...common,
      "--http1.1",
      `${url}/v3/history/sub-key/demo/channel/h2room`,
    ]);
    assert.match(h1, /"message":"hi"[\s\S]*\n1\.1 200$/);
  } finally {
    handler.close();
    await listener.close();
    await cert.remove();
  }
});
