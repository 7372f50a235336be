// The programmatic API of wsdl-to-ts. Curated: internals (and ts-morph) stay out of it.
export { generate, type GenerateInput, type GenerateOptions, type GenerateRequest, type GenerateResult } from "./generate.js";
export type { GeneratedFile } from "./emit/generated-file.js";
export type { DateTimeMode, Diagnostic } from "./model/model.js";
export { OptionError } from "./options.js";
export { WsdlError, type SourceLocation, type WsdlErrorCode } from "./wsdl/wsdl-error.js";
