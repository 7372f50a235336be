// What generate() loads of the emit stage, once the WSDLs were read: one import for ts-morph and prettier.
export { emitPackage } from "./emit-package.js";
export { namesTakenByGeneratedCode } from "./taken-names.js";
