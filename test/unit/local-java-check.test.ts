/** Without Java, DynamoDB Local cannot start: the error says, in one line, what to install. */
import { requireJava } from '../../infra/local/dynamodb-local';

it('names the package to install when java is not on PATH', () => {
  const path = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    expect(() => requireJava()).toThrow(
      new Error('Java 17 is required for DynamoDB Local: apt-get install -y openjdk-17-jre-headless'),
    );
  } finally {
    process.env.PATH = path;
  }
});
