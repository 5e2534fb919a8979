// Labels: find a shelf label, bind it to a product, edit what it shows with a live preview of the exact pixels,
// make it blink, and import prices from a CSV file (dry run first, then progress while the labels update).
import { h, field, showFieldErrors, clearFieldErrors, ago } from '../ui.js';

const PREVIEW_DELAY_MS = 350;   // wait this long after the last keystroke before asking for a new preview
const PROGRESS_POLL_MS = 3000;  // fallback to the live events while an import is being delivered

export default {
  id: 'labels',
  title: { en: 'Labels', 'zh-CN': '价签' },
  strings: {
    en: {
      heading: 'Labels', search: 'Search by SKU or name', searchHint: 'Type part of a product name, a SKU, or scan the barcode.',
      scan: 'Scan with camera', scanTitle: 'Point the camera at a barcode', scanStop: 'Stop', scanNoCamera: 'The camera could not be opened: {error}',
      loading: 'Loading labels…', loadFailed: 'The labels could not be loaded. {error}', retry: 'Try again',
      showing: 'Showing {shown} of {total} labels', none: 'No label matches "{q}".', noLabels: 'No shelf labels are set up yet.',
      colPreview: 'Preview', colLabel: 'Label', colProduct: 'Product', colPrice: 'Price', colStatus: 'Status', colActions: 'Actions',
      noProduct: 'Not bound to a product', noPrice: 'No price', edit: 'Edit', flash: 'Flash LED', flashing: 'Sending…',
      flashNow: '{name} is blinking now.', flashLater: '{name} is asleep: it will blink as soon as it next wakes up (within {every}).',
      online: 'Awake', asleep: 'Asleep (wakes every {every})', missing: 'Missing: last heard from {when}', never: 'Never connected',
      minutes: '{n} min', hours: '{n} h', inSync: 'Shows version {v}', updating: 'Updating to version {want}…', noContent: 'No content yet',
      refused: 'The label refused version {v}: {why}', previewAlt: 'What {name} shows',
      // Editor
      back: 'All labels', notFound: 'There is no label "{id}".', bindHeading: 'Product', sku: 'Product SKU or barcode',
      skuHint: 'Type it or scan the product\'s barcode. Price imports find labels by this.', bind: 'Bind to product', unbind: 'Remove product',
      bound: '{name} is now bound to {sku}.', unbound: '{name} is no longer bound to a product.',
      contentHeading: 'What the label shows', name: 'Product name', price: 'Price', priceHint: 'Like 2.49 — leave empty for no price.',
      promo: 'Promotion badge', promoHint: 'Short, like -20%. Leave empty for none.', codeKind: 'Code on the label',
      codeNone: 'No code', codeQr: 'QR code (a link)', codeEan: 'Barcode (EAN-13)', codeDataQr: 'Link in the QR code', codeDataEan: 'EAN-13 number',
      codeDataEanHint: '12 digits (the check digit is added) or 13 digits.', more: 'More fields', currency: 'Currency', currencyAfter: 'Currency after the price (2,49 €)',
      decimalMark: 'Decimal mark', unitPrice: 'Unit price line', unitPriceHint: 'Like "1 kg = 4,99 €".',
      previewDraft: 'Preview of your changes (not saved yet)', previewSaved: 'What the label shows', previewStale: 'The preview shows your last valid entry: fix the marked field.',
      previewing: 'Updating preview…', save: 'Save', saving: 'Saving…', reset: 'Undo my changes',
      saved: 'Saved. {name} will show it when it next wakes up.', unchanged: 'Saved, but nothing changed on the label.',
      conflict: 'Someone else changed this label while you were editing (it is now at version {v}). Your changes are still in the form.',
      saveAnyway: 'Save mine anyway', loadTheirs: 'Discard mine, load theirs', warnings: 'Note: {text}',
      unsaved: 'You have unsaved changes.', othersSaved: 'Someone else just saved this label. Your changes are kept; saving will ask which version to keep.', version: 'Version {v}', delivered: 'The label shows the saved version.',
      delivering: 'Sent to the label; it shows it when it next wakes up.', lastSeen: 'Last seen {when}',
      // Import
      importHeading: 'Import prices from a file', importHint: 'A CSV file with one product per line: sku,price and optionally name,promo. A first line "sku,price,…" is allowed. Nothing changes until you press Apply.',
      file: 'Price file (CSV)', checking: 'Checking the file…', checkFailed: 'The file could not be checked. {error}',
      fileErrors: 'Fix these lines in the file and choose it again; nothing was changed:', skipped: 'Skipped (no label has this SKU):',
      summary: '{changing} labels will change, {unchanged} stay the same ({lines} lines read).', nothingToDo: 'No label would change.',
      colLine: 'Line', colOld: 'Now', colNew: 'After import', same: 'no change', apply: 'Apply {n} changes', applying: 'Applying…', cancel: 'Cancel',
      changedSince: 'Some labels changed since you checked the file. Check it again before applying.', checkAgain: 'Check the file again',
      progress: 'Updating labels: {done} of {total} show the new price.', progressDone: 'All {total} labels show the new prices.',
      progressWaiting: 'The rest update as each label wakes up (labels check in every few minutes).',
      applied: 'Prices applied to {n} labels.',
    },
    'zh-CN': {
      heading: '价签', search: '按 SKU 或名称搜索', searchHint: '输入商品名称的一部分、SKU，或扫描条码。',
      scan: '用相机扫描', scanTitle: '请将相机对准条码', scanStop: '停止', scanNoCamera: '无法打开相机：{error}',
      loading: '正在加载价签…', loadFailed: '无法加载价签。{error}', retry: '重试',
      showing: '显示 {shown} / {total} 个价签', none: '没有与“{q}”匹配的价签。', noLabels: '尚未设置任何价签。',
      colPreview: '预览', colLabel: '价签', colProduct: '商品', colPrice: '价格', colStatus: '状态', colActions: '操作',
      noProduct: '未绑定商品', noPrice: '无价格', edit: '编辑', flash: '闪灯', flashing: '正在发送…',
      flashNow: '{name} 正在闪灯。', flashLater: '{name} 正在休眠：下次唤醒时会立即闪灯（{every} 内）。',
      online: '在线', asleep: '休眠（每 {every} 唤醒一次）', missing: '失联：最后联系于 {when}', never: '从未连接',
      minutes: '{n} 分钟', hours: '{n} 小时', inSync: '显示版本 {v}', updating: '正在更新到版本 {want}…', noContent: '尚无内容',
      refused: '价签拒绝了版本 {v}：{why}', previewAlt: '{name} 的显示内容',
      back: '全部价签', notFound: '没有价签“{id}”。', bindHeading: '商品', sku: '商品 SKU 或条码',
      skuHint: '输入或扫描商品条码。批量改价按此查找价签。', bind: '绑定商品', unbind: '解除绑定',
      bound: '{name} 已绑定到 {sku}。', unbound: '{name} 已解除商品绑定。',
      contentHeading: '价签显示内容', name: '商品名称', price: '价格', priceHint: '例如 2.49；留空表示不显示价格。',
      promo: '促销标签', promoHint: '简短，例如 -20%。留空表示无。', codeKind: '价签上的码',
      codeNone: '无', codeQr: '二维码（链接）', codeEan: '条码（EAN-13）', codeDataQr: '二维码中的链接', codeDataEan: 'EAN-13 号码',
      codeDataEanHint: '12 位（自动补校验位）或 13 位数字。', more: '更多字段', currency: '货币符号', currencyAfter: '货币符号在价格后（2,49 €）',
      decimalMark: '小数点符号', unitPrice: '单价行', unitPriceHint: '例如“1 kg = 4,99 €”。',
      previewDraft: '修改预览（尚未保存）', previewSaved: '价签当前显示', previewStale: '预览显示的是上一次有效的输入：请修改标出的字段。',
      previewing: '正在更新预览…', save: '保存', saving: '正在保存…', reset: '撤销我的修改',
      saved: '已保存。{name} 下次唤醒时会显示。', unchanged: '已保存，但价签画面没有变化。',
      conflict: '在您编辑期间，其他人修改了此价签（现为版本 {v}）。您的修改仍保留在表单中。',
      saveAnyway: '仍然保存我的修改', loadTheirs: '放弃我的修改，载入对方的版本', warnings: '注意：{text}',
      unsaved: '有未保存的修改。', othersSaved: '其他人刚刚保存了此价签。您的修改仍保留；保存时会询问保留哪个版本。', version: '版本 {v}', delivered: '价签已显示保存的版本。',
      delivering: '已发送到价签；下次唤醒时显示。', lastSeen: '最后在线 {when}',
      importHeading: '从文件导入价格', importHint: 'CSV 文件，每行一个商品：sku,price，可选 name,promo。第一行可以是“sku,price,…”。点击“应用”之前不会做任何修改。',
      file: '价格文件（CSV）', checking: '正在检查文件…', checkFailed: '无法检查文件。{error}',
      fileErrors: '请修改文件中的以下行后重新选择；没有做任何修改：', skipped: '已跳过（没有价签绑定此 SKU）：',
      summary: '{changing} 个价签将会改变，{unchanged} 个不变（读取 {lines} 行）。', nothingToDo: '没有价签需要改变。',
      colLine: '行', colOld: '当前', colNew: '导入后', same: '不变', apply: '应用 {n} 项修改', applying: '正在应用…', cancel: '取消',
      changedSince: '检查文件后有价签被修改。请重新检查后再应用。', checkAgain: '重新检查文件',
      progress: '正在更新价签：{done} / {total} 已显示新价格。', progressDone: '全部 {total} 个价签已显示新价格。',
      progressWaiting: '其余价签会在各自唤醒时更新（价签每隔几分钟联网一次）。',
      applied: '已为 {n} 个价签应用新价格。',
    },
  },

  mount(root, ctx) {
    ensureStyles();
    const cleanups = [];
    let view = null;

    function show() {
      if (view) view();
      root.replaceChildren();
      const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
      view = parts[1] ? mountEditor(root, ctx, parts[1]) : mountList(root, ctx);
    }
    const onHash = () => { if (location.hash.startsWith('#/labels')) show(); };
    window.addEventListener('hashchange', onHash);
    cleanups.push(() => window.removeEventListener('hashchange', onHash));
    show();
    return () => { if (view) view(); cleanups.forEach(c => c()); };
  },
};

