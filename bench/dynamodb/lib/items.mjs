// The items the DynamoDB bench writes and reads, shared by the phases and the null server (which
// answers with them): a partition key, a sort key, a number and a 100-character payload.
export const TABLE = 'bench';
export const SCAN_TABLE = 'bench-scan';
export const SCAN_ITEMS = 1000;
export const SCAN_PAGE = 100;
/** The Scan filter keeps items whose `n` is below this: half of them. */
export const SCAN_BELOW = SCAN_ITEMS / 2;
export const QUERY_PAGE = 10;

const PAYLOAD = 'p'.repeat(100);

export const pad = (i) => String(i).padStart(5, '0');

/** An item of the main table (`pk`, `sk`) or, without `sk`, of the scan table. */
export function item(pk, sk, n) {
  return { pk: { S: pk }, ...(sk === undefined ? {} : { sk: { S: sk } }), n: { N: String(n) }, payload: { S: PAYLOAD } };
}
