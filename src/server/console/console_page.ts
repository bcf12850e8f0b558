import type { ConsoleDefaults } from "./console_route.ts";

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The console's HTML: the layout and styles; `app.js` fills it in.
 *
 * @example
 * ```ts
 * import { consolePage } from "./console_page.ts";
 * consolePage({ publishKey: "demo", subscribeKey: "demo" }).includes("<title>"); // true
 * ```
 */
export function consolePage(defaults: ConsoleDefaults): string {
  const pub = escapeAttribute(defaults.publishKey);
  const sub = escapeAttribute(defaults.subscribeKey);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pubnub-ts console</title>
<style>
  :root { font: 14px/1.4 system-ui, sans-serif; color: #1d2330; background: #f4f6fa; }
  body { margin: 0; }
  header { background: #1d2330; color: #fff; padding: 10px 16px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0; }
  header label { font-size: 12px; opacity: .85; }
  header input { width: 120px; }
  main { display: grid; grid-template-columns: 300px 1fr; gap: 12px; padding: 12px; }
  section { background: #fff; border: 1px solid #d8dde8; border-radius: 6px; padding: 10px 12px; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #5a6375; margin: 0 0 8px; }
  input, textarea, button { font: inherit; }
  input, textarea { border: 1px solid #c3cad8; border-radius: 4px; padding: 3px 6px; box-sizing: border-box; }
  button { border: 0; border-radius: 4px; padding: 4px 12px; background: #2f6fed; color: #fff; cursor: pointer; }
  button.secondary { background: #5a6375; }
  #channels li { margin: 4px 0; list-style: none; }
  #channels ul { padding: 0; margin: 0; }
  .occupancy { display: inline-block; min-width: 1.6em; text-align: center; background: #e5ecfb; border-radius: 9px; padding: 0 6px; margin-right: 6px; font-weight: 600; }
  .who { color: #5a6375; font-size: 12px; margin-left: 2.4em; }
  #tail { height: 420px; overflow-y: auto; font: 12px/1.5 ui-monospace, monospace; background: #fbfcfe; border: 1px solid #e3e7ef; padding: 6px; }
  #tail div { white-space: pre-wrap; word-break: break-all; border-bottom: 1px dotted #e3e7ef; }
  .kind-message { color: #1d2330; } .kind-signal { color: #8a4bd1; } .kind-presence { color: #1c8a4c; } .kind-status { color: #a15c00; } .kind-error { color: #c62828; }
  .row { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; }
  .row input[type=text] { flex: 1; }
  textarea { width: 100%; height: 60px; }
  #status { font-size: 12px; }
</style>
</head>
<body>
<header>
  <h1>pubnub-ts console</h1>
  <label>publish key <input id="publishKey" value="${pub}"></label>
  <label>subscribe key <input id="subscribeKey" value="${sub}"></label>
  <label>user id <input id="userId" value=""></label>
  <button id="connect" class="secondary">use keyset</button>
  <span id="status">starting…</span>
</header>
<main>
  <div>
    <section id="keysets">
      <h2>Keysets</h2>
      <div id="keyset"></div>
    </section>
    <section id="channels" style="margin-top:12px">
      <h2>Channels (occupancy, who is present)</h2>
      <ul id="channelList"><li>none yet</li></ul>
    </section>
  </div>
  <div>
    <section>
      <h2>Live tail</h2>
      <form id="tailForm" class="row">
        <input type="text" id="tailChannels" placeholder="channels, comma separated" value="">
        <button type="submit">tail</button>
      </form>
      <div id="tail" aria-live="polite"></div>
    </section>
    <section style="margin-top:12px">
      <h2>Publish</h2>
      <form id="publishForm">
        <div class="row"><input type="text" id="publishChannel" placeholder="channel"></div>
        <textarea id="publishMessage" placeholder='{"text":"hello"}'></textarea>
        <div class="row"><button type="submit" id="publish">publish</button><button type="button" id="signal" class="secondary">signal</button><span id="publishResult"></span></div>
      </form>
    </section>
  </div>
</main>
<script type="module" src="/console/app.js"></script>
</body>
</html>
`;
}
