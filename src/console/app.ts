/// <reference lib="dom" />
/**
 * The live console's script, bundled into `src/server/console/console_bundle.ts` by
 * `deno task build:console`. It is an SDK client like any other: it reaches the server only
 * through the public protocol (here-now, subscribe, publish, signal), so pointed at another
 * origin (`/console?origin=host&ssl=1`) it works against that service too.
 *
 * @module
 */
import { PubNub } from "../../mod.ts";
import type { JsonValue } from "../../mod.ts";

const params = new URLSearchParams(location.search);
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const publishKeyInput = byId<HTMLInputElement>("publishKey");
const subscribeKeyInput = byId<HTMLInputElement>("subscribeKey");
const userIdInput = byId<HTMLInputElement>("userId");
const statusLine = byId<HTMLSpanElement>("status");
const tail = byId<HTMLDivElement>("tail");
const channelList = byId<HTMLUListElement>("channelList");
const tailChannels = byId<HTMLInputElement>("tailChannels");

const origin = params.get("origin") ?? location.host;
const ssl = params.has("ssl") ? params.get("ssl") === "1" : location.protocol === "https:";
userIdInput.value = params.get("user") ?? `console-${Math.random().toString(36).slice(2, 8)}`;
if (params.get("pub")) publishKeyInput.value = params.get("pub")!;
if (params.get("sub")) subscribeKeyInput.value = params.get("sub")!;

let pubnub: PubNub | undefined;
let tailed: string[] = [];
let refresh: ReturnType<typeof setTimeout> | undefined;

function line(kind: string, text: string): void {
  const row = document.createElement("div");
  row.className = `kind-${kind}`;
  row.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  tail.append(row);
  while (tail.childElementCount > 500) tail.firstElementChild?.remove();
  tail.scrollTop = tail.scrollHeight;
}

function protocol(): string {
  const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  return entries.at(-1)?.nextHopProtocol || "?";
}

async function refreshChannels(): Promise<void> {
  if (!pubnub) return;
  try {
    const { result } = await pubnub.hereNow().includeUuids(true).future();
    channelList.replaceChildren();
    const channels = Object.values(result.channels).sort((a, b) =>
      a.channelName.localeCompare(b.channelName)
    );
    for (const channel of channels) {
      const item = document.createElement("li");
      item.dataset.channel = channel.channelName;
      const count = document.createElement("span");
      count.className = "occupancy";
      count.textContent = String(channel.occupancy);
      const name = document.createElement("a");
      name.href = "#";
      name.textContent = channel.channelName;
      name.onclick = (event) => {
        event.preventDefault();
        startTail([...new Set([...tailed, channel.channelName])]);
      };
      const who = document.createElement("div");
      who.className = "who";
      who.textContent = channel.occupants.map((o) => o.uuid).join(", ");
      item.append(count, name, who);
      channelList.append(item);
    }
    if (channels.length === 0) channelList.innerHTML = "<li>nobody is present anywhere</li>";
    statusLine.textContent = `${
      ssl ? "https" : "http"
    }://${origin} · ${protocol()} · ${result.totalOccupancy} present on ${result.totalChannels} channel(s)`;
  } catch (error) {
    statusLine.textContent = `here-now failed: ${(error as Error).message}`;
  } finally {
    refresh = setTimeout(refreshChannels, 1000);
  }
}

function startTail(channels: string[]): void {
  if (!pubnub) return;
  pubnub.unsubscribeAll();
  tailed = channels;
  tailChannels.value = channels.join(", ");
  if (channels.length === 0) return;
  pubnub.subscribe().channels(channels).withPresence().execute();
  line("status", `tailing ${channels.join(", ")}`);
}

