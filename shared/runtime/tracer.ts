/**
 * X-Ray tracing (Powertools Tracer): on Lambda, where the functions have active tracing, each
 * invocation and each AWS SDK call becomes a segment; elsewhere (tests, one machine) it is off
 * and does nothing.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';

export const tracer = new Tracer({ serviceName: 'ville-ouverte' });
