import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  assignNames,
  isIdentifierName,
  isObjectPrototypeMember,
  isPackageFileName,
  moduleNameProblem,
  nameFromFile,
  typeNameFor,
  typeNamesFor,
  type NameRequest,
  type TakenNames,
} from "../../src/model/names.js";

// How generated names are made from Salesforce API names, file names and --name.

describe("isIdentifierName", () => {
  const cases: [string, boolean][] = [
    ["Name", true],
    ["gwestr__Rush__c", true],
    ["$x", true],
    ["_1", true],
    ["1a", false],
    ["a-b", false],
    ["a b", false],
    ["", false],
    ["Café", false],
  ];
  for (const [name, expected] of cases)
    it(`${JSON.stringify(name)} → ${expected}`, () => assert.equal(isIdentifierName(name), expected));
});

describe("typeNameFor", () => {
  const cases: [string, string][] = [
    ["Account", "Account"],
    ["i360__Appointment__c", "i360__Appointment__c"],
    ["my-object", "my_object"],
    ["1Object", "_1Object"],
    ["class", "classSObject"],
    ["string", "stringSObject"],
    // Only shadows what the generated code uses decide on (assignNames); these do not.
    ["Record", "Record"],
    ["Document", "Document"],
  ];
  for (const [apiName, expected] of cases)
    it(`${apiName} → ${expected}`, () => assert.equal(typeNameFor(apiName), expected));
});

describe("typeNamesFor and nameFromFile", () => {
  it("derives the notification, request and handler options names from the base", () => {
    assert.deepEqual(typeNamesFor("Deal"), {
      sObject: "Deal",
      notification: "DealNotification",
      notifications: "DealNotifications",
      handlerOptions: "DealHandlerOptions",
      notificationsInput: "DealNotificationsInput",
    });
  });

  const files: [string, string][] = [
    ["paustint-account-83fields.wsdl", "PaustintAccount83fields"],
    ["won_deals.WSDL", "WonDeals"],
    ["123.xml", "_123"],
    [".wsdl", "Message"],
  ];
  for (const [file, expected] of files) it(`${file} → ${expected}`, () => assert.equal(nameFromFile(file), expected));
});

describe("isObjectPrototypeMember", () => {
  it("is true for exactly the own names of Object.prototype", () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) assert.ok(isObjectPrototypeMember(name), name);
    assert.equal(isObjectPrototypeMember("Name"), false);
    assert.equal(isObjectPrototypeMember("prototype"), false);
  });
});

describe("assignNames", () => {
  const TAKEN: TakenNames = new Map([
    ["Route", "src/router.ts: imported from ./runtime/router.js"],
    ["RouteSObject", "a test: taken too"],
    ["FaultCode", "src/response.ts: re-exported from ./runtime/soap.js"],
    ["FooNotification", "a test: taken"],
  ]);
  const request = (objectName: string, fileName = `${objectName}.wsdl`, requested?: string): NameRequest => ({
    objectName,
    fileName,
    requested,
  });

  it("names each message after its object, or after its file when objects repeat", () => {
    assert.deepEqual(
      assignNames(
        [request("Account"), request("Opportunity", "won-deals.wsdl"), request("Opportunity", "lost.wsdl")],
        TAKEN,
      ),
      { names: ["Account", "WonDeals", "Lost"] },
    );
  });

  it("keeps a name asked for, and moves a derived one aside from package files and taken names", () => {
    assert.deepEqual(
      assignNames([request("Account", "a.wsdl", "Client"), request("Runtime"), request("Route")], TAKEN),
      {
        names: ["Client", "RuntimeMessage", "RouteSObjectSObject"],
      },
    );
  });

  it("refuses a name asked for that the generated code takes, or whose derived types it takes", () => {
    assert.deepEqual(assignNames([request("Account"), request("Case", "c.wsdl", "FaultCode")], TAKEN), {
      taken: { index: 1, name: "FaultCode", use: "src/response.ts: re-exported from ./runtime/soap.js" },
    });
    assert.deepEqual(assignNames([request("Account", "a.wsdl", "Foo")], TAKEN), {
      taken: { index: 0, name: "FooNotification", use: "a test: taken" },
    });
  });

  it("reports two names that differ only in case", () => {
    assert.deepEqual(assignNames([request("Account", "a.wsdl", "Deal"), request("Case", "c.wsdl", "DEAL")], TAKEN), {
      collision: [0, 1],
      names: ["Deal", "DEAL"],
    });
  });
});

describe("moduleNameProblem and isPackageFileName", () => {
  it("accepts an identifier the package does not use for itself", () => {
    assert.equal(moduleNameProblem("Deal"), undefined);
    assert.equal(isPackageFileName("Deal"), false);
  });

  const refused: [string, string][] = [
    ["my-name", '"my-name" cannot name an outbound message: use a TypeScript identifier such as my_name'],
    ["class", '"class" cannot name an outbound message: it is reserved (a keyword or a built-in name): use another such as classSObject'],
    ["Router", '"Router" cannot name an outbound message: the package uses that name itself'],
    ["index", '"index" cannot name an outbound message: the package uses that name itself'],
  ];
  for (const [name, message] of refused) {
    it(`refuses ${name}`, () => assert.equal(moduleNameProblem(name), message));
  }
});
