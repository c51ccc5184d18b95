/**
 * A small orders service, written the way application code is: it builds its own AWS SDK clients
 * from the environment (AWS_ENDPOINT_URL, AWS_REGION and the credentials, as the SDK reads them)
 * and knows nothing about tests. An order's document goes to S3; its status lives in DynamoDB.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface OrderInput {
  id: string;
  customer: string;
  lines: OrderLine[];
}

export type OrderStatus = 'PLACED' | 'SHIPPED' | 'CANCELLED';

export interface OrderRecord {
  orderId: string;
  customer: string;
  status: OrderStatus;
  total: number;
  documentKey: string;
  placedAt: string;
  updatedAt: string;
}

export interface OrdersStorage {
  bucket: string;
  table: string;
}

export class OrderError extends Error {
  constructor(
    readonly code: 'InvalidOrder' | 'OrderNotFound' | 'InvalidTransition',
    message: string,
  ) {
    super(message);
    this.name = 'OrderError';
  }
}

/**
 * Where the service keeps its data: ORDERS_BUCKET and ORDERS_TABLE, or names under the
 * KUMO_NAMESPACE prefix when those are unset (how the test toolkit points it at a namespace).
 */
export function storageFromEnvironment(env: NodeJS.ProcessEnv = process.env): OrdersStorage {
  const prefix = env.KUMO_NAMESPACE ? `${env.KUMO_NAMESPACE}-` : '';
  return { bucket: env.ORDERS_BUCKET ?? `${prefix}orders`, table: env.ORDERS_TABLE ?? `${prefix}Orders` };
}

export class OrdersService {
  private readonly s3: S3Client;
  private readonly db: DynamoDBDocumentClient;

  /** Clients configured by the SDK's own environment lookup, as in production. */
  constructor(readonly storage: OrdersStorage = storageFromEnvironment()) {
    this.s3 = new S3Client({});
    this.db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  }

  /** Creates the bucket and the table (what infrastructure code would do before the service runs). */
  async provision(): Promise<void> {
    await this.s3.send(new CreateBucketCommand({ Bucket: this.storage.bucket }));
    await this.db.send(
      new CreateTableCommand({
        TableName: this.storage.table,
        AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }

  async placeOrder(input: OrderInput): Promise<OrderRecord> {
    if (input.lines.length === 0) throw new OrderError('InvalidOrder', `order ${input.id} has no lines`);
    const total = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    const now = new Date().toISOString();
    const documentKey = `orders/${input.id}.json`;
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.storage.bucket, Key: documentKey, Body: JSON.stringify({ ...input, total, placedAt: now }), ContentType: 'application/json' }),
    );
    const record: OrderRecord = { orderId: input.id, customer: input.customer, status: 'PLACED', total, documentKey, placedAt: now, updatedAt: now };
    // A retried request must not overwrite an order that moved on: place it only once.
    await this.db.send(new PutCommand({ TableName: this.storage.table, Item: record, ConditionExpression: 'attribute_not_exists(orderId)' }));
    return record;
  }

  async getOrder(id: string): Promise<OrderRecord> {
    const found = await this.db.send(new GetCommand({ TableName: this.storage.table, Key: { orderId: id } }));
    if (!found.Item) throw new OrderError('OrderNotFound', `order ${id} does not exist`);
    return found.Item as OrderRecord;
  }

  async getDocument(id: string): Promise<OrderInput & { total: number; placedAt: string }> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.storage.bucket, Key: `orders/${id}.json` }));
    return JSON.parse(await object.Body!.transformToString()) as OrderInput & { total: number; placedAt: string };
  }

  /** PLACED -> SHIPPED or CANCELLED; anything else is refused by a DynamoDB condition. */
  async transition(id: string, to: Exclude<OrderStatus, 'PLACED'>): Promise<OrderRecord> {
    try {
      const updated = await this.db.send(
        new UpdateCommand({
          TableName: this.storage.table,
          Key: { orderId: id },
          UpdateExpression: 'SET #status = :to, updatedAt = :now',
          ConditionExpression: 'attribute_exists(orderId) AND #status = :placed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': to, ':placed': 'PLACED', ':now': new Date().toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return updated.Attributes as OrderRecord;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        throw new OrderError('InvalidTransition', `order ${id} cannot become ${to}: it is missing or no longer PLACED`);
      }
      throw error;
    }
  }

  close(): void {
    this.s3.destroy();
    this.db.destroy();
  }
}
