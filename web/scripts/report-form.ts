/**
 * The report form's enhancements (shared/portal/pages/report-form-page.tsx); the form works
 * without them.
 * - Photos: a file input replaces the "photos need JavaScript" notice; each file chosen is sent as
 *   the API does — POST /territories/{siren}/photo-uploads for a slot, PUT the file to its URL with
 *   the headers given — and its key joins the form as a hidden `photos[]` field. Progress and
 *   errors are said in a live region; each photo can be removed again.
 * - Place: a click on the map fills the coordinates (map.ts); the commune is then looked up
 *   (GET /territories/{siren}/locate) and chosen in the commune list, and said.
 * Nothing here writes HTML from a string (Trusted Types): text nodes only.
 */

interface PhotoSettings {
  readonly siren: string;
  readonly max: number;
  readonly hint: string;
  readonly labels: {
    readonly input: string;
    readonly sending: string;
    readonly sent: string;
    readonly failed: string;
    readonly wrongType: string;
    readonly tooLarge: string;
    readonly tooMany: string;
    readonly remove: string;
    readonly removed: string;
    readonly attached: string;
    readonly attachedItem: string;
  };
}

interface FormSettings {
  readonly siren: string;
  readonly labels: { readonly locatedIn: string; readonly locatedOutside: string };
}

const TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_BYTES = 10 * 1024 * 1024;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  text?: string,
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
};

/** A slot from the API, then the file PUT to it: the photo's key. */
const upload = async (siren: string, file: File): Promise<string> => {
  const slot = await fetch(`/territories/${encodeURIComponent(siren)}/photo-uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ contentType: file.type, size: file.size }),
  });
  if (slot.status !== 201) throw new Error(`photo-uploads answered ${slot.status}`);
  const { uploadUrl, headers, photoKey } = (await slot.json()) as {
    uploadUrl: string;
    headers: Record<string, string>;
    photoKey: string;
  };
  const put = await fetch(uploadUrl, { method: 'PUT', headers, body: file });
  if (!put.ok) throw new Error(`the upload answered ${put.status}`);
  return photoKey;
};

const enhancePhotos = (box: HTMLElement) => {
  const settings = JSON.parse(box.dataset.photoUpload ?? '{}') as PhotoSettings;
  const { labels } = settings;
  box.querySelector('[data-photo-no-script]')?.remove();
  box.querySelector('[data-photo-count]')?.remove();

  const hint = element('p', { class: 'field__hint', id: 'champ-photos-aide' }, settings.hint);
  const input = element('input', {
    type: 'file',
    id: 'champ-photos',
    class: 'input photo-upload__input',
    accept: [...TYPES].join(','),
    'aria-describedby': box.querySelector('#champ-photos-erreur')
      ? 'champ-photos-aide champ-photos-erreur'
      : 'champ-photos-aide',
  });
  input.multiple = true;
  const label = element('label', { class: 'field__label', for: 'champ-photos' }, labels.input);
  const status = element('p', { class: 'photo-upload__status', role: 'status' });
  const listTitle = element('p', { class: 'photo-upload__list-title' }, labels.attached);
  const list = element('ul', { class: 'photo-upload__list' });
  const legend = box.querySelector('legend');
  (legend ?? box).after(label, hint, input, status, listTitle, list);

  const say = (text: string) => {
    status.textContent = text;
  };
  const count = () => box.querySelectorAll('input[data-photo-key]').length;
  const refresh = () => {
    listTitle.hidden = list.children.length === 0;
  };

  const show = (name: string, hidden: HTMLInputElement) => {
    const item = element('li', { class: 'photo-upload__item' });
    item.append(element('span', {}, name));
    const remove = element(
      'button',
      { type: 'button', class: 'button button--secondary button--small' },
      fill(labels.remove, { name }),
    );
    remove.addEventListener('click', () => {
      hidden.remove();
      item.remove();
      refresh();
      say(fill(labels.removed, { name }));
      input.focus();
    });
    item.append(' ', remove);
    list.append(item);
    refresh();
  };

  // Photos already attached (the form shown again after an error) are listed, removable.
  for (const [i, hidden] of [...box.querySelectorAll<HTMLInputElement>('input[data-photo-key]')].entries()) {
    show(fill(labels.attachedItem, { n: i + 1 }), hidden);
  }
  refresh();

  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const file of files) {
      if (count() >= settings.max) {
        say(fill(labels.tooMany, { max: settings.max }));
        break;
      }
      if (!TYPES.has(file.type)) {
        say(fill(labels.wrongType, { name: file.name }));
        continue;
      }
      if (file.size > MAX_BYTES) {
        say(fill(labels.tooLarge, { name: file.name }));
        continue;
      }
      say(fill(labels.sending, { name: file.name }));
      try {
        const key = await upload(settings.siren, file);
        const hidden = element('input', { type: 'hidden', name: 'photos[]', value: key, 'data-photo-key': '' });
        box.append(hidden);
        show(file.name, hidden);
        say(fill(labels.sent, { name: file.name }));
      } catch (error) {
        console.warn('photo not sent', error);
        say(fill(labels.failed, { name: file.name }));
      }
    }
  });
};

/** After a click on the map (map.ts fills the coordinates and sends `change`): the commune, chosen and said. */
const followPicks = (container: HTMLElement) => {
  const settings = JSON.parse(container.dataset.reportForm ?? '{}') as FormSettings;
  const lat = document.getElementById('champ-lat') as HTMLInputElement | null;
  const lon = document.getElementById('champ-lon') as HTMLInputElement | null;
  const commune = document.getElementById('champ-commune') as HTMLSelectElement | null;
  const said = container.querySelector<HTMLElement>('[data-located]');
  if (!lat || !lon || !commune) return;
  let asked = 0;
  const locate = async () => {
    const [y, x] = [Number(lat.value.replace(',', '.')), Number(lon.value.replace(',', '.'))];
    if (!lat.value || !lon.value || !Number.isFinite(y) || !Number.isFinite(x)) return;
    const ask = ++asked;
    const response = await fetch(
      `/territories/${encodeURIComponent(settings.siren)}/locate?lat=${encodeURIComponent(y)}&lon=${encodeURIComponent(x)}`,
      { headers: { accept: 'application/json' } },
    );
    if (ask !== asked) return; // a later pick answered meanwhile
    if (response.status === 404) {
      if (said) said.textContent = settings.labels.locatedOutside;
      return;
    }
    if (!response.ok) return;
    const found = (await response.json()) as { insee: string; name: string };
    commune.value = found.insee;
    if (said) said.textContent = fill(settings.labels.locatedIn, { commune: found.name });
  };
  for (const input of [lat, lon]) input.addEventListener('change', () => void locate().catch(() => undefined));
};

export const enhanceReportForms = (): void => {
  for (const box of document.querySelectorAll<HTMLElement>('[data-photo-upload]')) enhancePhotos(box);
  for (const container of document.querySelectorAll<HTMLElement>('[data-report-form]')) followPicks(container);
};
