/**
 * What a DynamoDB operation is: its name, the declarative checks of its input (validation/) and
 * a handler that turns the checked input into the plain response object. Handlers never touch
 * HTTP; the aws-json codec renders what they return or throw.
 */
import type { DynamoDbState } from './model/dynamoDbState.js';
import { validateShape, type Members } from './validation/shapes.js';

export interface DynamoDbContext {
  readonly state: DynamoDbState;
  readonly region: string;
  /** The emulator's clock when the request arrived, in epoch milliseconds. */
  readonly now: number;
  /** The Host header the client addressed. */
  readonly host: string | undefined;
}

export interface DynamoDbOperation {
  readonly name: string;
  run(input: Record<string, unknown>, context: DynamoDbContext): unknown;
}

export interface OperationSpec<Input> {
  readonly name: string;
  /** Shapes of the input members; DynamoDB ignores members it does not know, and so does this. */
  readonly input: Members;
  handle(input: Input, context: DynamoDbContext): unknown;
}

export function defineOperation<Input>(spec: OperationSpec<Input>): DynamoDbOperation {
  return {
    name: spec.name,
    run(input, context) {
      validateShape(input, spec.input);
      return spec.handle(input as Input, context);
    },
  };
}

/** The account every resource of the emulator belongs to. */
export const ACCOUNT_ID = '000000000000';

export function tableArn(region: string, name: string): string {
  return `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/${name}`;
}
