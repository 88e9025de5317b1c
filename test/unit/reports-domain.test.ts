import { distanceMetres } from '../../shared/geo/distance';
import { InvalidInputError } from '../../shared/kernel/errors';
import type { Principal } from '../../shared/kernel/principal';
import {
  assertTransition,
  canManage,
  checkAnswers,
  IllegalTransitionError,
  photoTypeOf,
  withinReopenWindow,
} from '../../shared/reports/report';
import { versionRead } from '../../shared/reports/report-http';
import { publicHistory, publicView } from '../../shared/reports/report-views';
import type { CategoryQuestion } from '../../shared/territory/territory';

const SIREN = '243100518';

describe('the workflow', () => {
  test('a new report may be acknowledged, rejected or marked duplicate, but not resolved at once', () => {
    expect(() => assertTransition('new', 'acknowledged')).not.toThrow();
    expect(() => assertTransition('new', 'resolved')).toThrow(IllegalTransitionError);
  });

  test('an illegal transition names where it comes from and where it wanted to go', () => {
    expect(() => assertTransition('resolved', 'acknowledged')).toThrow(
      'A report cannot go from resolved to acknowledged (from resolved: in_progress)',
    );
    expect(() => assertTransition('rejected', 'in_progress')).toThrow(/rejected is final/);
  });

  test('a resolved report may be reopened for 30 days after its resolution', () => {
    const resolvedAt = '2026-03-01T10:00:00Z';
    expect(withinReopenWindow(resolvedAt, new Date('2026-03-31T09:00:00Z'))).toBe(true);
    expect(withinReopenWindow(resolvedAt, new Date('2026-03-31T11:00:00Z'))).toBe(false);
  });
});

describe('who manages a report', () => {
  const agent = (commune?: string): Principal => ({
    sub: 'a',
    role: 'agent',
    territory: SIREN,
    ...(commune ? { commune } : {}),
    issuer: 't',
  });
  const communeReport = { territory: SIREN, bodyId: '31555', bodyKind: 'commune' as const };
  const metropolisReport = { territory: SIREN, bodyId: SIREN, bodyKind: 'territory' as const };

  test("a commune's agent manages its commune's reports, not another commune's nor the metropolis's", () => {
    expect(canManage(agent('31555'), communeReport)).toBe(true);
    expect(canManage(agent('31149'), communeReport)).toBe(false);
    expect(canManage(agent('31555'), metropolisReport)).toBe(false);
  });

  test("a metropolitan agent manages the metropolis's reports, not a commune's", () => {
    expect(canManage(agent(), metropolisReport)).toBe(true);
    expect(canManage(agent(), communeReport)).toBe(false);
  });

  test('a territory admin manages every report of the territory, and only there', () => {
    const admin: Principal = { sub: 'x', role: 'admin', territory: SIREN, issuer: 't' };
    expect(canManage(admin, communeReport)).toBe(true);
    expect(canManage({ ...admin, territory: '243300316' }, communeReport)).toBe(false);
  });
});

describe("answers to a category's questions", () => {
  const questions: CategoryQuestion[] = [
    {
      code: 'nature',
      label: 'Nature',
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'trou', name: 'Trou' },
        { key: 'fissure', name: 'Fissure' },
      ],
    },
    { code: 'count', label: 'Nombre', datatype: 'number', required: false },
    { code: 'when', label: 'Depuis', datatype: 'datetime', required: false },
    {
      code: 'kinds',
      label: 'Types',
      datatype: 'multivaluelist',
      required: false,
      values: [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
      ],
    },
  ];

  test('are kept normalized when they fit: numbers as numbers, lists without repeats', () => {
    expect(checkAnswers(questions, { nature: 'trou', count: '3', kinds: ['a', 'a', 'b'] })).toEqual({
      nature: 'trou',
      count: 3,
      kinds: ['a', 'b'],
    });
  });

  test('a missing required answer, a value off the list, a bad date and an unknown question are each named', () => {
    const attempt = () => checkAnswers(questions, { count: 'many', when: 'yesterday', kinds: ['c'], colour: 'red' });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidInputError).issues.map((i) => i.path).sort()).toEqual([
        'body.answers.colour',
        'body.answers.count',
        'body.answers.kinds',
        'body.answers.nature',
        'body.answers.when',
      ]);
    }
  });
});

describe('photos are recognised by their first bytes, not by their name', () => {
  test('JPEG, PNG and WebP are recognised', () => {
    expect(photoTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('image/jpeg');
    expect(photoTypeOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))).toBe(
      'image/png',
    );
    expect(photoTypeOf(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
  });

  test('a PDF is not a photo', () => {
    expect(photoTypeOf(Buffer.from('%PDF-1.7\n%âãÏÓ', 'latin1'))).toBeUndefined();
  });
});

test('distances are great-circle metres: 0.001° of latitude is about 111 m', () => {
  expect(distanceMetres({ lat: 43.6, lon: 1.44 }, { lat: 43.601, lon: 1.44 })).toBeCloseTo(111.2, 0);
});

describe('the version a client read', () => {
  test('comes from If-Match (an ETag) or from the body', () => {
    expect(versionRead({ 'if-match': '"3"' })).toBe(3);
    expect(versionRead({}, 4)).toBe(4);
  });

  test('is required, and the two must agree', () => {
    expect(() => versionRead({})).toThrow(InvalidInputError);
    expect(() => versionRead({ 'if-match': '"3"' }, 4)).toThrow(/different versions/);
  });
});

test('the public view and history carry no personal data: no contact, no subject, no internal note, no agent', () => {
  const report = {
    id: '01JD3Q8M6ZP0R9V4X2B7C5N1TS',
    territory: SIREN,
    category: 'voirie',
    commune: '31555',
    bodyId: SIREN,
    bodyKind: 'territory' as const,
    location: { lat: 43.6, lon: 1.44 },
    description: 'Trou',
    answers: {},
    photos: ['photos/x/1.jpg'],
    status: 'acknowledged' as const,
    channel: 'online' as const,
    reporterSub: 'citizen-42',
    contact: { email: 'jeanne@example.fr', phone: '0600000000' },
    filedBy: 'agent-7',
    supportCount: 0,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    overdue: false,
    version: 2,
  };
  const history = [
    { at: 't1', from: null, to: 'new' as const, actor: { sub: 'citizen-42', role: 'citizen' } },
    {
      at: 't2',
      from: 'new' as const,
      to: 'acknowledged' as const,
      publicNote: 'Vu',
      internalNote: 'équipe B',
      actor: { sub: 'agent-7', role: 'agent' },
    },
  ];
  const published = JSON.stringify({ ...publicView(report), history: publicHistory(history) });
  for (const secret of ['citizen-42', 'jeanne@example.fr', '0600000000', 'agent-7', 'équipe B', 'photos/x']) {
    expect(published).not.toContain(secret);
  }
  expect(published).toContain('Vu');
});
