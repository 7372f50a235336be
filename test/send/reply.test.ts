import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EMPTY_REPLY, judgeReply, NACK, NOT_IN_PROLOG } from "../../src/send/reply.js";
import { fixture } from "../support/fixtures.js";

// How `send` judges an answer: only HTTP 200 with a SOAP notificationsResponse Ack true counts.

describe("judgeReply", () => {
  it("acks: the canonical Ack, and any prefixes (node-soap qualifies Ack with tns:)", () => {
    assert.deepEqual(judgeReply(200, fixture("messages/aspnet-ack-response.xml")), { acked: true });
    const nodeSoap =
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://soap.sforce.com/2005/09/outbound"><soap:Body><tns:notificationsResponse><tns:Ack>1</tns:Ack></tns:notificationsResponse></soap:Body></soap:Envelope>';
    assert.deepEqual(judgeReply(200, nodeSoap), { acked: true });
  });

  it("fails everything else with the reason Salesforce shows", () => {
    const ack = fixture("messages/aspnet-ack-response.xml");
    const cases: [number, string, string][] = [
      [200, ack.replace(">true<", ">false<"), NACK],
      [500, ack, "HTTP 500 with <Ack>true</Ack>: only HTTP 200 counts"],
      [200, "OK", NOT_IN_PROLOG],
      [200, '{"ok":true}', NOT_IN_PROLOG],
      [502, "<!DOCTYPE html><html><body>Bad Gateway</body></html>", NOT_IN_PROLOG],
      [200, "<html><body>hello</body></html>", NOT_IN_PROLOG],
      [200, "", EMPTY_REPLY],
      [400, fixture("messages/aspnet-soap-fault-response-template.xml").replace("{0}", "Invalid organization"), "Invalid organization"],
      [200, fixture("messages/pacificbath-nonstandard-ack-notifications-Ack1.xml"), "unexpected <notifications> in namespace http://soap.sforce.com/2005/09/outbound in the SOAP Body, expected notificationsResponse in namespace http://soap.sforce.com/2005/09/outbound"],
      [200, '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><x', "malformed XML in the response: MALFORMED_XML at /Envelope/Body (line 1, column 91): start tag <x> is not closed"],
    ];
    for (const [status, body, reason] of cases) assert.deepEqual(judgeReply(status, body), { acked: false, reason }, body.slice(0, 60));
  });
});
