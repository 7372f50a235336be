import { DATE_TIME_MODES, type FieldModel, type OutboundMessageModel, type ValueKind } from "../model/model.js";
import { typeNamesFor, type TakenNames } from "../model/names.js";
import { valueForm, VALUE_KINDS } from "../model/value-kinds.js";
import { emitModules } from "./emit-package.js";

// The names a message may not take, derived from what the generated files declare and import:
// the emitters run on probe messages (one alone, and two in a package, so that the router and
// the package index run too) and every name their files bind or export is taken, except the
// probes' own names. Nothing is printed, so this costs about 3 ms per generate() call.

const PROBE_NAMES = ["Probe", "ProbeA", "ProbeB"];

/** A message with a field of every value kind in each `--datetime` mode, so that every reader and value type is imported. */
function probe(name: string): OutboundMessageModel {
  const kinds = Object.keys(VALUE_KINDS) as ValueKind[];
  const forms = kinds.flatMap((kind) => DATE_TIME_MODES.map((mode) => ({ kind, mode })));
  const fields = forms.map(({ kind, mode }): FieldModel => ({
    name: `${kind}In${mode}Mode`,
    xsdType: kind,
    valueKind: kind,
    value: valueForm(kind, mode),
    nillable: true,
    minOccurs: 0,
    location: { file: "probe.wsdl", line: 1, column: 1 },
  }));
  return {
    sourceFile: "probe.wsdl",
    sourceText: "",
    objectName: name,
    notificationTypeName: `${name}Notification`,
    typeNames: typeNamesFor(name),
    fields,
    endpoint: undefined,
    dateTime: "date",
  };
}

/**
 * Names the generated code binds or exports itself, each with where and how (`src/index.ts:
 * re-exported from ./response.js`). A message named so would not compile.
 */
export function namesTakenByGeneratedCode(): TakenNames {
  const own = new Set(PROBE_NAMES.flatMap((name) => Object.values(typeNamesFor(name))));
  const found = new Map<string, string>();
  const [alone, first, second] = PROBE_NAMES.map(probe) as [
    OutboundMessageModel,
    OutboundMessageModel,
    OutboundMessageModel,
  ];
  for (const file of [...emitModules([alone]), ...emitModules([first, second])]) {
    for (const [name, origin] of file.boundNames()) {
      if (!own.has(name) && !found.has(name))
        found.set(name, `${file.path.replace(/\/Probe[AB]\//, "/<name>/")}: ${origin}`);
    }
  }
  return found;
}
