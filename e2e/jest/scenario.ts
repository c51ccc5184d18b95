/**
 * The orders scenario every jest file of the suite runs: the same logical names in every file,
 * files in parallel on the workers' emulators, and a different number of orders per file so
 * that a file seeing another's data would count wrong. The kumo objects are on `globalThis.kumo`.
 */
import 'jest-environment-kumo/globals';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { OrderError, OrdersService } from '../src/orders.js';

export function ordersSuite(fileNumber: number): void {
  let service: OrdersService;

  beforeAll(async () => {
    // Application code: it reads AWS_ENDPOINT_URL and KUMO_NAMESPACE, set by the environment.
    service = new OrdersService();
    await service.provision();
  });
  afterAll(() => service.close());

  describe('orders', () => {
    test('stores the document in S3 and the status in DynamoDB, at the frozen instant', async () => {
      const { s3, ns, ids, clock } = kumo;
      const placed = [];
      for (let n = 0; n < fileNumber; n += 1) {
        placed.push(await service.placeOrder({ id: ids.next('order'), customer: `customer-${n}`, lines: [{ sku: 'tea', quantity: n + 1, unitPrice: 250 }] }));
      }
      const first = placed[0]!;
      expect(first.placedAt).toBe(new Date(clock.now()).toISOString());
      expect(await service.getOrder(first.orderId)).toMatchObject({ status: 'PLACED', total: 250 });
      expect((await service.getDocument(first.orderId)).customer).toBe('customer-0');

      const listing = await s3.send(new ListObjectsV2Command({ Bucket: ns.bucket('orders') }));
      expect(listing.KeyCount).toBe(fileNumber);
      const head = await s3.send(new HeadObjectCommand({ Bucket: ns.bucket('orders'), Key: first.documentKey }));
      expect(head.LastModified?.getTime()).toBe(clock.now());
      console.log(`E2E ${JSON.stringify({ file: fileNumber, ns: ns.id, order: first.orderId, placedAt: first.placedAt, uuid: ids.uuid() })}`);
    });

    test('ships an order once; a second transition is refused by DynamoDB', async () => {
      const order = await service.placeOrder({ id: kumo.ids.next('order'), customer: 'shipper', lines: [{ sku: 'cup', quantity: 2, unitPrice: 900 }] });
      kumo.clock.tick(60_000);
      const shipped = await service.transition(order.orderId, 'SHIPPED');
      expect(shipped.status).toBe('SHIPPED');
      expect(Date.parse(shipped.updatedAt) - Date.parse(shipped.placedAt)).toBe(60_000);
      await expect(service.transition(order.orderId, 'CANCELLED')).rejects.toThrow(OrderError);
    });

    test('the kumo clients and the service share one namespace', async () => {
      const table = await kumo.ddb.send(new DescribeTableCommand({ TableName: kumo.ns.table('Orders') }));
      expect(table.Table?.TableName).toBe(service.storage.table);
      expect(service.storage.bucket).toBe(kumo.ns.bucket('orders'));
      expect(process.env.AWS_ENDPOINT_URL).toBe(kumo.endpoint);
    });
  });
}
