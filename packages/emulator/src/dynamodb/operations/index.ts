/** Every DynamoDB operation the emulator serves; the service builds its dispatch table from this list. */
import type { DynamoDbOperation } from '../operation.js';
import BatchGetItem from './BatchGetItem.js';
import BatchWriteItem from './BatchWriteItem.js';
import CreateTable from './CreateTable.js';
import DeleteItem from './DeleteItem.js';
import DeleteTable from './DeleteTable.js';
import DescribeEndpoints from './DescribeEndpoints.js';
import DescribeLimits from './DescribeLimits.js';
import DescribeTable from './DescribeTable.js';
import DescribeTimeToLive from './DescribeTimeToLive.js';
import GetItem from './GetItem.js';
import ListTables from './ListTables.js';
import ListTagsOfResource from './ListTagsOfResource.js';
import PutItem from './PutItem.js';
import Query from './Query.js';
import Scan from './Scan.js';
import TagResource from './TagResource.js';
import TransactGetItems from './TransactGetItems.js';
import TransactWriteItems from './TransactWriteItems.js';
import UntagResource from './UntagResource.js';
import UpdateItem from './UpdateItem.js';
import UpdateTable from './UpdateTable.js';
import UpdateTimeToLive from './UpdateTimeToLive.js';

export const dynamoDbOperations: readonly DynamoDbOperation[] = [
  BatchGetItem,
  BatchWriteItem,
  CreateTable,
  DeleteItem,
  DeleteTable,
  DescribeEndpoints,
  DescribeLimits,
  DescribeTable,
  DescribeTimeToLive,
  GetItem,
  ListTables,
  ListTagsOfResource,
  PutItem,
  Query,
  Scan,
  TagResource,
  TransactGetItems,
  TransactWriteItems,
  UntagResource,
  UpdateItem,
  UpdateTable,
  UpdateTimeToLive,
];
