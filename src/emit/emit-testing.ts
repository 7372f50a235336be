import { VariableDeclarationKind } from "ts-morph";
import { messageShapeOf } from "../model/message-shape.js";
import type { OutboundMessageModel } from "../model/model.js";
import { sourcesOf } from "./emit-router.js";
import type { GeneratedFile } from "./generated-file.js";
import { generatedHeader } from "./header.js";
import type { ModuleContext } from "./module-context.js";
import { importTypes, importValues, printModule, reexport, stringLiteral, type ModuleFactory, type TsModule } from "./ts-module.js";

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
function reexportIdHelpers(module: TsModule, runtime: string): void {
  reexport(module, `${runtime}/testing-ids.js`, ["caseSafeId", "salesforceId"]);
  reexport(module, `${runtime}/testing-shape.js`, [], ["FieldKind", "MessageShape", "NotificationInput", "NotificationsInput", "SampleOptions"]);
}

/** `testing.ts` of one outbound message: its shape, a typed builder and a sampler. */
export async function emitTesting(context: ModuleContext, withHelpers: boolean): Promise<GeneratedFile> {
  const { model, runtime } = context;
  const { sObject, notifications } = model.typeNames;
  const inputType = `${notifications}Input`;
  const module = context.factory.create(`${context.dir}/testing.ts`);
  const file = module.file;
  importTypes(module, `${runtime}/testing-shape.js`, ["MessageShape", "NotificationsInput", "SampleOptions"]);
  importValues(module, `${runtime}/testing-samples.js`, ["sampleNotificationsOf"]);
  importValues(module, `${runtime}/testing-xml.js`, ["buildNotificationsXmlOf"]);
  importTypes(module, "./types.js", [sObject, notifications]);
  if (withHelpers) reexportIdHelpers(module, runtime);

  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: "MESSAGE_SHAPE", type: "MessageShape", initializer: shapeLiteral(model) }],
    docs: [`The ${model.objectName} sObject as the WSDL declares it: the fields in WSDL order, with their kinds.`],
  });
  file.addTypeAlias({
    name: inputType,
    isExported: true,
    type: `NotificationsInput<${sObject}>`,
    docs: [`One ${model.objectName} delivery to build: every part is optional, records are partial.`],
  });
  file.addFunction({
    name: "buildNotificationsXml",
    isExported: true,
    parameters: [{ name: "request", type: inputType, initializer: "{}" }],
    returnType: "string",
    docs: [
      `The SOAP request Salesforce would POST for \`request\`: \`soapenv\`/\`sf\` prefixes, \`xsi:type="sf:${model.objectName}"\`,\n` +
        "fields in WSDL order, `null` as `xsi:nil`, absent fields left out, Salesforce's lexical forms (`45000.0`,\n" +
        "`2020-05-08T13:40:22.000Z`), `unknownFields` as elements. Missing ids and URLs get realistic defaults.",
    ],
    statements: ["return buildNotificationsXmlOf(MESSAGE_SHAPE, request);"],
  });
  file.addFunction({
    name: "sampleNotifications",
    isExported: true,
    parameters: [{ name: "options", type: "SampleOptions", initializer: "{}" }],
    returnType: notifications,
    docs: [
      `A realistic ${model.objectName} delivery with \`count\` notifications (default 1), the same for the same \`seed\`;\n` +
        "`nullRate` of the fields have no value. Pass it to `buildNotificationsXml` for the wire form.",
    ],
    statements: [`return sampleNotificationsOf<${sObject}>(MESSAGE_SHAPE, options);`],
  });
  return { path: module.path, content: await printModule(module, generatedHeader(model.sourceFile)) };
}

/** `src/testing.ts` of a package of several messages: one namespace per message, the shared helpers. */
export async function emitPackageTesting(models: readonly OutboundMessageModel[], factory: ModuleFactory): Promise<GeneratedFile> {
  const module = factory.create("src/testing.ts");
  for (const model of models) {
    const name = model.typeNames.sObject;
    module.file.addExportDeclaration({ namespaceExport: name, moduleSpecifier: `./${name}/testing.js` });
  }
  reexportIdHelpers(module, "./runtime");
  return { path: module.path, content: await printModule(module, generatedHeader(sourcesOf(models))) };
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
