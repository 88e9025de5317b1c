/**
 * For tests: checks each answer of a declared route against what its declaration lists (status,
 * media type, headers, body schema: shared/wiring/contract.ts) and appends every violation to a
 * JSON Lines file, which the test run's teardown reads to fail the run.
 */
import { appendFileSync } from 'node:fs';
import { checkAnswer } from '../../shared/wiring/contract';
import { routes } from '../../shared/wiring';
import type { HttpResponse } from './api-gateway-event';
import type { GatewayRoute } from './gateway';

export const answerChecker = (violationsFile: string) => {
  const byId = new Map(routes.map((route) => [route.id, route]));
  return (route: GatewayRoute, answer: HttpResponse): readonly string[] => {
    const declaration = byId.get(route.id);
    if (!declaration) return [];
    const violations = checkAnswer(declaration, {
      status: answer.statusCode,
      headers: answer.headers,
      body: answer.body.toString('utf8'),
    });
    if (violations.length > 0) {
      appendFileSync(violationsFile, `${JSON.stringify({ route: route.id, status: answer.statusCode, violations })}\n`);
    }
    return violations;
  };
};
