import { defineOperation } from '../operation.js';
import { readObject } from './GetObject.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
 * Answers exactly as GetObject would, headers only; errors carry no body.
 */
export default defineOperation({
  name: 'HeadObject',
  method: 'HEAD',
  target: 'object',
  handle: readObject,
});
