/** The x-amz-request-id / x-amz-id-2 pair of every answer: unique per emulator, in arrival order. */
import { randomBytes } from 'node:crypto';
import type { ResponseIdentity } from './protocol/restXml.js';

export class RequestIds {
  private readonly prefix = randomBytes(3).toString('hex').toUpperCase();
  private counter = 0;
  private readonly hostId = randomBytes(24).toString('base64');

  next(): ResponseIdentity {
    this.counter += 1;
    return { requestId: this.prefix + this.counter.toString(16).toUpperCase().padStart(10, '0'), hostId: this.hostId };
  }
}
