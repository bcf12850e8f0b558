// The official-API suite on our ./compat entry: the same assertions as on npm:pubnub.
import type Official from "npm:pubnub@12.0.3";
import PubNub from "../../compat.ts";
import { defineOfficialApiSuite } from "./suite/official_api_suite.ts";

// The suite is typed against the official SDK's declarations; the class under test is ours.
defineOfficialApiSuite("compat", PubNub as unknown as typeof Official);
