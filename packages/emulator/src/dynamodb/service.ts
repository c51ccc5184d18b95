/**
 * The DynamoDB service (`X-Amz-Target: DynamoDB_20120810.<Operation>`): a dispatch table built
 * from the operation list, each operation run against this emulator's state; the aws-json codec
 * reads requests and renders answers and errors.
 */
import type { JsonEnvelope, JsonHandler, JsonService } from '../protocol/awsJson.js';
import { tablesOf } from './callResources.js';
import { dynamoDbErrorStyle } from './errors.js';
import type { DynamoDbState } from './model/dynamoDbState.js';
import type { DynamoDbOperation } from './operation.js';
import { dynamoDbOperations } from './operations/index.js';

export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810';

/** DynamoDB refuses request bodies over 16 MB. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class DynamoDbService implements JsonService {
  readonly style = dynamoDbErrorStyle;
  readonly maxBodyBytes = MAX_BODY_BYTES;
  private readonly table = new Map<string, DynamoDbOperation>(dynamoDbOperations.map((operation) => [operation.name, operation]));

  constructor(
    private readonly state: DynamoDbState,
    private readonly region: string,
  ) {}

  operation(name: string): JsonHandler | undefined {
    const operation = this.table.get(name);
    if (!operation) return undefined;
    return (input: Record<string, unknown>, envelope: JsonEnvelope) =>
      operation.run(input, { state: this.state, region: this.region, now: envelope.now, host: envelope.host });
  }

  resourcesOf(_operation: string, input: Record<string, unknown>): readonly string[] {
    return tablesOf(input);
  }
}
