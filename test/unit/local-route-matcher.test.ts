/** API Gateway path templates: `{name}`, greedy `{name+}`, most specific route first. */
import { bySpecificity, compileTemplate } from '../../infra/local/route-matcher';

describe('a path template', () => {
  it('matches literal segments exactly', () => {
    expect(compileTemplate('/health').match('/health')).toEqual({});
    expect(compileTemplate('/health').match('/healthz')).toBeUndefined();
  });

  it('captures a parameter from one segment, decoded', () => {
    expect(compileTemplate('/territories/{siren}').match('/territories/243%20100518')).toEqual({ siren: '243 100518' });
  });

  it('does not let a parameter span several segments', () => {
    expect(compileTemplate('/territories/{siren}').match('/territories/a/b')).toBeUndefined();
  });

  it('captures every remaining segment with a greedy parameter', () => {
    expect(compileTemplate('/files/{path+}').match('/files/a/b/c.txt')).toEqual({ path: 'a/b/c.txt' });
  });

  it('needs at least one segment for a greedy parameter', () => {
    expect(compileTemplate('/files/{path+}').match('/files')).toBeUndefined();
  });

  it('refuses a greedy parameter that is not last', () => {
    expect(() => compileTemplate('/files/{path+}/meta')).toThrow(/must be the last segment/);
  });
});

describe('route specificity', () => {
  it('puts literals before parameters before greedy tails', () => {
    const templates = ['/files/{path+}', '/files/{name}', '/files/readme'].map(compileTemplate);

    expect(templates.sort(bySpecificity).map((t) => t.template)).toEqual([
      '/files/readme',
      '/files/{name}',
      '/files/{path+}',
    ]);
  });
});