function ensureStyles() {
  if (document.querySelector('link[data-page-style=labels]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: 'pages/labels.css', 'data-page-style': 'labels' }));
}

// ---------- shared bits ----------

function formatPrice(l, noPrice) {
  if (l.price == null || l.price === '') return noPrice;
  const mark = l.decimalMark || '.';
  const number = mark === '.' ? l.price : l.price.replace('.', mark);
  if (!l.currency) return number;
  return l.currencyAfter ? number + ' ' + l.currency : l.currency + number;
}

function statusBadge(t, l) {
  if (l.rejectedReason) return h('span', { class: 'badge bad' }, t('refused', { v: l.desiredVersion, why: l.rejectedReason }));
  if (!l.desiredVersion) return h('span', { class: 'badge' }, t('noContent'));
  if (l.appliedVersion >= l.desiredVersion) return h('span', { class: 'badge ok' }, t('inSync', { v: l.desiredVersion }));
  return h('span', { class: 'badge warn' }, t('updating', { want: l.desiredVersion }));
}

function wakeEvery(t, l) {
  const s = l.wakeIntervalSeconds || 3600;
  return s % 3600 === 0 ? t('hours', { n: s / 3600 }) : t('minutes', { n: Math.round(s / 60) });
}

function presenceBadge(ctx, l) {
  const { t } = ctx;
  const every = wakeEvery(t, l);
  switch (l.presence) {
    case 'online': return h('span', { class: 'badge ok' }, t('online'));
    case 'missing': return h('span', { class: 'badge bad' }, t('missing', { when: ago(l.lastSeen, ctx.lang) }));
    case 'never': return h('span', { class: 'badge warn' }, t('never'));
    default: return h('span', { class: 'badge info' }, t('asleep', { every }));
  }
}

async function flash(ctx, l, button) {
  const { t } = ctx;
  const name = l.name || l.id;
  const text = button.textContent;
  button.disabled = true;
  button.textContent = t('flashing');
  try {
    const r = await ctx.api('POST', `/api/labels/${encodeURIComponent(l.id)}/find`);
    ctx.toast(t(r && r.sentNow ? 'flashNow' : 'flashLater', { name, every: wakeEvery(t, l) }), 'ok');
  } catch (e) {
    ctx.toast(ctx.friendlyError(e), 'error');
  } finally {
    button.disabled = false;
    button.textContent = text;
  }
}

/** A "Scan with camera" button when the browser can read barcodes (BarcodeDetector); null otherwise. */
function scanButton(t, onCode) {
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return null;
  return h('button', { type: 'button', class: 'secondary', onclick: () => openScanner(t, onCode) }, t('scan'));
}

async function openScanner(t, onCode) {
  const video = h('video', { playsinline: true, muted: true, class: 'scanner-video' });
  const message = h('p', { class: 'muted', role: 'status' }, t('scanTitle'));
  let stream = null;
  let stopped = false;
  const dialog = h('dialog', { class: 'scanner', 'aria-label': t('scanTitle') },
    message, video, h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => stop() }, t('scanStop'))));
  function stop() {
    stopped = true;
    if (stream) stream.getTracks().forEach(track => track.stop());
    dialog.close();
    dialog.remove();
  }
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); stop(); });
  document.body.append(dialog);
  dialog.showModal();
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    video.srcObject = stream;
    await video.play();
    const detector = new window.BarcodeDetector({ formats: ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'qr_code'] });
    while (!stopped) {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length > 0) { stop(); onCode(codes[0].rawValue); return; }
      await new Promise(r => setTimeout(r, 200));
    }
  } catch (e) {
    message.textContent = t('scanNoCamera', { error: e.message || String(e) });
    message.className = 'form-error';
  }
}

