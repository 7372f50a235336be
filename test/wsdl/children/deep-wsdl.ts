// Generates from a WSDL whose elements are nested `process.argv[2]` deep and prints the error it is
// refused with. Run in a child process so that the test can bound it by a timeout, not a timing.
import { generate, WsdlError } from "../../../src/index.js";

const depth = Number(process.argv[2]);
const text = `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/">${"<a>".repeat(depth)}${"</a>".repeat(depth)}</definitions>`;
try {
  await generate({ inputs: [{ name: "in.wsdl", text }] });
  process.stdout.write("accepted\n");
} catch (error) {
  if (!(error instanceof WsdlError)) throw error;
  process.stdout.write(`${error.message}\n`);
}
