/** Where the local runtime keeps its tools and its state. */
import { isAbsolute, resolve } from 'node:path';
import { projectRoot } from '../project-root';

/** DynamoDB Local's engine is a tool, not state: one copy per checkout, shared by `npm start` and the tests. */
export const dynamoDbLocalDir = resolve(projectRoot, '.local/dynamodb-local');

/** Runtime state (DynamoDB data, queues, the issuer's key); DATA_DIR may point elsewhere (tests use a temp dir). */
export const resolveDataDir = (dataDir = '.local'): string =>
  isAbsolute(dataDir) ? dataDir : resolve(projectRoot, dataDir);
