// Tables: name each table tent, set its link template, rotation period and playlist (one table or many at
// once), and test-scan the code it shows now, verified the way the ordering backend verifies it.
import { h, field, showFieldErrors, clearFieldErrors, ago, dateTime } from '../ui.js';

const MAX_PLAYLIST = 4;

export default {
  id: 'tables',
  title: { en: 'Tables', 'zh-CN': '餐桌' },
  strings: {
    en: {
      heading: 'Tables', loading: 'Loading table tents…', loadFailed: 'The table tents could not be loaded. {error}', retry: 'Try again',
      noTents: 'No table tents are provisioned yet.',
      bulkHeading: 'Settings for several tables', bulkIntro: 'Fill in only what should change; empty fields stay as each table has them.',
      applyTo: 'Apply to', applyAll: 'All tables ({n})', applySelected: 'Selected tables ({n})',
      linkTemplate: 'Link template', linkHint: 'The ordering link; {device} and {token} are filled in by each tent, e.g. https://order.example.com/t?d={device}&c={token}',
      rotation: 'Rotation period (seconds)', rotationHint: 'How often the code changes: 1 to 86400 seconds.',
      replacePlaylist: 'Also replace the playlist', apply: 'Apply', applyN: 'Apply to {n} tables', applying: 'Applying…',
      applied: '{changed} tables changed, {unchanged} already had these settings.', nothingToApply: 'Fill in at least one setting.',
      noneSelected: 'Select at least one table in the list first.',
      colSelect: 'Select', colPreview: 'Preview', colName: 'Table', colLink: 'Link template', colRotation: 'Rotation', colStatus: 'Status', colActions: 'Actions',
      select: 'Select {name}', seconds: '{n} s', online: 'Online', offline: 'Offline', noContent: 'No link yet',
      edit: 'Edit', testScan: 'Test scan', scanning: 'Scanning…',
      editHeading: 'Table {name}', tableName: 'Table name', tableNameHint: 'Shown on the tent and sent with each scan to the ordering system.',
      headline: 'Headline', dwell: 'Seconds on the main link', fallback: 'Print the 6-digit code under the QR code',
      playlist: 'Playlist', playlistIntro: 'Up to 4 more links shown in turn with the main link (e.g. a menu, a survey).',
      entry: 'Entry {n}', entryLink: 'Link template of entry {n}', entryDwell: 'Seconds on entry {n}', entryHeadline: 'Headline of entry {n}',
      addEntry: 'Add a playlist entry', removeEntry: 'Remove entry {n}', save: 'Save', saving: 'Saving…', cancel: 'Close',
      saved: 'Table {name} saved.', conflict: 'Someone else changed this table while you were editing. Your changes are still here; reload to see theirs.',
      reload: 'Reload (discards my changes)', changedElsewhere: 'This table was just changed elsewhere.',
      scanValid: 'Valid: this code opens table {table}.', scanInvalid: 'Not valid ({outcome}): {reason}',
      scanLink: 'Link', scanFallback: 'Code', scanNext: 'Next code at {time}', version: 'Version {v}',
      preview: 'What {name} shows now', noPreview: 'No picture yet', wholeNumber: 'Type a whole number of seconds.',
    },
    'zh-CN': {
      heading: '餐桌', loading: '正在加载桌牌…', loadFailed: '无法加载桌牌。{error}', retry: '重试',
      noTents: '尚未添加任何桌牌。',
      bulkHeading: '批量设置', bulkIntro: '只填写需要更改的项目；留空的项目保持各桌原样。',
      applyTo: '应用到', applyAll: '全部餐桌（{n}）', applySelected: '已选餐桌（{n}）',
      linkTemplate: '链接模板', linkHint: '点餐链接；每个桌牌会填入 {device} 和 {token}，例如 https://order.example.com/t?d={device}&c={token}',
      rotation: '更换周期（秒）', rotationHint: '二维码更换的间隔：1 到 86400 秒。',
      replacePlaylist: '同时替换轮播列表', apply: '应用', applyN: '应用到 {n} 张桌', applying: '正在应用…',
      applied: '已更改 {changed} 张桌，{unchanged} 张桌已是此设置。', nothingToApply: '请至少填写一项设置。',
      noneSelected: '请先在列表中选择至少一张桌。',
      colSelect: '选择', colPreview: '预览', colName: '餐桌', colLink: '链接模板', colRotation: '更换周期', colStatus: '状态', colActions: '操作',
      select: '选择 {name}', seconds: '{n} 秒', online: '在线', offline: '离线', noContent: '尚无链接',
      edit: '编辑', testScan: '测试扫码', scanning: '正在扫码…',
      editHeading: '餐桌 {name}', tableName: '桌名', tableNameHint: '显示在桌牌上，并随每次扫码发送给点餐系统。',
      headline: '标题', dwell: '主链接显示秒数', fallback: '在二维码下方显示 6 位数字码',
      playlist: '轮播列表', playlistIntro: '最多 4 个额外链接，与主链接轮流显示（如菜单、问卷）。',
      entry: '第 {n} 项', entryLink: '第 {n} 项的链接模板', entryDwell: '第 {n} 项的显示秒数', entryHeadline: '第 {n} 项的标题',
      addEntry: '添加轮播项', removeEntry: '删除第 {n} 项', save: '保存', saving: '正在保存…', cancel: '关闭',
      saved: '餐桌 {name} 已保存。', conflict: '您编辑期间其他人修改了此餐桌。您的修改仍保留在此；刷新可查看对方的修改。',
      reload: '刷新（放弃我的修改）', changedElsewhere: '此餐桌刚在别处被修改。',
      scanValid: '有效：此二维码打开餐桌 {table}。', scanInvalid: '无效（{outcome}）：{reason}',
      scanLink: '链接', scanFallback: '数字码', scanNext: '下次更换：{time}', version: '版本 {v}',
      preview: '{name} 当前显示', noPreview: '暂无画面', wholeNumber: '请输入整数秒数。',
    },
  },

  mount(root, ctx) {
    const { t } = ctx;
    const tents = new Map();      // id → { device, content (ContentView) }
    const selected = new Set();
    const scans = new Map();      // id → last test scan result (or error text)
    let editor = null;            // { id, version, draft, conflict, elsewhere }
    const timers = [];

    const bulkPanel = h('section', { class: 'panel', 'aria-labelledby': 'bulk-heading' });
    const editorPanel = h('section', { class: 'panel', id: 'table-editor', hidden: true, 'aria-labelledby': 'editor-heading' });
    const list = h('div', { class: 'table-wrap' });
    root.append(h('h1', {}, t('heading')), editorPanel, list, bulkPanel);

    async function load() {
      list.replaceChildren(h('p', { class: 'muted' }, t('loading')));
      try {
        const all = (await ctx.api('GET', '/api/devices')).filter(d => d.kind === 'tent');
        const contents = await Promise.all(all.map(d => ctx.api('GET', `/api/devices/${encodeURIComponent(d.id)}/content`)));
        tents.clear();
        all.forEach((d, i) => tents.set(d.id, { device: d, content: contents[i] }));
        for (const id of [...selected]) if (!tents.has(id)) selected.delete(id);
        renderList();
        renderBulk();
      } catch (e) {
        list.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, t('loadFailed', { error: ctx.friendlyError(e) }), ' ',
          h('button', { type: 'button', onclick: load }, t('retry'))));
      }
    }

    async function reloadOne(id) {
      const entry = tents.get(id);
      if (!entry) return;
      try {
        entry.content = await ctx.api('GET', `/api/devices/${encodeURIComponent(id)}/content`);
        renderRow(id);
      } catch { /* the next event or a reload will fix it */ }
    }

    // ---- List ----

    function renderList() {
      if (!tents.size) { list.replaceChildren(h('p', { class: 'notice' }, t('noTents'))); return; }
      const head = ['colSelect', 'colPreview', 'colName', 'colLink', 'colRotation', 'colStatus', 'colActions'];
      const rows = [...tents.values()].sort((a, b) => a.device.name.localeCompare(b.device.name, ctx.lang, { numeric: true }));
      list.replaceChildren(h('table', { class: 'data tables' },
        h('thead', {}, h('tr', {}, ...head.map(k => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, ...rows.map(e => row(e)))));
    }

    function renderRow(id) {
      const old = list.querySelector(`tr[data-testid="device-${CSS.escape(id)}"]`);
      if (old && tents.has(id)) old.replaceWith(row(tents.get(id))); else renderList();
    }

    function row({ device: d, content: c }) {
      const tent = c && c.tent;
      const cell = (key, cls, ...children) => h('td', { 'data-label': t(key), class: cls }, ...children);
      const box = h('input', { type: 'checkbox', checked: selected.has(d.id) });
      box.addEventListener('change', () => { if (box.checked) selected.add(d.id); else selected.delete(d.id); renderBulkTarget(); });
      const online = d.status && d.status.online;
      const scanButton = h('button', { type: 'button', onclick: (e) => testScan(d.id, e.currentTarget), disabled: !tent }, t('testScan'));
      return h('tr', { 'data-testid': 'device-' + d.id },
        cell('colSelect', '', field(t('select', { name: d.name }), box).field),
        cell('colPreview', 'cell-preview', previewImg(d, c, 'preview')),
        cell('colName', 'full', h('strong', {}, d.name), h('div', { class: 'small muted' }, d.id)),
        cell('colLink', 'full', tent ? h('span', { class: 'mono' }, tent.linkTemplate) : h('span', { class: 'muted' }, t('noContent'))),
        cell('colRotation', '', tent ? t('seconds', { n: tent.rotationSeconds }) : '—'),
        cell('colStatus', '', h('span', { class: 'badge ' + (online ? 'ok' : 'bad') }, online ? t('online') : t('offline'))),
        cell('colActions', 'full', h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', onclick: () => openEditor(d.id) }, t('edit')), scanButton),
          scanResult(d.id)));
    }

    function previewImg(d, c, cls) {
      if (!c || !c.version) return h('span', { class: 'small muted' }, t('noPreview'));
      // The code changes every period: the minute in the URL fetches the current one.
      return h('img', { class: cls, loading: 'lazy', alt: t('preview', { name: d.name }),
        src: ctx.previewUrl(d.id, c.version + '-' + Math.floor(Date.now() / 60000)) });
    }

    // ---- Test scan ----

    async function testScan(id, button) {
      const label = button.textContent;
      button.disabled = true;
      button.textContent = t('scanning');
      try {
        scans.set(id, await ctx.api('POST', `/console/api/tents/${encodeURIComponent(id)}/test-scan`));
      } catch (e) {
        scans.set(id, { error: ctx.friendlyError(e) + (e.detail ? ' ' + e.detail : '') });
      } finally {
        button.disabled = false;
        button.textContent = label;
      }
      renderRow(id);
      if (editor && editor.id === id) renderEditor();
    }

    function scanResult(id) {
      const r = scans.get(id);
      if (!r) return null;
      if (r.error) return h('div', { class: 'result bad', role: 'status' }, r.error);
      const v = r.verdict;
      return h('div', { class: 'result ' + (v.valid ? 'ok' : 'bad'), role: 'status', 'data-testid': 'scan-result-' + id },
        h('strong', {}, v.valid ? t('scanValid', { table: v.tableName || v.deviceId }) : t('scanInvalid', { outcome: v.outcome, reason: v.reason })),
        h('div', { class: 'small' }, t('scanLink') + ': ', h('span', { class: 'mono' }, r.link)),
        r.fallbackCode ? h('div', { class: 'small' }, t('scanFallback') + ': ', h('span', { class: 'mono' }, r.fallbackCode)) : null,
        h('div', { class: 'small muted' }, t('scanNext', { time: dateTime(r.nextCodeAt, ctx.lang) })));
    }

    // ---- One table ----

    function openEditor(id) {
      const { device, content } = tents.get(id);
      const tent = (content && content.tent) || {};
      editor = {
        id, version: (content && content.version) || 0, conflict: false, elsewhere: false, savedName: device.name,
        draft: {
          tableName: tent.tableName || device.name, headline: tent.headline || '', linkTemplate: tent.linkTemplate || '',
          rotationSeconds: String(tent.rotationSeconds || 60), dwellSeconds: String(tent.dwellSeconds || 30),
          showFallbackCode: !!tent.showFallbackCode,
          playlist: (tent.playlist || []).map(p => ({ linkTemplate: p.linkTemplate || '', dwellSeconds: String(p.dwellSeconds || 10), headline: p.headline || '' })),
        },
      };
      renderEditor();
      editorPanel.scrollIntoView({ block: 'start', behavior: 'smooth' });
      const first = editorPanel.querySelector('input');
      if (first) first.focus({ preventScroll: true });
    }

    function renderEditor() {
      if (!editor) { editorPanel.hidden = true; editorPanel.replaceChildren(); return; }
      const { device, content } = tents.get(editor.id) || {};
      if (!device) { editor = null; renderEditor(); return; }
      const d = editor.draft;
      const fields = {};
      const text = (key, label, attrs = {}, hint) => {
        const input = h('input', { type: 'text', value: d[key], autocomplete: 'off', ...attrs });
        input.addEventListener('input', () => { d[key] = input.value; });
        fields[key] = field(label, input, hint);
        return fields[key].field;
      };
      const fallback = h('input', { type: 'checkbox', checked: d.showFallbackCode });
      fallback.addEventListener('change', () => { d.showFallbackCode = fallback.checked; });
      fields.showFallbackCode = field(t('fallback'), fallback);

      const entries = d.playlist.map((p, i) => {
        const n = i + 1;
        const sub = (key, label, attrs = {}) => {
          const input = h('input', { type: attrs.type || 'text', value: p[key], autocomplete: 'off', ...attrs });
          input.addEventListener('input', () => { p[key] = input.value; });
          fields[`playlist[${i}].${key}`] = field(label, input);
          return fields[`playlist[${i}].${key}`].field;
        };
        return h('div', { class: 'playlist-entry', role: 'group', 'aria-label': t('entry', { n }) },
          h('h4', {}, t('entry', { n })),
          sub('linkTemplate', t('entryLink', { n }), { inputmode: 'url', spellcheck: 'false' }),
          h('div', { class: 'row' }, sub('dwellSeconds', t('entryDwell', { n }), { type: 'number', min: 1, inputmode: 'numeric' }),
            sub('headline', t('entryHeadline', { n }))),
          h('button', { type: 'button', class: 'danger', onclick: () => { d.playlist.splice(i, 1); renderEditor(); } }, t('removeEntry', { n })));
      });
      const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
      const save = h('button', { type: 'submit', class: 'primary' }, t('save'));
      const form = h('form', { novalidate: true },
        h('div', { class: 'two-col' },
          h('div', {},
            text('tableName', t('tableName'), { maxlength: 32 }, t('tableNameHint')),
            text('headline', t('headline'), { maxlength: 64 }),
            text('linkTemplate', t('linkTemplate'), { inputmode: 'url', spellcheck: 'false' }, t('linkHint')),
            h('div', { class: 'row' },
              text('rotationSeconds', t('rotation'), { type: 'number', min: 1, max: 86400, inputmode: 'numeric' }, t('rotationHint')),
              text('dwellSeconds', t('dwell'), { type: 'number', min: 1, inputmode: 'numeric' })),
            fields.showFallbackCode.field),
          h('div', {},
            previewImg(device, content, 'preview-large'),
            h('p', { class: 'small muted' }, t('version', { v: editor.version })),
            scanResult(editor.id))),
        h('fieldset', {}, h('legend', {}, t('playlist')), h('p', { class: 'hint' }, t('playlistIntro')), ...entries,
          d.playlist.length < MAX_PLAYLIST
            ? h('button', { type: 'button', onclick: () => { d.playlist.push({ linkTemplate: '', dwellSeconds: '10', headline: '' }); renderEditor(); } }, t('addEntry'))
            : null),
        editor.conflict ? h('div', { class: 'notice error', role: 'alert' }, t('conflict'), ' ',
          h('button', { type: 'button', onclick: () => { reloadOne(editor.id).then(() => openEditor(editor.id)); } }, t('reload'))) : null,
        !editor.conflict && editor.elsewhere ? h('p', { class: 'notice' }, t('changedElsewhere')) : null,
        formError,
        h('div', { class: 'actions' }, save,
          h('button', { type: 'button', onclick: (e) => testScan(editor.id, e.currentTarget) }, t('testScan')),
          h('button', { type: 'button', onclick: () => { editor = null; renderEditor(); } }, t('cancel'))));
      form.addEventListener('submit', (e) => { e.preventDefault(); saveEditor(fields, save, formError); });
      editorPanel.hidden = false;
      editorPanel.replaceChildren(h('h2', { id: 'editor-heading' }, t('editHeading', { name: device.name })), form);
    }

    async function saveEditor(fields, button, formError) {
      const ed = editor;
      const d = ed.draft;
      clearFieldErrors(fields);
      formError.hidden = true;
      const label = button.textContent;
      button.disabled = true;
      button.textContent = t('saving');
      const numbers = { rotationSeconds: d.rotationSeconds, dwellSeconds: d.dwellSeconds };
      d.playlist.forEach((p, i) => { numbers[`playlist[${i}].dwellSeconds`] = p.dwellSeconds; });
      const notWhole = Object.entries(numbers).filter(([, v]) => String(v).trim() !== '' && !/^\d+$/.test(String(v).trim()));
      if (notWhole.length) {
        showFieldErrors(fields, { errors: Object.fromEntries(notWhole.map(([k]) => [k, [t('wholeNumber')]])) });
        button.disabled = false;
        button.textContent = label;
        return;
      }
      const tent = {
        tableName: d.tableName.trim(), headline: d.headline, linkTemplate: d.linkTemplate.trim(),
        rotationSeconds: toNumber(d.rotationSeconds), dwellSeconds: toNumber(d.dwellSeconds), showFallbackCode: d.showFallbackCode,
        playlist: d.playlist.map(p => ({ linkTemplate: p.linkTemplate.trim(), dwellSeconds: toNumber(p.dwellSeconds), headline: p.headline })),
      };
      try {
        const result = await ctx.api('PUT', `/api/devices/${encodeURIComponent(ed.id)}/content`, { tent }, { headers: { 'If-Match': `"${ed.version}"` } });
        ed.version = result.version;
        // The table name is also the device's name (webhooks carry it); the content above already shows it.
        if (tent.tableName && tent.tableName !== ed.savedName) {
          await ctx.api('PATCH', `/api/devices/${encodeURIComponent(ed.id)}`, { name: tent.tableName });
          ed.savedName = tent.tableName;
          tents.get(ed.id).device.name = tent.tableName;
        }
        ed.conflict = false;
        ed.elsewhere = false;
        ctx.toast(t('saved', { name: tent.tableName || ed.id }), 'ok');
        await reloadOne(ed.id);
        if (editor === ed) renderEditor();
      } catch (e) {
        if (e.status === 409 || e.status === 412) {
          ed.conflict = true;
          renderEditor();
        } else {
          const rest = showFieldErrors(fields, e);
          if (rest.length || !e.errors) {
            formError.textContent = ctx.friendlyError(e) + (rest.length ? ' ' + rest.join(' ') : '');
            formError.hidden = false;
          }
          ctx.toast(ctx.friendlyError(e), 'error');
        }
      } finally {
        button.disabled = false;
        button.textContent = label;
      }
    }

    // ---- Several tables at once ----

    const bulk = { target: 'all', linkTemplate: '', rotationSeconds: '', replacePlaylist: false, playlist: [] };
    let bulkTargetNode = null;

    function renderBulk() {
      const fields = {};
      const text = (key, label, attrs = {}, hint) => {
        const input = h('input', { type: 'text', value: bulk[key], autocomplete: 'off', ...attrs });
        input.addEventListener('input', () => { bulk[key] = input.value; });
        fields[key] = field(label, input, hint);
        return fields[key].field;
      };
      const target = h('select', {});
      target.addEventListener('change', () => { bulk.target = target.value; renderBulkTarget(); });
      bulkTargetNode = target;
      fields.deviceIds = field(t('applyTo'), target);
      const replace = h('input', { type: 'checkbox', checked: bulk.replacePlaylist });
      replace.addEventListener('change', () => { bulk.replacePlaylist = replace.checked; renderBulk(); });
      const entries = bulk.replacePlaylist ? bulk.playlist.map((p, i) => {
        const n = i + 1;
        const sub = (key, label, attrs = {}) => {
          const input = h('input', { type: attrs.type || 'text', value: p[key], autocomplete: 'off', ...attrs });
          input.addEventListener('input', () => { p[key] = input.value; });
          fields[`playlist[${i}].${key}`] = field(label, input);
          return fields[`playlist[${i}].${key}`].field;
        };
        return h('div', { class: 'playlist-entry', role: 'group', 'aria-label': t('entry', { n }) },
          sub('linkTemplate', t('entryLink', { n }), { inputmode: 'url', spellcheck: 'false', id: `bulk-pl-${i}-link` }),
          h('div', { class: 'row' }, sub('dwellSeconds', t('entryDwell', { n }), { type: 'number', min: 1, id: `bulk-pl-${i}-dwell` }),
            sub('headline', t('entryHeadline', { n }), { id: `bulk-pl-${i}-headline` })),
          h('button', { type: 'button', class: 'danger', onclick: () => { bulk.playlist.splice(i, 1); renderBulk(); } }, t('removeEntry', { n })));
      }) : [];
      const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
      const apply = h('button', { type: 'submit', class: 'primary', id: 'bulk-apply' }, t('apply'));
      const form = h('form', { novalidate: true },
        h('p', { class: 'hint' }, t('bulkIntro')),
        fields.deviceIds.field,
        text('linkTemplate', t('linkTemplate'), { inputmode: 'url', spellcheck: 'false', id: 'bulk-link' }, t('linkHint')),
        text('rotationSeconds', t('rotation'), { type: 'number', min: 1, max: 86400, inputmode: 'numeric', id: 'bulk-rotation' }, t('rotationHint')),
        field(t('replacePlaylist'), replace).field,
        bulk.replacePlaylist ? h('fieldset', {}, h('legend', {}, t('playlist')), h('p', { class: 'hint' }, t('playlistIntro')), ...entries,
          bulk.playlist.length < MAX_PLAYLIST
            ? h('button', { type: 'button', onclick: () => { bulk.playlist.push({ linkTemplate: '', dwellSeconds: '10', headline: '' }); renderBulk(); } }, t('addEntry'))
            : null) : null,
        formError,
        h('div', { class: 'actions' }, apply));
      form.addEventListener('submit', (e) => { e.preventDefault(); applyBulk(fields, apply, formError); });
      bulkPanel.replaceChildren(h('h2', { id: 'bulk-heading' }, t('bulkHeading')), form);
      renderBulkTarget();
    }

    function renderBulkTarget() {
      if (!bulkTargetNode) return;
      // The button says how many tables it changes, so "all" is never a surprise.
      const button = bulkPanel.querySelector('#bulk-apply');
      const n = bulk.target === 'selected' ? selected.size : tents.size;
      if (button && !button.disabled) button.textContent = t('applyN', { n });
      bulkTargetNode.replaceChildren(
        h('option', { value: 'all', selected: bulk.target === 'all' }, t('applyAll', { n: tents.size })),
        h('option', { value: 'selected', selected: bulk.target === 'selected' }, t('applySelected', { n: selected.size })));
    }

    async function applyBulk(fields, button, formError) {
      clearFieldErrors(fields);
      formError.hidden = true;
      const body = {};
      if (bulk.target === 'selected') {
        if (!selected.size) { formError.textContent = t('noneSelected'); formError.hidden = false; return; }
        body.deviceIds = [...selected];
      }
      if (bulk.linkTemplate.trim()) body.linkTemplate = bulk.linkTemplate.trim();
      if (String(bulk.rotationSeconds).trim()) body.rotationSeconds = toNumber(bulk.rotationSeconds);
      if (bulk.replacePlaylist) body.playlist = bulk.playlist.map(p => ({ linkTemplate: p.linkTemplate.trim(), dwellSeconds: toNumber(p.dwellSeconds), headline: p.headline }));
      if (!('linkTemplate' in body) && !('rotationSeconds' in body) && !('playlist' in body)) {
        formError.textContent = t('nothingToApply');
        formError.hidden = false;
        return;
      }
      const label = button.textContent;
      button.disabled = true;
      button.textContent = t('applying');
      try {
        const result = await ctx.api('POST', '/console/api/tents/settings', body);
        ctx.toast(t('applied', { changed: result.changed, unchanged: result.unchanged }), 'ok');
        await Promise.all(result.devices.map(r => reloadOne(r.deviceId)));
      } catch (e) {
        const rest = showFieldErrors(fields, e);
        if (rest.length || !e.errors) {
          formError.textContent = ctx.friendlyError(e) + (rest.length ? ' ' + rest.join(' ') : '');
          formError.hidden = false;
        }
        ctx.toast(ctx.friendlyError(e), 'error');
      } finally {
        button.disabled = false;
        button.textContent = label;
        renderBulkTarget();
      }
    }

    // ---- Live ----

    ctx.onEvent('device', (e) => {
      if (e.kind !== 'tent') return;
      const entry = tents.get(e.id);
      if (!entry) { load(); return; }
      const renamed = entry.device.name !== e.name;
      Object.assign(entry.device, { name: e.name, status: e.status, content: e.content });
      renderRow(e.id);
      if (renamed && editor && editor.id === e.id && !editorPanel.contains(document.activeElement)) renderEditor();
    });
    ctx.onEvent('content', (e) => {
      const entry = tents.get(e.deviceId);
      if (!entry || (entry.content && entry.content.version === e.desiredVersion)) return;
      reloadOne(e.deviceId);
      if (editor && editor.id === e.deviceId && editor.version !== e.desiredVersion) {
        editor.elsewhere = true;
        if (!editorPanel.contains(document.activeElement)) renderEditor();
      }
    });
    timers.push(setInterval(() => {
      for (const img of root.querySelectorAll('img.preview, img.preview-large')) {
        img.src = img.src.replace(/-\d+$/, '-' + Math.floor(Date.now() / 60000));
      }
    }, 30000));

    renderBulk();
    load();
    return () => timers.forEach(clearInterval);
  },
};

function toNumber(text) {
  const s = String(text).trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : s; // a non-number goes to the server, which says what is wrong with it
}
