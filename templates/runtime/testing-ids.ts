// Salesforce ids for test messages: a 3-character key prefix (which object), then the record
// number, then the 3-character suffix that makes the 18-character form case-insensitive.

const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Key prefixes of the ids every outbound message carries (spec §4). */
export const ORGANIZATION_PREFIX = "00D";
export const ACTION_PREFIX = "04k";
export const NOTIFICATION_PREFIX = "04l";
export const USER_PREFIX = "005";

/**
 * The 18-character form of a 15-character id: for each block of 5 characters, a bit per
 * upper-case letter (first character = lowest bit), written as one character of A–Z0–5.
 */
export function caseSafeId(id15: string): string {
  if (!/^[a-zA-Z0-9]{15}$/.test(id15)) throw new RangeError(`not a 15-character Salesforce id: ${JSON.stringify(id15)}`);
  let suffix = "";
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id15 + suffix;
}

/** A 15- or 18-character id as its 18-character form; anything else is refused. */
export function toCaseSafeId(id: string): string {
  if (/^[a-zA-Z0-9]{18}$/.test(id)) {
    if (caseSafeId(id.slice(0, 15)) !== id) throw new RangeError(`the last 3 characters of ${JSON.stringify(id)} are not its case-safe suffix`);
    return id;
  }
  return caseSafeId(id);
}

/**
 * A realistic 18-character id: the key prefix, a pod (`5g`), a reserved `0`, the record number
 * in base 62 (9 characters) and the case-safe suffix. The same prefix and number give the same id.
 */
export function salesforceId(keyPrefix: string, serial: number): string {
  if (!/^[a-zA-Z0-9]{3}$/.test(keyPrefix)) throw new RangeError(`a key prefix has 3 letters or digits, got ${JSON.stringify(keyPrefix)}`);
  let digits = "";
  let rest = Math.floor(Math.abs(serial));
  for (let i = 0; i < 9; i++) {
    digits = (BASE62[rest % 62] as string) + digits;
    rest = Math.floor(rest / 62);
  }
  return caseSafeId(`${keyPrefix}5g0${digits}`);
}

/** Key prefixes of the lookup fields objects commonly send, by the field's API name. */
const REFERENCE_PREFIXES: Readonly<Record<string, string>> = {
  AccountId: "001",
  ParentId: "001",
  MasterRecordId: "001",
  ContactId: "003",
  ReportsToId: "003",
  OpportunityId: "006",
  ConvertedOpportunityId: "006",
  LeadId: "00Q",
  CaseId: "500",
  OwnerId: USER_PREFIX,
  CreatedById: USER_PREFIX,
  LastModifiedById: USER_PREFIX,
  RecordTypeId: "012",
  CampaignId: "701",
  Pricebook2Id: "01s",
  AssetId: "02i",
  ContractId: "800",
  ProductId: "01t",
  Product2Id: "01t",
};

/** The key prefix a lookup field's ids most likely have; custom lookups get a custom-object prefix. */
export function referencePrefix(fieldName: string): string {
  if (Object.hasOwn(REFERENCE_PREFIXES, fieldName)) return REFERENCE_PREFIXES[fieldName] as string;
  return fieldName.endsWith("__c") ? "a0B" : "001";
}
