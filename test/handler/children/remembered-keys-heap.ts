// Run by test/handler/dedupe-heap.test.ts with --expose-gc: delivers `count` messages whose
// notification ids are not 18 characters long to one handler with the in-memory store, and
// prints the heap each remembered key costs, as JSON on stdout.
//   real:   the generated parser, the body as bytes in two chunks (as the node adapter passes it);
//   sliced: a parser whose ids are slices of a 20 KB message text, as a reader that slices gives.
import { parseNotifications } from "../../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/index.js";
import { createOutboundHandler } from "../../../fixtures/golden/hostiledeveloper-opportunity-25fields/src/runtime/handler-core.js";
import { fixture } from "../../support/fixtures.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");
const mode = process.argv[2] === "sliced" ? "sliced" : "real";
const count = Number(process.argv[3] ?? 10_000);
const template = fixture("messages/hostiledeveloper-opportunity-27fields-sandbox.xml");
const ID = "04l5w00005286hAAAQ";
const PADDING = " ".repeat(20_000);

type Message = ReturnType<typeof parseNotifications>;
const parse = (body: string | Uint8Array | readonly Uint8Array[]): Message => {
  const message = parseNotifications(body);
  if (mode === "real" || typeof body !== "string") return message;
  // Ids and org cut out of one large string built per message (flattened, so slices point into it).
  const text = `${body}${PADDING}`.split("\n").join("\n");
  const at = text.indexOf(message.Notification[0].Id);
  const organizationAt = text.indexOf(message.OrganizationId);
  const first = { ...message.Notification[0], Id: text.slice(at, at + message.Notification[0].Id.length) };
  return { ...message, OrganizationId: text.slice(organizationAt, organizationAt + 18), Notification: [first] };
};
const handler = createOutboundHandler(
  { organizationId: "00D5w000004qGTOEA2", onNotifications: () => {}, onError: () => {} },
  { parse, wsdl: "" },
);

const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const deliver = async (i: number): Promise<void> => {
  // A 21-character id, so that no length-specific copying in a reader applies.
  const text = template.replace(`<Id>${ID}</Id>`, `<Id>04l5w00005286h${String(i).padStart(7, "0")}</Id>`);
  const bytes = new TextEncoder().encode(text);
  const body = mode === "real" ? [bytes.subarray(0, 1000), bytes.subarray(1000)] : text;
  const response = await handler.handle({ method: "POST", url: "/", headers: { "content-type": "text/xml" }, body });
  if (response.status !== 200) throw new Error(`delivery ${i} got ${response.status}: ${response.body}`);
};
await deliver(-1); // warms code and caches up, so that they are not counted
const before = heap();
for (let i = 0; i < count; i++) await deliver(i);
const after = heap();
process.stdout.write(JSON.stringify({ mode, count, bytesPerKey: Math.round((after - before) / count) }));
