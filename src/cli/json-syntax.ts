/** The first syntax error of a JSON text: where it is (a character offset) and what is wrong. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly problem: string;
}

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/**
 * Finds the first syntax error of a text JSON.parse refused. JSON.parse's own message gives an
 * offset in some cases, none in others, and changes between Node versions; a config error must
 * point at line and column the same way everywhere. Undefined when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const found = (): string => (at >= text.length ? "the end of the file" : JSON.stringify(text[at]));
  const fail = (problem: string): never => {
    throw new Stop({ offset: at, problem: `${problem}, found ${found()}` });
  };
  const space = (): void => {
    while (at < text.length && " \t\n\r".includes(text[at] as string)) at++;
  };
  const expect = (char: string, problem: string): void => {
    space();
    if (text[at] !== char) fail(problem);
    at++;
  };
  const string = (): void => {
    at++; // the opening quote
    for (;;) {
      if (at >= text.length) fail("unterminated string");
      const char = text[at] as string;
      if (char === '"') break;
      if (char.charCodeAt(0) < 0x20) fail("control character in a string (write it as an escape such as \\n)");
      if (char === "\\") {
        at++;
        if (text[at] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail("\\u must be followed by four hex digits");
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? "x")) {
          fail("invalid escape in a string");
        }
      }
      at++;
    }
    at++;
  };
  /** The members of an object or the elements of an array, after the opening bracket. */
  const members = (close: string, member: () => void, problem: string): void => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      member();
      space();
      if (text[at] === close) return void at++;
      if (text[at] !== ",") fail(problem);
      at++;
    }
  };
  const property = (): void => {
    space();
    if (text[at] !== '"') fail("expected a property name in double quotes");
    string();
    expect(":", "expected ':' after the property name");
    value();
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === "{") return members("}", property, "expected ',' or '}' after a property value");
    if (char === "[") return members("]", value, "expected ',' or ']' after an array element");
    if (char === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (literal === null) fail("expected a value (an object, array, string, number, true, false or null)");
    at += (literal as RegExpExecArray)[0].length;
  };
  try {
    value();
    space();
    if (at < text.length) fail("unexpected text after the JSON value");
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.error;
    // Nesting deeper than the stack: no config is like that, and it must not become a stack trace.
    if (error instanceof RangeError) return { offset: at, problem: "nested too deeply" };
    throw error;
  }
}
