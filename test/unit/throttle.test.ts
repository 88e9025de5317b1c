/**
 * Throttle classes (shared/wiring/throttle.ts) and the local gateway's token buckets
 * (infra/local/throttle.ts): per client address and class, refilled at the class's rate.
 */
import { createThrottle } from '../../infra/local/throttle';
import { routes } from '../../shared/wiring';
import { THROTTLE_CLASSES, throttleClassOf } from '../../shared/wiring/throttle';

describe('throttle classes', () => {
  it('are derived from access and method unless declared', () => {
    const route = { access: 'public', method: 'GET' } as const;
    expect(throttleClassOf(route)).toBe('public-read');
    expect(throttleClassOf({ ...route, method: 'POST' })).toBe('public-write');
    expect(throttleClassOf({ ...route, access: 'citizen', method: 'PUT' })).toBe('public-write');
    expect(throttleClassOf({ ...route, access: 'agent' })).toBe('agent');
    expect(throttleClassOf({ ...route, access: 'admin', method: 'DELETE' })).toBe('agent');
    expect(throttleClassOf({ ...route, method: 'POST', credentials: 'apiKey' })).toBe('partner-ingestion');
    expect(throttleClassOf({ ...route, throttle: 'agent' })).toBe('agent');
  });

  it('put sensor ingestion in partner-ingestion and anonymous reports in public-write', () => {
    const byId = new Map(routes.map((r) => [r.id, throttleClassOf(r)]));
    expect(byId.get('ingestObservations')).toBe('partner-ingestion');
    expect(byId.get('fileReport')).toBe('public-write');
    expect(byId.get('listPublicReports')).toBe('public-read');
  });
});

describe('the local gateway throttle', () => {
  let now = 0;
  const throttle = () => createThrottle({ now: () => now, exempt: ['127.0.0.1'] });
  beforeEach(() => (now = 1_000_000));

  it('lets a burst through, then answers 429 with Retry-After until tokens come back', () => {
    const t = throttle();
    const { burst, rate } = THROTTLE_CLASSES['public-write'];
    for (let i = 0; i < burst; i++) expect(t.take('10.0.0.1', 'public-write', '/r')).toBeUndefined();
    const refused = t.take('10.0.0.1', 'public-write', '/r')!;
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.body.toString())).toMatchObject({
      type: 'urn:ville-ouverte:problem:too-many-requests',
      status: 429,
      instance: '/r',
    });
    now += 1000 / rate; // one token's worth of time
    expect(t.take('10.0.0.1', 'public-write', '/r')).toBeUndefined();
    expect(t.take('10.0.0.1', 'public-write', '/r')?.statusCode).toBe(429);
  });

  it('keeps clients and classes apart, and leaves exempt addresses alone', () => {
    const t = throttle();
    const { burst } = THROTTLE_CLASSES['public-write'];
    for (let i = 0; i < burst; i++) t.take('10.0.0.1', 'public-write', '/r');
    expect(t.take('10.0.0.1', 'public-write', '/r')?.statusCode).toBe(429);
    expect(t.take('10.0.0.2', 'public-write', '/r')).toBeUndefined();
    expect(t.take('10.0.0.1', 'public-read', '/r')).toBeUndefined();
    for (let i = 0; i < 5 * burst; i++) expect(t.take('127.0.0.1', 'public-write', '/r')).toBeUndefined();
  });
});