/** The keysets used from this browser, most recent first (kept in localStorage). */
function rememberKeyset(publishKey: string, subscribeKey: string): string[][] {
  let known: string[][] = [];
  try {
    known = JSON.parse(localStorage.getItem("pubnub-ts-console-keysets") ?? "[]");
  } catch {
    known = [];
  }
  known = [
    [publishKey, subscribeKey],
    ...known.filter(([p, s]) => p !== publishKey || s !== subscribeKey),
  ]
    .slice(0, 5);
  localStorage.setItem("pubnub-ts-console-keysets", JSON.stringify(known));
  return known;
}

function renderKeysets(known: string[][]): void {
  const list = document.createElement("ul");
  list.style.padding = "0";
  known.forEach(([publishKey, subscribeKey], i) => {
    const item = document.createElement("li");
    item.style.listStyle = "none";
    const label = `publish ${publishKey} · subscribe ${subscribeKey}`;
    if (i === 0) {
      item.textContent = `${label} · as ${userIdInput.value} (in use)`;
      item.style.fontWeight = "600";
    } else {
      const use = document.createElement("a");
      use.href = "#";
      use.textContent = label;
      use.onclick = (event) => {
        event.preventDefault();
        publishKeyInput.value = publishKey;
        subscribeKeyInput.value = subscribeKey;
        void connect();
      };
      item.append(use);
    }
    list.append(item);
  });
  byId("keyset").replaceChildren(list);
}

async function connect(): Promise<void> {
  clearTimeout(refresh);
  await pubnub?.stop();
  pubnub = new PubNub({
    publishKey: publishKeyInput.value,
    subscribeKey: subscribeKeyInput.value,
    userId: userIdInput.value,
    origin,
    ssl,
  });
  renderKeysets(rememberKeyset(publishKeyInput.value, subscribeKeyInput.value));
  pubnub.addListener({
    message: (_p, m) =>
      line("message", `[${m.channel}] ${m.publisher ?? "?"}: ${JSON.stringify(m.message)}`),
    signal: (_p, s) =>
      line(
        "signal",
        `[${s.channel}] signal from ${s.publisher ?? "?"}: ${JSON.stringify(s.message)}`,
      ),
    presence: (_p, p) => {
      const who = p.uuid ?? [...(p.joined ?? []), ...(p.left ?? [])].join(" ");
      line("presence", `[${p.channel}] presence: ${p.event} ${who} (occupancy ${p.occupancy})`);
      clearTimeout(refresh);
      void refreshChannels();
    },
    status: (_p, s) => {
      if (s.category === "PNConnectedCategory") line("status", "connected");
      else if (s.isError()) {
        line("error", `${s.category}${s.statusCode ? ` (${s.statusCode})` : ""}`);
      }
    },
  });
  startTail(tailed);
  void refreshChannels();
}

async function send(kind: "publish" | "signal"): Promise<void> {
  const result = byId<HTMLSpanElement>("publishResult");
  const channel = byId<HTMLInputElement>("publishChannel").value.trim();
  const text = byId<HTMLTextAreaElement>("publishMessage").value;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    message = text; // plain text is sent as a JSON string
  }
  if (!pubnub) return;
  try {
    const builder = kind === "publish" ? pubnub.publish() : pubnub.signal();
    const { result: sent } = await builder.channel(channel).message(message as JsonValue).future();
    result.textContent = `${kind}ed at ${sent.timetoken}`;
  } catch (error) {
    result.textContent = `${kind} failed: ${(error as Error).message}`;
  }
}

byId<HTMLFormElement>("tailForm").onsubmit = (event) => {
  event.preventDefault();
  startTail(tailChannels.value.split(",").map((c) => c.trim()).filter((c) => c !== ""));
};
byId<HTMLFormElement>("publishForm").onsubmit = (event) => {
  event.preventDefault();
  void send("publish");
};
byId<HTMLButtonElement>("signal").onclick = () => void send("signal");
byId<HTMLButtonElement>("connect").onclick = () => void connect();
tailed = (params.get("tail") ?? "").split(",").map((c) => c.trim()).filter((c) => c !== "");
addEventListener("pagehide", () => void pubnub?.stop());
void connect();
