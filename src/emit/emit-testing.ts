import { messageShapeOf } from "../model/message-shape.js";
import type { OutboundMessageModel } from "../model/model.js";
import { generatedHeader, sourcesOf } from "./header.js";
import { messageFile, type ModuleContext } from "./module-context.js";
import { TsFile } from "./ts-file.js";
import { stringLiteral } from "./ts-syntax.js";

// `testing.ts`: the `<pkg>/testing` entry point. Only the message's shape is generated; the
// writing and sampling live in the runtime (templates/runtime/testing-*.ts), shared by every
// package and by `wsdl-to-ts sample` / `send`. The main entry point never imports it.

/** The shape as a literal: one `[name, kind]` per field, in WSDL order. */
function shapeLiteral(model: OutboundMessageModel): string {
  const shape = messageShapeOf(model);
  const fields = shape.fields.map(([name, kind]) => `[${stringLiteral(name)}, ${stringLiteral(kind)}]`);
  return `{ objectName: ${stringLiteral(shape.objectName)}, keyPrefix: ${stringLiteral(shape.keyPrefix)}, dateTime: ${stringLiteral(shape.dateTime)}, fields: [${fields.join(", ")}] }`;
}

/** The id helpers, exported once per package. */
function reexportIdHelpers(file: TsFile, runtime: string): void {
  file.reexport(`${runtime}/testing-ids.js`, { values: ["caseSafeId", "salesforceId"] });
  file.reexport(`${runtime}/testing-shape.js`, {
    types: ["FieldKind", "MessageShape", "NotificationInput", "NotificationsInput", "SampleOptions"],
  });
}

/** `testing.ts` of one outbound message: its shape, a typed builder and a sampler. */
export function emitTesting(context: ModuleContext, withHelpers: boolean): TsFile {
  const { model, runtime } = context;
  const inputType = model.typeNames.notificationsInput;
  const file = messageFile(context, "testing.ts");
  const MessageShape = file.import("MessageShape", `${runtime}/testing-shape.js`, { type: true });
  const NotificationsInput = file.import("NotificationsInput", `${runtime}/testing-shape.js`, { type: true });
  const SampleOptions = file.import("SampleOptions", `${runtime}/testing-shape.js`, { type: true });
  const sampleNotificationsOf = file.import("sampleNotificationsOf", `${runtime}/testing-samples.js`);
  const buildNotificationsXmlOf = file.import("buildNotificationsXmlOf", `${runtime}/testing-xml.js`);
  const sObject = file.import(model.typeNames.sObject, "./types.js", { type: true });
  const notifications = file.import(model.typeNames.notifications, "./types.js", { type: true });
  if (withHelpers) reexportIdHelpers(file, runtime);

  file.const({
    name: "MESSAGE_SHAPE",
    exported: true,
    type: `${MessageShape}`,
    value: shapeLiteral(model),
    docs: `The ${model.objectName} sObject as the WSDL declares it: the fields in WSDL order, with their kinds.`,
  });
  file.typeAlias({
    name: inputType,
    exported: true,
    type: `${NotificationsInput}<${sObject}>`,
    docs: `One ${model.objectName} delivery to build: every part is optional, records are partial.`,
  });
  file.function({
    name: "buildNotificationsXml",
    exported: true,
    parameters: [{ name: "request", type: inputType, initializer: "{}" }],
    returns: "string",
    docs:
      `The SOAP request Salesforce would POST for \`request\`: \`soapenv\`/\`sf\` prefixes, \`xsi:type="sf:${model.objectName}"\`,\n` +
      "fields in WSDL order, `null` as `xsi:nil`, absent fields left out, Salesforce's lexical forms (`45000.0`,\n" +
      "`2020-05-08T13:40:22.000Z`), `unknownFields` as elements. Missing ids and URLs get realistic defaults.",
    body: `return ${buildNotificationsXmlOf}(MESSAGE_SHAPE, request);`,
  });
  file.function({
    name: "sampleNotifications",
    exported: true,
    parameters: [{ name: "options", type: `${SampleOptions}`, initializer: "{}" }],
    returns: `${notifications}`,
    docs:
      `A realistic ${model.objectName} delivery with \`count\` notifications (default 1), the same for the same \`seed\`;\n` +
      "`nullRate` of the fields have no value. Pass it to `buildNotificationsXml` for the wire form.",
    body: `return ${sampleNotificationsOf}<${sObject}>(MESSAGE_SHAPE, options);`,
  });
  return file;
}

/** `src/testing.ts` of a package of several messages: one namespace per message, the shared helpers. */
export function emitPackageTesting(models: readonly OutboundMessageModel[]): TsFile {
  const file = new TsFile("src/testing.ts", generatedHeader(sourcesOf(models)));
  for (const model of models) file.exportNamespace(model.typeNames.sObject, `./${model.typeNames.sObject}/testing.js`);
  reexportIdHelpers(file, "./runtime");
  return file;
}

/** The generated README's section on `<pkg>/testing`. */
export function testingReadmeSection(packageName: string, models: readonly OutboundMessageModel[]): string {
  const [first] = models;
  const single = first !== undefined && models.length === 1;
  const importLine = single
    ? `import { buildNotificationsXml, sampleNotifications } from "${packageName}/testing";`
    : `import { ${first?.typeNames.sObject ?? "Message"} } from "${packageName}/testing";`;
  const call = single ? "" : `${first?.typeNames.sObject ?? "Message"}.`;
  return `## Testing: \`${packageName}/testing\`

A separate entry point (ESM and CommonJS, typed; the main entry never loads it) builds messages
exactly as Salesforce sends them, for unit tests of your endpoint:

\`\`\`ts
${importLine}

const xml = ${call}buildNotificationsXml({ Notification: [{ sObject: { /* typed, partial record */ } }] });
const sample = ${call}sampleNotifications({ count: 3, seed: 42, nullRate: 0.1 }); // deterministic per seed
const body = ${call}buildNotificationsXml(sample); // parses back to \`sample\`
\`\`\`

Missing ids get realistic 18-character defaults (\`00D…\`, \`04k…\`, \`04l…\`, the object's key prefix).
\`wsdl-to-ts send\` delivers such messages to a running endpoint with Salesforce's retry schedule.`;
}
