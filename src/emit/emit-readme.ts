import { BASE_MEMBERS } from "../model/base-members.js";
import type { FieldModel, OutboundMessageModel } from "../model/model.js";
import { VALUE_KINDS, type TsTypeRef } from "../model/value-kinds.js";
import { testingReadmeSection } from "./emit-testing.js";
import type { GeneratedFile } from "./generated-file.js";
import { generatedMarkdownHeader, sourcesOf } from "./header.js";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function typeText(type: TsTypeRef): string {
  return type.kind === "runtime" ? `${type.name} (${type.alias})` : type.name;
}

function row(name: string, xsdType: string, type: TsTypeRef, whenNull: string): string {
  return `| \`${cell(name)}\` | ${cell(xsdType)} | \`${typeText(type)}\` | ${whenNull} |`;
}

function fieldRow(field: FieldModel): string {
  return row(field.name, field.xsdType, field.value.tsType, "absent, or `null` when sent as xsi:nil");
}

/** The base members the README lists (the record `Id`). */
const BASE_ROWS = BASE_MEMBERS.flatMap((member) =>
  member.readme === undefined
    ? []
    : [row(member.name, member.readme.xsdType, VALUE_KINDS.id.tsType, member.readme.whenNull)],
);

function messageSection(model: OutboundMessageModel, heading: string): string {
  const rows = [
    "| field | XSD type | TypeScript | when the value is null |",
    "|---|---|---|---|",
    ...BASE_ROWS,
    ...model.fields.map(fieldRow),
  ];
  const endpoint = model.endpoint === undefined ? "" : ` The WSDL names the endpoint \`${model.endpoint}\`.`;
  return [
    `${heading} ${model.objectName}, from \`${model.sourceFile}\``,
    "",
    `Each delivery is a SOAP \`notifications\` with 1 to 100 \`${model.typeNames.notification}\`s, each with the notification \`Id\` (the deduplication key) and the \`${model.objectName}\` record as \`sObject\`.${endpoint}`,
    "",
    ...rows,
    "",
    "Fields Salesforce sends that the WSDL does not declare are kept as text in `sObject.unknownFields`.",
  ].join("\n");
}

/** `FooBar` → `FOO_BAR`: an environment variable name. */
function envName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/** The `actionIds` option of the snippet: required for messages of the same object, left out when there are none. */
function actionIdsOption(models: readonly OutboundMessageModel[]): string {
  const shared = models.filter((model) =>
    models.some((other) => other !== model && other.objectName === model.objectName),
  );
  if (shared.length === 0) return "";
  const lines = shared.map(
    (model) => `    ${model.typeNames.sObject}: process.env.${envName(model.typeNames.sObject)}_ACTION_ID!,`,
  );
  return `
  // Required for messages of the same object: the ActionId (04k…) of each tells them apart.
  actionIds: {
${lines.join("\n")}
  },`;
}

function usage(packageName: string, models: readonly OutboundMessageModel[]): string {
  const [first] = models;
  if (first !== undefined && models.length === 1) {
    return `\`\`\`ts
import { createServer } from "node:http";
import { createNodeHandler } from "${packageName}";

const handler = createNodeHandler({
  organizationId: process.env.SALESFORCE_ORG_ID!, // 15 or 18 characters; other orgs get 403
  onNotifications: async (notifications) => {
    for (const { Id, sObject } of notifications) {
      // sObject is typed: ${first.typeNames.sObject}
    }
  }, // Salesforce gets its Ack only after this resolves; a throw means a retry
});
createServer(handler).listen(3000);
\`\`\`

Also: \`createFetchHandler\` (Request → Response), \`createLambdaHandler\` (AWS Lambda), \`createHandler\` (framework-neutral core), \`parseNotifications(body)\`, \`ackResponse\`, \`faultResponse\`;
for slow work \`createPostgresInbox(db)\` (the handler's \`inbox\` option: Ack once recorded, \`inbox.work(…)\` processes later) and \`serializeNotification\` / \`reviveNotification\` for a queue of your own.`;
  }
  const messages = models.map(
    (model) => `    ${model.typeNames.sObject}: { onNotifications: async (notifications) => {} },`,
  );
  return `\`\`\`ts
import { createServer } from "node:http";
import { createRouterNodeHandler } from "${packageName}";

const handler = createRouterNodeHandler({
  organizationId: process.env.SALESFORCE_ORG_ID!,
  messages: {
${messages.join("\n")}
  },${actionIdsOption(models)}
});
createServer(handler).listen(3000);
\`\`\`

One endpoint receives every outbound message of the package and routes each delivery by the
sObject's \`xsi:type\` (and by ActionId, given in \`actionIds\`, for messages of the same object).
Each message is also available on its own: ${models.map((model) => `\`${model.typeNames.sObject}\``).join(", ")}
(e.g. \`${models[0]?.typeNames.sObject}.parseNotifications(body)\`).`;
}

/** `README.md` of the generated package: what it receives, its fields, how to use it. */
export function emitReadme(packageName: string, models: readonly OutboundMessageModel[]): GeneratedFile {
  const sources = models.map((model) => `\`${model.sourceFile}\``).join(", ");
  const sections = models.map((model) =>
    messageSection(model, models.length === 1 ? "## Receives" : `## ${model.typeNames.sObject}: receives`),
  );
  const content = [
    generatedMarkdownHeader(sourcesOf(models)),
    `# ${packageName}`,
    "",
    `Typed receiver for Salesforce outbound messages, generated by wsdl-to-ts from ${sources}. Do not edit: regenerate.`,
    "No runtime dependencies; ESM and CommonJS builds with type declarations.",
    "",
    ...sections.flatMap((section) => [section, ""]),
    "## Usage",
    "",
    usage(packageName, models),
    "",
    testingReadmeSection(packageName, models),
    "",
  ].join("\n");
  return { path: "README.md", content };
}
