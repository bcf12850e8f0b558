/**
 * A small chat app typed against the official SDK (`npm:pubnub`). The type-level test checks it
 * as written, then with only the import changed to our `./compat` entry. Test-only.
 *
 * @module
 */
import PubNub from "npm:pubnub@12.0.3";

/** A chat line (a type alias, so it is a valid `Payload`). */
export type ChatLine = { text: string; from: string };

/** The app's configuration. */
export const config: PubNub.PubNubConfiguration = {
  publishKey: "demo",
  subscribeKey: "demo",
  userId: "chat-user",
  origin: "127.0.0.1:8090",
  ssl: false,
  presenceTimeout: 60,
  retryConfiguration: PubNub.LinearRetryPolicy({ delay: 2, maximumRetry: 3 }),
};

/** Creates the client. */
export function createClient(): PubNub {
  return new PubNub(config);
}

/** Listens for chat lines, presence and connection changes. */
export function listen(
  pubnub: PubNub,
  onLine: (line: ChatLine, channel: string, timetoken: string) => void,
): PubNub.Listener {
  const listener: PubNub.Listener = {
    message: (event: PubNub.Subscription.Message) => {
      onLine(event.message as ChatLine, event.channel, event.timetoken);
    },
    presence: (event: PubNub.Subscription.Presence) => {
      if (event.action === "join" || event.action === "leave") {
        console.log(`${event.uuid} ${event.action}s ${event.channel} (${event.occupancy})`);
      }
    },
    signal: (event: PubNub.Subscription.Signal) => console.log("typing:", event.publisher),
    messageAction: (event: PubNub.Subscription.MessageAction) => {
      console.log(event.event, event.data.type, event.data.value, event.data.messageTimetoken);
    },
    status: (status) => {
      if (status.category === PubNub.CATEGORIES.PNConnectedCategory) console.log("connected");
      if (status.category === PubNub.CATEGORIES.PNDisconnectedUnexpectedlyCategory) {
        pubnub.reconnect();
      }
    },
  };
  pubnub.addListener(listener);
  return listener;
}

/** Joins rooms, with presence. */
export function join(pubnub: PubNub, rooms: string[]): void {
  pubnub.subscribe({ channels: rooms, withPresence: true });
}

/** Sends a line; returns its timetoken, or why it failed. */
export async function say(pubnub: PubNub, channel: string, text: string): Promise<string> {
  const line: ChatLine = { text, from: pubnub.userId };
  try {
    const response: PubNub.Publish.PublishResponse = await pubnub.publish({
      channel,
      message: line,
      meta: { lang: "en" },
      storeInHistory: true,
    });
    return response.timetoken;
  } catch (error) {
    const status = (error as PubNub.PubNubError).status;
    return `failed: ${status?.category} ${status?.statusCode}`;
  }
}

/** Tells the room this user is typing. */
export function typing(pubnub: PubNub, channel: string): Promise<PubNub.Signal.SignalResponse> {
  return pubnub.signal({ channel, message: { typing: true } });
}

/** Who is in a room. */
export async function whoIsHere(pubnub: PubNub, channel: string): Promise<string[]> {
  const params: PubNub.Presence.HereNowParameters = { channels: [channel], includeUUIDs: true };
  const response: PubNub.Presence.HereNowResponse = await pubnub.hereNow(params);
  return response.channels[channel]?.occupants.map((o) => o.uuid) ?? [];
}

/** Rooms a user is in, and this user's state there. */
export async function rooms(pubnub: PubNub, userId: string): Promise<string[]> {
  const where = await pubnub.whereNow({ uuid: userId });
  await pubnub.setState({ channels: where.channels, state: { status: "online" } });
  const state = await pubnub.getState({ uuid: pubnub.userId, channels: where.channels });
  return Object.keys(state.channels);
}

/** A room group, with a subscription set over it. */
export async function lobby(pubnub: PubNub, group: string, rooms: string[]): Promise<() => void> {
  await pubnub.channelGroups.addChannels({ channelGroup: group, channels: rooms });
  const { channels } = await pubnub.channelGroups.listChannels({ channelGroup: group });
  console.log("lobby rooms:", channels.length);
  const set: PubNub.SubscriptionSet = pubnub.subscriptionSet({ channelGroups: [group] });
  set.onMessage = (event) => console.log(event.subscription, event.message);
  set.subscribe();
  return () => set.unsubscribe();
}

/** One room, entity style. */
export function watchRoom(pubnub: PubNub, room: string): PubNub.Subscription {
  const options: PubNub.SubscriptionOptions = { receivePresenceEvents: true };
  const subscription = pubnub.channel(room).subscription(options);
  subscription.onMessage = (event) => console.log(event.publisher, event.message);
  subscription.onPresence = (event) => console.log(event.action);
  subscription.subscribe();
  return subscription;
}

/** The last lines of a room, with their reactions. */
export async function backlog(pubnub: PubNub, room: string): Promise<ChatLine[]> {
  const params: PubNub.History.FetchMessagesParameters = {
    channels: [room],
    count: 25,
    includeMeta: true,
    includeMessageActions: true,
  };
  const response: PubNub.History.FetchMessagesResponse = await pubnub.fetchMessages(params);
  const counts = await pubnub.messageCounts({ channels: [room], channelTimetokens: ["0"] });
  console.log("stored:", counts.channels[room]);
  const old = await pubnub.history({ channel: room, count: 5, stringifiedTimeToken: true });
  console.log("oldest:", old.messages[0]?.timetoken);
  return (response.channels[room] ?? []).map((m) => m.message as ChatLine);
}

/** Reacts to a line, lists the reactions, takes it back. */
export async function react(pubnub: PubNub, room: string, timetoken: string): Promise<number> {
  const added: PubNub.MessageAction.AddMessageActionResponse = await pubnub.addMessageAction({
    channel: room,
    messageTimetoken: timetoken,
    action: { type: "reaction", value: "+1" },
  });
  const listed = await pubnub.getMessageActions({ channel: room, limit: 10 });
  await pubnub.removeMessageAction({
    channel: room,
    messageTimetoken: timetoken,
    actionTimetoken: added.data.actionTimetoken,
  });
  await pubnub.deleteMessages({ channel: room, end: timetoken });
  return listed.data.length;
}

/** The service time, callback style. */
export function clock(pubnub: PubNub, done: (timetoken: string | undefined) => void): void {
  pubnub.time((status: PubNub.Status, response) => {
    done(status.error ? undefined : String(response?.timetoken));
  });
}

/** Leaves everything. */
export function leave(pubnub: PubNub, listener: PubNub.Listener): void {
  pubnub.removeListener(listener);
  pubnub.unsubscribeAll();
  pubnub.destroy();
}
