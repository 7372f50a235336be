import assert from "node:assert/strict";
import type { ContractName } from "./events.js";

// What each source accepts as a function result, from AWS's documentation:
// - REST proxy integration: { isBase64Encoded, statusCode, headers, multiValueHeaders, body };
// - payload 2.0 (HTTP API, Function URLs): { isBase64Encoded, statusCode, body, headers, cookies };
// - ALB: { isBase64Encoded, statusCode, statusDescription, headers | multiValueHeaders, body }, where
//   a target group with multi-value headers on reads only multiValueHeaders, and one with them off
//   only headers.
// AWS's own sample results (fixtures/lambda/*-response.json) are checked against the same rules.

const ALLOWED: Readonly<Record<ContractName, readonly string[]>> = {
  rest: ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"],
  "payload-v2": ["statusCode", "headers", "body", "isBase64Encoded", "cookies"],
  alb: ["statusCode", "statusDescription", "headers", "multiValueHeaders", "body", "isBase64Encoded"],
};

function isHeaderValue(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Fails unless `result` is a result the source of `contract` accepts. */
export function assertContract(contract: ContractName, result: object): void {
  const fields = result as Record<string, unknown>;
  for (const key of Object.keys(fields)) assert.ok(ALLOWED[contract].includes(key), `${contract} results have no "${key}"`);
  const { statusCode, body, headers, multiValueHeaders, isBase64Encoded, statusDescription } = fields;
  assert.ok(Number.isInteger(statusCode) && (statusCode as number) >= 100 && (statusCode as number) <= 599, "statusCode is an HTTP status");
  assert.equal(typeof body, "string", "body is text");
  if (isBase64Encoded !== undefined) assert.equal(typeof isBase64Encoded, "boolean");
  if (headers !== undefined) {
    for (const value of Object.values(headers as object)) assert.ok(isHeaderValue(value), "a header value is a string");
  }
  if (multiValueHeaders !== undefined) {
    for (const values of Object.values(multiValueHeaders as object)) {
      assert.ok(Array.isArray(values) && values.every(isHeaderValue), "multiValueHeaders hold lists of strings");
    }
  }
  if (statusDescription !== undefined) {
    assert.match(statusDescription as string, new RegExp(`^${statusCode as number} [A-Z][A-Za-z ]+$`), "statusDescription is «code reason»");
  }
}
