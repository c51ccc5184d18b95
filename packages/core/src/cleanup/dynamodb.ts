/** Deletes a namespace's DynamoDB tables. ListTables has no prefix filter: names are filtered here. */
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { clientConfig, type Connection } from '../clients.js';
import { errorName, type ResourceRef, type ServiceCleaner } from './resources.js';

export function dynamoDbCleaner(connection: Connection): ServiceCleaner {
  const ddb = new DynamoDBClient(clientConfig(connection));
  return {
    async *pages(prefix) {
      let start: string | undefined;
      do {
        const page = await ddb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
        yield (page.TableNames ?? []).filter((name) => name.startsWith(prefix)).map((name): ResourceRef => ({ service: 'dynamodb', kind: 'table', name }));
        start = page.LastEvaluatedTableName;
      } while (start);
    },
    async remove({ name }) {
      try {
        await ddb.send(new DeleteTableCommand({ TableName: name }));
        return true;
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return false;
        throw error;
      }
    },
    destroy: () => ddb.destroy(),
  };
}
