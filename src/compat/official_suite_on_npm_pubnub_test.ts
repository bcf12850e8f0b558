// The official-API suite on the official SDK itself: what the compat run must match.
import PubNub from "npm:pubnub@12.0.3";
import { defineOfficialApiSuite } from "./suite/official_api_suite.ts";

defineOfficialApiSuite("npm:pubnub@12.0.3", PubNub);
