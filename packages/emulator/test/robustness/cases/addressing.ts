/** Requests that are valid HTTP but point at nonsense: bad bucket names and keys, bad ranges. */
import type { SeededRandom } from '../seededRandom.js';
import { FIXTURE, answered, httpRequest, type HostileCategory } from './build.js';

const ODD_BUCKETS = [
  'a', 'ab', 'UPPER', '..', '.', '-lead', 'trail-', 'a..b', '192.168.0.1', 'xn--punycode', 'sthree-x', 'name-s3alias', 'bucket_under',
  '%00', '%2F', '%ZZ', '%', '%%', '%C3%28', '%F0%28%8C%BC', '%ED%A0%80', '%EF%BF%BE', 'caf%C3%A9', '%F0%9F%98%80', 'a%20b', '%0D%0A',
];

const ODD_KEYS = [
  '..', '../..', './x', '%2e%2e', '%2e%2e/%2e%2e/etc/passwd', '%00', 'a%00b', '%01%02%03', '%1F', '%7F', '%EF%BF%BE', '%EF%BF%BF',
  '%ED%A0%80', '%C0%AF', '%ZZ', '%', 'a%', '%F0%9F%98%80', '//', 'dir/', 'a//b', '%0D%0Ax-injected:%20yes', '%26%3C%3E%22%27',
  '%E2%80%A8', '%C2%85', 'key?', 'key%3Fwith%3Dquery',
];

function oddBucket(random: SeededRandom): string {
  return random.chance(0.25) ? 'b'.repeat(random.int(64, 400)) : random.pick(ODD_BUCKETS);
}

function oddKey(random: SeededRandom): string {
  if (random.chance(0.2)) return 'k'.repeat(random.pick([1024, 1025, random.int(1026, 6000)]));
  if (random.chance(0.2)) return `${random.pick(ODD_KEYS)}/${random.pick(ODD_KEYS)}`;
  return random.pick(ODD_KEYS);
}

const names: HostileCategory = {
  name: 'invalid bucket names and keys',
  count: 260,
  make(random) {
    const method = random.pick(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
    const virtualHost = random.chance(0.2);
    const badBucket = random.chance(0.5);
    // Deletes only ever aim at the scratch bucket: the fixture must survive the run.
    const bucket = badBucket ? oddBucket(random) : method === 'DELETE' ? FIXTURE.scratch : random.pick([FIXTURE.bucket, FIXTURE.scratch]);
    const key = random.chance(0.8) ? oddKey(random) : '';
    const query = random.chance(0.2) ? `?${random.pick(['versionId=%01', 'versionId=..', 'partNumber=%00', 'uploadId=%ZZ', 'tagging', 'acl', 'prefix=%01', 'continuation-token=%01'])}` : '';
    const body = method === 'PUT' || method === 'POST' ? random.text(random.int(0, 32)) : '';
    const target = virtualHost ? `/${key}${query}` : `/${bucket}${key === '' ? '' : `/${key}`}${query}`;
    const host = virtualHost ? `${bucket.replace(/%/g, '')}.localhost` : undefined;
    return answered(`${method} ${host ? `${host} ` : ''}${target.slice(0, 120)}`, httpRequest(method, target, [], body, { host }), method === 'HEAD');
  },
};

function oddRange(random: SeededRandom): string {
  const number = (): string => random.pick([String(random.int(0, 200)), String(random.int(0, 3_000_000)), '99999999999999999999999', '-1', '1e3', '0x10', '']);
  switch (random.int(0, 5)) {
    case 0:
      return `bytes=${number()}-${number()}`;
    case 1:
      return `bytes=${number()}-${number()},${number()}-${number()}`;
    case 2:
      return random.pick(['bytes=', 'bytes=-', 'bytes=-0', 'items=0-1', 'bytes 0-1', 'bytes=0-0,', ' bytes = 0 - 1 ', 'BYTES=0-1', 'bytes=٣-٤', 'bytes=\xff']);
    case 3:
      return `bytes=${'0-1,'.repeat(random.int(10, 2000))}0-1`;
    case 4:
      return `bytes=-${number()}`;
    default:
      return random.text(random.int(0, 60));
  }
}

const ranges: HostileCategory = {
  name: 'bad Range headers',
  count: 160,
  make(random) {
    const key = random.pick([FIXTURE.small, FIXTURE.large, FIXTURE.empty]);
    const method = random.pick(['GET', 'GET', 'HEAD']);
    const range = oddRange(random);
    const query = random.pick([
      '',
      '',
      `?partNumber=${random.pick(['1', '2', '0', '-1', 'x', '10001'])}`,
      `?${random.pick(['response-content-type', 'response-content-disposition', 'response-expires'])}=${random.pick(['%E6%97%A5', 'a%0D%0Ab', '%00', 'caf%C3%A9', 'text%2Fplain'])}`,
    ]);
    const headers: Array<[string, string]> = [['Range', range]];
    if (random.chance(0.2)) headers.push(['If-Range', random.pick(['"etag"', 'garbage', 'Thu, 01 Jan 1970 00:00:00 GMT'])]);
    return answered(`${method} ${key}${query} Range ${JSON.stringify(range).slice(0, 80)}`, httpRequest(method, `/${FIXTURE.bucket}/${key}${query}`, headers), method === 'HEAD');
  },
};

export const addressingCategories = [names, ranges];
