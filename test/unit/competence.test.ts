import { resolveCompetence, type Category } from '../../shared/territory/territory';

const proprete: Category = {
  code: 'proprete',
  name: 'Propreté',
  competence: { level: 'territory', service: 'proprete' },
  overrides: [{ insee: '31149', level: 'commune', service: 'proprete', version: 1 }],
  version: 1,
};

describe('the competence table', () => {
  test('a commune without override gets the metropolis and its service', () => {
    expect(resolveCompetence('243100518', proprete, '31555')).toEqual({
      bodyId: '243100518',
      bodyKind: 'territory',
      service: 'proprete',
      overridden: false,
    });
  });

  test("a commune's override makes the commune itself competent", () => {
    expect(resolveCompetence('243100518', proprete, '31149')).toEqual({
      bodyId: '31149',
      bodyKind: 'commune',
      service: 'proprete',
      overridden: true,
    });
  });
});