// ---------- the list: search, results, import ----------

function mountList(root, ctx) {
  const { t } = ctx;
  const labels = new Map(); // id → LabelSummary
  let total = 0;
  let query = new URLSearchParams(location.hash.split('?')[1] || '').get('q') || '';
  let searchTimer = 0;
  let refreshTimer = 0;
  let seq = 0;
  const offs = [];

  const input = h('input', { type: 'search', autocomplete: 'off', enterkeyhint: 'search', value: query });
  input.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => search(input.value), 250); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { clearTimeout(searchTimer); search(input.value); } });
  const scan = scanButton(t, (code) => { input.value = code; search(code); });
  const searchField = field(t('search'), input, t('searchHint'));
  const count = h('p', { class: 'count', role: 'status' });
  const list = h('div', { class: 'table-wrap' });
  const importer = importPanel(ctx, labels, offs);

  root.append(h('h1', {}, t('heading')),
    h('div', { class: 'panel label-search', role: 'search' }, searchField.field, scan && h('div', { class: 'actions' }, scan)),
    count, list, importer.node);

  async function search(q) {
    query = q.trim();
    const mine = ++seq;
    if (labels.size === 0) list.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      const result = await ctx.api('GET', '/api/labels?limit=200&q=' + encodeURIComponent(query));
      if (mine !== seq) return;
      labels.clear();
      for (const l of result.labels) labels.set(l.id, l);
      total = result.total;
      render();
    } catch (e) {
      if (mine !== seq) return;
      list.replaceChildren(h('p', { class: 'notice error', role: 'alert' }, t('loadFailed', { error: ctx.friendlyError(e) }), ' ',
        h('button', { type: 'button', onclick: () => search(query) }, t('retry'))));
    }
  }

  function render() {
    count.textContent = total === 0 ? '' : t('showing', { shown: labels.size, total });
    if (labels.size === 0) {
      list.replaceChildren(h('p', { class: 'muted' }, query ? t('none', { q: query }) : t('noLabels')));
      return;
    }
    const rows = [...labels.values()].map(row);
    list.replaceChildren(h('table', { class: 'data labels' },
      h('thead', {}, h('tr', {}, ...['colPreview', 'colLabel', 'colProduct', 'colPrice', 'colStatus', 'colActions'].map(k => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows)));
  }

  function row(l) {
    const name = l.name || l.id;
    const editHref = '#/labels/' + encodeURIComponent(l.id);
    const flashButton = h('button', { type: 'button', class: 'secondary' }, t('flash'));
    flashButton.addEventListener('click', () => flash(ctx, l, flashButton));
    return h('tr', { 'data-testid': 'label-' + l.id },
      h('td', { class: 'cell-preview', 'data-label': t('colPreview') },
        l.desiredVersion ? h('img', { class: 'preview', src: ctx.previewUrl(l.id, l.desiredVersion), alt: t('previewAlt', { name }), loading: 'lazy' })
          : h('span', { class: 'muted small' }, t('noContent'))),
      h('td', { 'data-label': t('colLabel') }, h('a', { href: editHref }, name), h('div', { class: 'muted small mono' }, l.id)),
      h('td', { 'data-label': t('colProduct') }, l.productName || '—', h('div', { class: 'muted small' }, l.sku || t('noProduct'))),
      h('td', { 'data-label': t('colPrice'), class: 'price-cell' }, formatPrice(l, t('noPrice')), l.promo ? h('span', { class: 'badge bad promo' }, l.promo) : null),
      h('td', { 'data-label': t('colStatus') }, statusBadge(t, l), ' ', presenceBadge(ctx, l)),
      h('td', { class: 'full actions-cell', 'data-label': t('colActions') },
        h('div', { class: 'actions' }, h('a', { class: 'button', href: editHref }, t('edit')), flashButton)));
  }

  function replaceRow(id) {
    const old = list.querySelector(`tr[data-testid="label-${CSS.escape(id)}"]`);
    if (old && labels.has(id)) old.replaceWith(row(labels.get(id)));
  }

  offs.push(ctx.onEvent('content', (c) => {
    const l = labels.get(c.deviceId);
    if (!l) return;
    const newPicture = c.desiredVersion !== l.desiredVersion;
    Object.assign(l, { desiredVersion: c.desiredVersion, appliedVersion: c.appliedVersion, rejectedReason: c.rejectedReason });
    replaceRow(c.deviceId);
    // A new version may change the name or price: search again, once, after a burst (an import changes hundreds).
    if (newPicture) { clearTimeout(refreshTimer); refreshTimer = setTimeout(() => search(query), 1000); }
  }));
  offs.push(ctx.onEvent('device', (d) => {
    const l = labels.get(d.id);
    if (!l) return;
    Object.assign(l, { name: d.name, sku: d.sku, online: d.status.online, lastSeen: d.status.lastSeen });
    l.presence = d.status.online ? 'online' : 'asleep'; // it was just heard from
    replaceRow(d.id);
  }));

  search(query);
  return () => { clearTimeout(searchTimer); clearTimeout(refreshTimer); offs.forEach(off => off()); importer.dispose(); };
}

// ---------- CSV import: dry run, apply, progress ----------

function importPanel(ctx, labels, offs) {
  const { t } = ctx;
  const fileInput = h('input', { type: 'file', accept: '.csv,text/csv,text/plain' });
  const fileField = field(t('file'), fileInput, t('importHint'));
  const result = h('div', { class: 'import-result' });
  const node = h('section', { class: 'panel', 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, t('importHeading')), fileField.field, result);
  let csvText = '';
  let pollTimer = 0;
  let tracking = null; // { targets: Map id → version, done: Set }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    csvText = await file.text();
    dryRun();
  });

  async function dryRun() {
    stopTracking();
    result.replaceChildren(h('p', { class: 'muted', role: 'status' }, t('checking')));
    try {
      const r = await ctx.api('POST', '/api/labels/prices/csv', { csv: csvText, dryRun: true });
      showPlan(r);
    } catch (e) {
      result.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, t('checkFailed', { error: ctx.friendlyError(e) + (e.detail ? ' ' + e.detail : '') })));
    }
  }

  function showPlan(r) {
    const parts = [];
    if (r.errors.length > 0) {
      parts.push(h('div', { class: 'form-error', role: 'alert' }, h('p', {}, t('fileErrors')),
        h('ul', { class: 'line-errors' }, r.errors.map(e => h('li', { 'data-testid': 'csv-error-' + e.line }, e.message)))));
    }
    if (r.skipped.length > 0) {
      parts.push(h('div', { class: 'notice' }, h('p', {}, t('skipped')),
        h('ul', {}, r.skipped.map(e => h('li', { 'data-testid': 'csv-skipped-' + e.line }, e.message)))));
    }
    parts.push(h('p', { role: 'status' }, r.changing + r.unchanged === 0 ? t('nothingToDo')
      : t('summary', { changing: r.changing, unchanged: r.unchanged, lines: r.lines })));
    if (r.changes.length > 0) {
      const face = (f) => [f.name || '—', ' · ', formatPrice(f, t('noPrice')), f.promo ? ' · ' + f.promo : ''].join('');
      parts.push(h('div', { class: 'table-wrap' }, h('table', { class: 'data changes' },
        h('thead', {}, h('tr', {}, ...['colLine', 'colLabel', 'colOld', 'colNew'].map(k => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, r.changes.map(c => h('tr', { 'data-testid': 'csv-change-' + c.deviceId, class: c.changed ? '' : 'same' },
          h('td', { 'data-label': t('colLine') }, String(c.line)),
          h('td', { 'data-label': t('colLabel') }, c.deviceName || c.deviceId, h('div', { class: 'muted small' }, c.sku)),
          h('td', { 'data-label': t('colOld') }, face(c.old)),
          h('td', { 'data-label': t('colNew') }, c.changed ? h('strong', {}, '→ ', face(c.new)) : h('span', { class: 'muted' }, t('same')))))))));
    }
    const actions = h('div', { class: 'actions' });
    if (r.errors.length === 0 && r.changing > 0) {
      const apply = h('button', { type: 'button', class: 'primary' }, t('apply', { n: r.changing }));
      apply.addEventListener('click', () => applyPlan(r, apply));
      actions.append(apply);
    }
    actions.append(h('button', { type: 'button', class: 'secondary', onclick: cancel }, t('cancel')));
    parts.push(actions);
    result.replaceChildren(...parts);
  }

  function cancel() {
    stopTracking();
    csvText = '';
    fileInput.value = '';
    result.replaceChildren();
  }

  async function applyPlan(plan, button) {
    button.disabled = true;
    button.textContent = t('applying');
    try {
      const r = await ctx.api('POST', '/api/labels/prices/csv', { csv: csvText, dryRun: false, token: plan.token });
      const targets = new Map();
      for (const item of r.result.results) for (const d of item.devices) if (d.changed) targets.set(d.deviceId, d.version);
      ctx.toast(t('applied', { n: targets.size }), 'ok');
      startTracking(targets);
    } catch (e) {
      button.disabled = false;
      button.textContent = t('apply', { n: plan.changing });
      if (e.status === 409) {
        result.prepend(h('div', { class: 'form-error', role: 'alert' }, t('changedSince'), ' ',
          h('button', { type: 'button', onclick: dryRun }, t('checkAgain'))));
      } else {
        result.prepend(h('p', { class: 'form-error', role: 'alert' }, ctx.friendlyError(e) + (e.detail ? ' ' + e.detail : '')));
      }
    }
  }

  function startTracking(targets) {
    const bar = h('progress', { max: String(targets.size), value: '0' });
    const text = h('p', { role: 'status', 'aria-live': 'polite' });
    const waiting = h('p', { class: 'hint' }, t('progressWaiting'));
    tracking = { targets, done: new Set(), bar, text, waiting };
    result.replaceChildren(h('div', { class: 'progress-box', 'data-testid': 'import-progress' }, text, bar, waiting));
    updateProgress();
    const poll = async () => {
      if (!tracking) return;
      try {
        const r = await ctx.api('GET', '/api/labels?limit=5000');
        for (const l of r.labels) mark(l.id, l.appliedVersion);
      } catch { /* keep the events */ }
      if (tracking && tracking.done.size < tracking.targets.size) pollTimer = setTimeout(poll, PROGRESS_POLL_MS);
    };
    pollTimer = setTimeout(poll, PROGRESS_POLL_MS);
  }

  function mark(id, applied) {
    if (!tracking) return;
    const want = tracking.targets.get(id);
    if (want != null && applied >= want && !tracking.done.has(id)) { tracking.done.add(id); updateProgress(); }
  }

  function updateProgress() {
    const { done, targets, bar, text, waiting } = tracking;
    bar.value = done.size;
    const finished = done.size >= targets.size;
    text.textContent = finished ? t('progressDone', { total: targets.size }) : t('progress', { done: done.size, total: targets.size });
    waiting.hidden = finished;
    if (finished) clearTimeout(pollTimer);
  }

  function stopTracking() {
    tracking = null;
    clearTimeout(pollTimer);
  }

  offs.push(ctx.onEvent('content', (c) => mark(c.deviceId, c.appliedVersion)));
  return { node, dispose: stopTracking };
}

// ---------- one label: bind, edit with live preview, save, flash ----------

function mountEditor(root, ctx, id) {
  const { t } = ctx;
  const offs = [];
  let disposed = false;
  let label = null;      // LabelSummary
  let saved = null;      // the saved label document (GET content)
  let version = 0;       // ETag of the saved content
  let previewTimer = 0;
  let previewSeq = 0;
  let previewUrl = null;
  let dirty = false;

  const heading = h('h1', {}, id);
  const statusLine = h('p', { class: 'status-line', role: 'status' });
  const body = h('div', {}, h('p', { class: 'muted' }, t('loading')));
  root.append(h('p', {}, h('a', { href: '#/labels' }, '← ' + t('back'))), heading, statusLine, body);

  load();

  async function load() {
    try {
      const [search, content] = await Promise.all([
        ctx.api('GET', '/api/labels?limit=20&q=' + encodeURIComponent(id)),
        ctx.api('GET', `/api/devices/${encodeURIComponent(id)}/content`)]);
      if (disposed) return;
      label = search.labels.find(l => l.id === id);
      if (!label) { body.replaceChildren(h('p', { class: 'notice error' }, t('notFound', { id }))); return; }
      saved = content.label || {};
      version = content.version;
      render();
    } catch (e) {
      if (disposed) return;
      body.replaceChildren(h('p', { class: 'notice error', role: 'alert' },
        e.status === 404 ? t('notFound', { id }) : t('loadFailed', { error: ctx.friendlyError(e) })));
    }
  }

  function renderStatus() {
    const name = label.name || label.id;
    heading.textContent = name;
    statusLine.replaceChildren(statusBadge(t, label), ' ', presenceBadge(ctx, label), ' ',
      h('span', { class: 'muted small' }, label.lastSeen ? t('lastSeen', { when: ago(label.lastSeen, ctx.lang) }) : ''));
  }

  function render() {
    renderStatus();
    const name = label.name || label.id;

    // Preview
    const previewImg = h('img', { class: 'preview-large label-preview', alt: t('previewAlt', { name }) });
    const previewCaption = h('p', { class: 'muted small preview-caption' });
    const previewNote = h('p', { class: 'hint', role: 'status' });
    const setSavedPreview = () => {
      previewCaption.textContent = t('previewSaved');
      if (version > 0) previewImg.src = ctx.previewUrl(id, version); else previewImg.removeAttribute('src');
    };
    setSavedPreview();

    // Binding
    const skuInput = h('input', { type: 'text', autocomplete: 'off', inputmode: 'text', value: label.sku || '' });
    const skuField = field(t('sku'), skuInput, t('skuHint'));
    const bindButton = h('button', { type: 'submit', class: 'primary' }, t('bind'));
    const skuScan = scanButton(t, (code) => { skuInput.value = code; });
    const unbindButton = h('button', { type: 'button', class: 'secondary', hidden: !label.sku, onclick: () => bind(null) }, t('unbind'));
    const bindForm = h('form', { class: 'panel', 'aria-labelledby': 'bind-heading', novalidate: true },
      h('h2', { id: 'bind-heading' }, t('bindHeading')), skuField.field,
      h('div', { class: 'actions' }, bindButton, skuScan, unbindButton));
    bindForm.addEventListener('submit', (e) => { e.preventDefault(); bind(skuInput.value.trim() || null); });

    async function bind(sku) {
      clearFieldErrors({ sku: skuField });
      bindButton.disabled = true;
      try {
        await ctx.api('PATCH', `/api/devices/${encodeURIComponent(id)}`, { sku });
        label.sku = sku;
        skuInput.value = sku || '';
        unbindButton.hidden = !sku;
        ctx.toast(sku ? t('bound', { name, sku }) : t('unbound', { name }), 'ok'); // the content form keeps what is typed
      } catch (e) {
        const rest = showFieldErrors({ sku: skuField }, e);
        if (rest.length || !e.errors) ctx.toast(ctx.friendlyError(e) + (rest.length ? ' ' + rest.join(' ') : ''), 'error');
      } finally {
        bindButton.disabled = false;
      }
    }

    // Content form: the fields the page edits, the rest kept as saved.
    const inputs = {
      name: h('input', { type: 'text', autocomplete: 'off', value: saved.name || '' }),
      price: h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', value: saved.price == null ? '' : String(saved.price) }),
      promo: h('input', { type: 'text', autocomplete: 'off', value: saved.promo || '' }),
      codeKind: h('select', {}, h('option', { value: 'none' }, t('codeNone')), h('option', { value: 'qr' }, t('codeQr')), h('option', { value: 'ean13' }, t('codeEan'))),
      codeData: h('input', { type: 'text', autocomplete: 'off', value: saved.codeData || '' }),
      currency: h('input', { type: 'text', autocomplete: 'off', value: saved.currency || '' }),
      currencyAfter: h('input', { type: 'checkbox', checked: !!saved.currencyAfter }),
      decimalMark: h('input', { type: 'text', maxlength: '1', autocomplete: 'off', value: saved.decimalMark || '.' }),
      unitPrice: h('input', { type: 'text', autocomplete: 'off', value: saved.unitPrice || '' }),
    };
    inputs.codeKind.value = saved.codeKind || 'none';
    const fields = {
      name: field(t('name'), inputs.name),
      price: field(t('price'), inputs.price, t('priceHint')),
      promo: field(t('promo'), inputs.promo, t('promoHint')),
      codeKind: field(t('codeKind'), inputs.codeKind),
      codeData: field(t('codeDataQr'), inputs.codeData),
      currency: field(t('currency'), inputs.currency),
      currencyAfter: field(t('currencyAfter'), inputs.currencyAfter),
      decimalMark: field(t('decimalMark'), inputs.decimalMark),
      unitPrice: field(t('unitPrice'), inputs.unitPrice, t('unitPriceHint')),
    };
    const codeLabel = fields.codeData.field.querySelector('label');
    const codeHint = h('p', { class: 'hint' });
    fields.codeData.field.insertBefore(codeHint, fields.codeData.error);
    const codeScan = scanButton(t, (code) => { inputs.codeData.value = code; changed(); });
    function codeKindChanged() {
      const kind = inputs.codeKind.value;
      fields.codeData.field.hidden = kind === 'none';
      codeLabel.textContent = kind === 'ean13' ? t('codeDataEan') : t('codeDataQr');
      codeHint.textContent = kind === 'ean13' ? t('codeDataEanHint') : '';
      inputs.codeData.inputMode = kind === 'ean13' ? 'numeric' : 'url';
    }
    codeKindChanged();

    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const warningNote = h('p', { class: 'notice', hidden: true });
    const unsavedNote = h('p', { class: 'hint', hidden: true }, t('unsaved'));
    const othersNote = h('p', { class: 'notice others-saved', hidden: true, role: 'status' }, t('othersSaved'));
    const saveButton = h('button', { type: 'submit', class: 'primary' }, t('save'));
    const resetButton = h('button', { type: 'button', class: 'secondary', onclick: () => { dirty = false; render(); } }, t('reset'));
    const flashButton = h('button', { type: 'button', class: 'secondary' }, t('flash'));
    flashButton.addEventListener('click', () => flash(ctx, label, flashButton));

    const form = h('form', { class: 'panel', 'aria-labelledby': 'content-heading', novalidate: true },
      h('h2', { id: 'content-heading' }, t('contentHeading')),
      fields.name.field, h('div', { class: 'row' }, fields.price.field, fields.promo.field),
      fields.codeKind.field, fields.codeData.field, codeScan && h('div', { class: 'actions code-scan' }, codeScan),
      h('details', { class: 'more' }, h('summary', {}, t('more')),
        h('div', { class: 'row' }, fields.currency.field, fields.decimalMark.field), fields.currencyAfter.field, fields.unitPrice.field),
      othersNote, formError, warningNote, unsavedNote,
      h('div', { class: 'actions' }, saveButton, resetButton, flashButton));

    function draft() {
      return {
        ...saved,
        name: inputs.name.value,
        price: inputs.price.value.trim().replace(',', '.'),
        promo: inputs.promo.value,
        codeKind: inputs.codeKind.value,
        codeData: inputs.codeKind.value === 'none' ? '' : inputs.codeData.value.trim(),
        currency: inputs.currency.value,
        currencyAfter: inputs.currencyAfter.checked,
        decimalMark: inputs.decimalMark.value || '.',
        unitPrice: inputs.unitPrice.value,
      };
    }

    function changed() {
      dirty = true;
      unsavedNote.hidden = false;
      clearTimeout(previewTimer);
      previewTimer = setTimeout(refreshPreview, PREVIEW_DELAY_MS);
    }
    for (const input of Object.values(inputs)) input.addEventListener(input.tagName === 'SELECT' || input.type === 'checkbox' ? 'change' : 'input', changed);
    inputs.codeKind.addEventListener('change', codeKindChanged);

    async function refreshPreview() {
      const mine = ++previewSeq;
      previewNote.textContent = t('previewing');
      try {
        const blob = await ctx.api('POST', `/api/devices/${encodeURIComponent(id)}/content/preview.png`, { label: draft() });
        if (mine !== previewSeq || disposed) return;
        if (previewUrl) URL.revokeObjectURL(previewUrl);
        previewUrl = URL.createObjectURL(blob);
        previewImg.src = previewUrl;
        previewCaption.textContent = t('previewDraft');
        previewNote.textContent = '';
        clearFieldErrors(fields);
        formError.hidden = true;
      } catch (e) {
        if (mine !== previewSeq || disposed) return;
        previewNote.textContent = e.errors ? t('previewStale') : ctx.friendlyError(e);
        showErrors(e, false);
      }
    }

    function showErrors(e, focus) {
      const active = document.activeElement;
      const rest = showFieldErrors(fields, e);
      if (!focus && active && active.focus) active.focus(); // typing must not be interrupted by a preview's error
      formError.hidden = rest.length === 0 && !!e.errors;
      formError.textContent = rest.length ? rest.join(' ') : (e.errors ? '' : ctx.friendlyError(e));
    }

    async function save(ifMatch) {
      clearTimeout(previewTimer);
      saveButton.disabled = true;
      saveButton.textContent = t('saving');
      formError.hidden = true;
      warningNote.hidden = true;
      const body = draft();
      try {
        const r = await ctx.api('PUT', `/api/devices/${encodeURIComponent(id)}/content`, { label: body },
          { headers: { 'If-Match': '"' + ifMatch + '"' } });
        version = r.version;
        saved = body;
        dirty = false;
        unsavedNote.hidden = true;
        othersNote.hidden = true;
        clearFieldErrors(fields);
        label.desiredVersion = r.version;
        renderStatus();
        setSavedPreview();
        ctx.toast(r.changed ? t('saved', { name }) : t('unchanged'), 'ok');
        if (r.warnings && r.warnings.length) { warningNote.textContent = t('warnings', { text: r.warnings.join(' ') }); warningNote.hidden = false; }
      } catch (e) {
        if (e.status === 412 || e.status === 409) {
          const current = e.problem && e.problem.currentVersion != null ? e.problem.currentVersion : '?';
          formError.replaceChildren(h('p', {}, t('conflict', { v: current })),
            h('div', { class: 'actions' },
              h('button', { type: 'button', class: 'primary', onclick: () => save(current) }, t('saveAnyway')),
              h('button', { type: 'button', class: 'secondary', onclick: () => { dirty = false; load(); } }, t('loadTheirs'))));
          formError.hidden = false;
          formError.scrollIntoView({ block: 'nearest' });
        } else {
          showErrors(e, true);
        }
      } finally {
        saveButton.disabled = false;
        saveButton.textContent = t('save');
      }
    }
    form.addEventListener('submit', (e) => { e.preventDefault(); save(version); });

    const bar = document.querySelector('.topbar');
    root.style.setProperty('--sticky-top', (bar ? bar.offsetHeight : 0) + 'px');
    body.replaceChildren(h('div', { class: 'editor' },
      h('section', { class: 'panel preview-panel', 'aria-label': t('previewSaved') }, previewCaption, previewImg, previewNote),
      h('div', { class: 'editor-forms' }, form, bindForm)));
  }

  offs.push(ctx.onEvent('content', (c) => {
    if (!label || c.deviceId !== id) return;
    Object.assign(label, { desiredVersion: c.desiredVersion, appliedVersion: c.appliedVersion, rejectedReason: c.rejectedReason });
    renderStatus();
    // Someone else saved: reload only when nothing is typed; otherwise say so now (Save then offers the choice).
    if (c.desiredVersion !== version && !dirty) load();
    else if (c.desiredVersion !== version) { const note = root.querySelector('.others-saved'); if (note) note.hidden = false; }
  }));
  offs.push(ctx.onEvent('device', (d) => {
    if (!label || d.id !== id) return;
    Object.assign(label, { name: d.name, online: d.status.online, lastSeen: d.status.lastSeen });
    label.presence = d.status.online ? 'online' : 'asleep';
    renderStatus();
  }));

  return () => {
    disposed = true;
    clearTimeout(previewTimer);
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    offs.forEach(off => off());
  };
}
