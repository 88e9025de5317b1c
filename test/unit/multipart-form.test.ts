/** multipart/form-data bodies as a browser sends a form with a file input, and what is refused. */
import { InvalidInputError } from '../../shared/kernel/errors';
import { multipartBoundary, parseMultipartForm } from '../../shared/kernel/multipart';

const B = '----WebKitFormBoundaryx1Yz';
const body = (...parts: string[]) => `${parts.map((p) => `--${B}\r\n${p}\r\n`).join('')}--${B}--\r\n`;

test('fields and a file are read by name, the file as its text; an empty file input is not sent', () => {
  const text = body(
    'Content-Disposition: form-data; name="_csrf"\r\n\r\nabc',
    'Content-Disposition: form-data; name="fichier"; filename="colomiers.geojson"\r\nContent-Type: application/geo+json\r\n\r\n{"type":"Polygon",\r\n"coordinates":[]}',
    'Content-Disposition: form-data; name="vide"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n',
    'Content-Disposition: form-data; name="source"\r\n\r\nIGN — Admin Express',
  );
  expect(parseMultipartForm(text, B)).toEqual({
    _csrf: 'abc',
    fichier: '{"type":"Polygon",\r\n"coordinates":[]}',
    source: 'IGN — Admin Express',
  });
});

test('the boundary is read from the Content-Type, quoted or not', () => {
  expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
  expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
  expect(multipartBoundary('multipart/form-data')).toBeUndefined();
});

test('a body without its boundary, cut before its end, or with a part of no name is refused', () => {
  for (const text of [
    'name=value',
    `--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n`,
    body('Content-Disposition: form-data\r\n\r\n1'),
    body('Content-Disposition: form-data; name="__proto__"\r\n\r\n1'),
  ]) {
    expect(() => parseMultipartForm(text, B)).toThrow(InvalidInputError);
  }
});
