/** Deletes a namespace's SQS queues. */
import { clientConfig, sqsSdk, type Connection } from '../clients.js';
import { errorName, type ResourceRef, type ServiceCleaner } from './resources.js';

export function sqsCleaner(connection: Connection): ServiceCleaner {
  const { DeleteQueueCommand, ListQueuesCommand, SQSClient } = sqsSdk();
  const sqs = new SQSClient(clientConfig(connection));
  const urls = new Map<string, string>();
  return {
    async *pages(prefix) {
      let token: string | undefined;
      do {
        // NextToken pages only when MaxResults is given.
        const page = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 1000, NextToken: token }));
        yield (page.QueueUrls ?? []).map((url): ResourceRef => {
          const name = url.slice(url.lastIndexOf('/') + 1);
          urls.set(name, url);
          return { service: 'sqs', kind: 'queue', name };
        });
        token = page.NextToken;
      } while (token);
    },
    async remove({ name }) {
      try {
        await sqs.send(new DeleteQueueCommand({ QueueUrl: urls.get(name) }));
        return true;
      } catch (error) {
        if (errorName(error) === 'QueueDoesNotExist' || errorName(error) === 'AWS.SimpleQueueService.NonExistentQueue') return false;
        throw error;
      }
    },
    destroy: () => sqs.destroy(),
  };
}
