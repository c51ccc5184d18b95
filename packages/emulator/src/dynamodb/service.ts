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
  /** Each operation's handler, made once rather than for every call. */
  private readonly handlers: ReadonlyMap<string, JsonHandler>;

  constructor(state: DynamoDbState, region: string) {
    this.handlers = new Map(
      dynamoDbOperations.map((operation: DynamoDbOperation) => [
        operation.name,
        (input: Record<string, unknown>, envelope: JsonEnvelope) => operation.run(input, { state, region, now: envelope.now, host: envelope.host }),
      ]),
    );
  }

  operation(name: string): JsonHandler | undefined {
    return this.handlers.get(name);
  }

  resourcesOf(_operation: string, input: Record<string, unknown>): readonly string[] {
    return tablesOf(input);
  }
}
