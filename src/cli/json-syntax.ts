/** The first syntax error of a JSON text: where it is (a character offset) and what is wrong. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly problem: string;
}

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/** Where a value is inside a JSON document: property names and array indexes from the top. */
export type JsonPath = readonly (string | number)[];

/**
 * Finds the first syntax error of a text JSON.parse refused. JSON.parse's own message gives an
 * offset in some cases, none in others, and changes between Node versions; a config error must
 * point at line and column the same way everywhere. Undefined when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  return scanJson(text, () => {});
}

/**
 * The offset where the value at `path` starts in a JSON text (the last one, as JSON.parse keeps
 * the last of repeated names), so that an error about a config entry can point at it; undefined
 * when there is none.
 */
export function jsonValueOffset(text: string, path: JsonPath): number | undefined {
  let found: number | undefined;
  scanJson(text, (at, offset) => {
    if (at.length === path.length && at.every((step, i) => step === path[i])) found = offset;
  });
  return found;
}

/** Reads the text as JSON, telling `onValue` where each value starts; the first syntax error, if any. */
function scanJson(text: string, onValue: (path: JsonPath, offset: number) => void): JsonSyntaxError | undefined {
  let at = 0;
  const path: (string | number)[] = [];
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
  const members = (close: string, member: (index: number) => void, problem: string): void => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (let index = 0; ; index++) {
      member(index);
      space();
      if (text[at] === close) return void at++;
      if (text[at] !== ",") fail(problem);
      at++;
    }
  };
  const property = (): void => {
    space();
    if (text[at] !== '"') fail("expected a property name in double quotes");
    const start = at;
    string();
    const name = JSON.parse(text.slice(start, at)) as string;
    expect(":", "expected ':' after the property name");
    path.push(name);
    value();
    path.pop();
  };
  const element = (index: number): void => {
    path.push(index);
    value();
    path.pop();
  };
  const value = (): void => {
    space();
    onValue(path, at);
    const char = text[at];
    if (char === "{") return members("}", property, "expected ',' or '}' after a property value");
    if (char === "[") return members("]", element, "expected ',' or ']' after an array element");
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
