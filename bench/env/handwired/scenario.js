// The e2e orders scenario (e2e/vitest/scenario.ts) wired by hand: the same service calls and
// checks, with clients and names from the variables setup.js sets instead of kumo's fixtures.
// The frozen-clock checks have no counterpart here: the peers run on real time.
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OrderError, OrdersService } from '../../../e2e/src/orders.ts';

export function ordersSuite(fileNumber) {
  let service;
  const s3 = new S3Client({ forcePathStyle: true });
  const ddb = new DynamoDBClient({});

  beforeAll(async () => {
    service = new OrdersService();
    await service.provision();
  });
  afterAll(() => {
    service.close();
    s3.destroy();
    ddb.destroy();
  });

  describe('orders', () => {
    test('stores the document in S3 and the status in DynamoDB', async () => {
      const placed = [];
      for (let n = 0; n < fileNumber; n += 1) {
        placed.push(await service.placeOrder({ id: `order_${randomUUID()}`, customer: `customer-${n}`, lines: [{ sku: 'tea', quantity: n + 1, unitPrice: 250 }] }));
      }
      const first = placed[0];
      expect(await service.getOrder(first.orderId)).toMatchObject({ status: 'PLACED', total: 250 });
      expect((await service.getDocument(first.orderId)).customer).toBe('customer-0');
      const listing = await s3.send(new ListObjectsV2Command({ Bucket: service.storage.bucket }));
      expect(listing.KeyCount).toBe(fileNumber);
      const head = await s3.send(new HeadObjectCommand({ Bucket: service.storage.bucket, Key: first.documentKey }));
      expect(head.LastModified).toBeDefined();
    });

    test('ships an order once; a second transition is refused by DynamoDB', async () => {
      const order = await service.placeOrder({ id: `order_${randomUUID()}`, customer: 'shipper', lines: [{ sku: 'cup', quantity: 2, unitPrice: 900 }] });
      expect((await service.transition(order.orderId, 'SHIPPED')).status).toBe('SHIPPED');
      await expect(service.transition(order.orderId, 'CANCELLED')).rejects.toThrow(OrderError);
    });

    test('the test clients and the service share one table', async () => {
      const table = await ddb.send(new DescribeTableCommand({ TableName: service.storage.table }));
      expect(table.Table?.TableName).toBe(service.storage.table);
    });
  });
}
