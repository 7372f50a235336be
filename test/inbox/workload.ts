import assert from "node:assert/strict";
import { createNodeHandler, type PostgresInbox, type OpportunityNotifications } from "../../fixtures/golden/hostiledeveloper-opportunity-25fields/dist/esm/index.js";
import { listen, postSoap } from "../support/http.js";
import { messageXml, notificationId, ORGANIZATION_ID, recordId } from "./messages.js";

// The workload of the crash tests: 20 messages × 10 notifications over 40 records (5 each,
// spread over several messages), posted over HTTP to a handler that records them in the inbox.

export const MESSAGES = 20;
export const PER_MESSAGE = 10;
export const RECORDS = 40;

export interface Workload {
  /** Notification ids in arrival order. */
  readonly ids: readonly string[];
  /** The record of each notification. */
  readonly recordOf: ReadonlyMap<string, string>;
}

export function workload(): Workload {
  const ids: string[] = [];
  const recordOf = new Map<string, string>();
  for (let m = 0; m < MESSAGES; m++) {
    for (let n = 0; n < PER_MESSAGE; n++) {
      const id = notificationId(m, n);
      ids.push(id);
      recordOf.set(id, recordId((m * PER_MESSAGE + n) % RECORDS));
    }
  }
  return { ids, recordOf };
}

/** Posts the workload's messages one after another and asserts that each was acknowledged. */
export async function postWorkload(inbox: PostgresInbox<OpportunityNotifications>, load: Workload): Promise<void> {
  const server = await listen(createNodeHandler({ organizationId: ORGANIZATION_ID, inbox }));
  try {
    for (let m = 0; m < MESSAGES; m++) {
      const specs = load.ids.slice(m * PER_MESSAGE, (m + 1) * PER_MESSAGE).map((id) => ({ id, record: load.recordOf.get(id) as string }));
      const response = await postSoap(server.url, messageXml(specs));
      assert.equal(response.status, 200, response.body);
    }
  } finally {
    await server.close();
  }
}
