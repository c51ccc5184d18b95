/**
 * The orders scenario every vitest file of the suite runs, with the same logical names
 * (`orders`, `Orders`) in every file: files run in parallel on shared emulators and must never
 * see each other's orders. Each file places a different number of orders so that a file that
 * saw another's data would count wrong.
 */
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect } from 'vitest';
import { test } from 'vitest-environment-kumo';
import { OrderError, OrdersService } from '../src/orders.js';

export function ordersSuite(fileNumber: number): void {
  let service: OrdersService;

  beforeAll(async () => {
    // Application code: it reads AWS_ENDPOINT_URL and KUMO_NAMESPACE, set by the environment.
    service = new OrdersService();
    await service.provision();
    return () => service.close();
  });

  describe('orders', () => {
    test('stores the document in S3 and the status in DynamoDB, at the frozen instant', async ({ s3, ns, ids, clock }) => {
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

    test('ships an order once; a second transition is refused by DynamoDB', async ({ ids, clock }) => {
      const order = await service.placeOrder({ id: ids.next('order'), customer: 'shipper', lines: [{ sku: 'cup', quantity: 2, unitPrice: 900 }] });
      clock.tick(60_000);
      const shipped = await service.transition(order.orderId, 'SHIPPED');
      expect(shipped.status).toBe('SHIPPED');
      expect(Date.parse(shipped.updatedAt) - Date.parse(shipped.placedAt)).toBe(60_000);
      await expect(service.transition(order.orderId, 'CANCELLED')).rejects.toThrow(OrderError);
    });

    test('the fixture clients and the service share one namespace', async ({ ddb, ns, kumo }) => {
      const table = await ddb.send(new DescribeTableCommand({ TableName: ns.table('Orders') }));
      expect(table.Table?.TableName).toBe(service.storage.table);
      expect(service.storage.bucket).toBe(ns.bucket('orders'));
      expect(process.env.AWS_ENDPOINT_URL).toBe(kumo.endpoint);
    });
  });
}
