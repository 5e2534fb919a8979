// Fleet: every device with its live status, a preview of what it shows, filters, and new devices to name.
import { h, field, showFieldErrors, clearFieldErrors, ago, dateTime } from '../ui.js';

// A shelf label sleeps between wakes and says goodbye each time: that is not a fault unless it misses a wake
// (not heard from for two wake intervals, plus a minute of slack).
let labelWakeSeconds = 3600;
const isAsleep = (d) => d.kind === 'label' && d.status && !d.status.online && d.status.offlineReason === 'disconnected'
  && d.status.lastSeen && Date.now() - new Date(d.status.lastSeen).getTime() < (2 * labelWakeSeconds + 60) * 1000;

// Same curve as the simulator and the label firmware (which truncate): 2.4 V empty, 3.2 V full.
const batteryPercent = (mv) => Math.max(0, Math.min(100, Math.trunc((mv - 2400) * 100 / 800)));
const LOW_BATTERY_PERCENT = 20;

export default {
  id: 'fleet',
  title: { en: 'Fleet', 'zh-CN': '设备' },
  strings: {
    en: {
      heading: 'Fleet', loading: 'Loading devices…', loadFailed: 'The devices could not be loaded. {error}', retry: 'Try again',
      waitingHeading: 'Waiting to be named ({count})', waitingIntro: 'New devices show their id until you give them a name (a table tent: the table name it shows).',
      nameFor: 'Name for {id}', save: 'Save', saving: 'Saving…', saved: '{id} is now called "{name}".',
      search: 'Search by name or id', kind: 'Kind', kindAll: 'All devices', kindTent: 'Table tents', kindLabel: 'Shelf labels',
      offlineOnly: 'Offline only', asleep: 'Asleep (wakes every {every})', hours: '{n} h', minutes: '{n} min', secondsShort: '{n} s', asleepHint: 'Shelf labels sleep between wakes to save battery; changes reach them at their next wake.', lowBattery: 'Low battery', rejected: 'Refused content',
      showing: 'Showing {shown} of {total} devices', matching: '{n} match the filters', showMore: 'Show {n} more', none: 'No device matches these filters.', noDevices: 'No devices are provisioned yet.', neverSeen: 'Not connected yet',
      colPreview: 'Preview', colDevice: 'Device', colStatus: 'Status', colSeen: 'Last seen', colBattery: 'Battery', colSignal: 'Signal',
      colFirmware: 'Firmware', colContent: 'Content', colError: 'Last error', colActions: 'Actions',
      online: 'Online', offline: 'Offline', offlineWhy: 'Offline ({reason})', tent: 'Table tent', label: 'Shelf label',
      mains: 'Mains or unknown', low: 'low', signalGood: 'good', signalFair: 'fair', signalWeak: 'weak', unknown: 'unknown',
      noContent: 'No content yet', inSync: 'Showing version {v}', pending: 'Version {want} on its way (shows {have})',
      refused: 'Refused version {v}: {why}', noError: '—', rename: 'Rename', renameLabel: 'New name for {name}', cancel: 'Cancel',
      previewAlt: 'What {name} shows', noPreview: 'No picture yet', dropped: '{n} scans lost (the device queue was full)',
      reasonLastWill: 'connection lost', reasonDisconnected: 'switched off', reasonRestart: 'gateway restarted', reasonLost: 'connection lost',
    },
    'zh-CN': {
      heading: '设备', loading: '正在加载设备…', loadFailed: '无法加载设备。{error}', retry: '重试',
      waitingHeading: '待命名（{count}）', waitingIntro: '新设备在命名前显示其编号（桌牌：显示的桌名）。',
      nameFor: '{id} 的名称', save: '保存', saving: '正在保存…', saved: '{id} 已命名为“{name}”。',
      search: '按名称或编号搜索', kind: '类型', kindAll: '全部设备', kindTent: '桌牌', kindLabel: '价签',
      offlineOnly: '仅离线', asleep: '休眠中（每 {every} 唤醒）', hours: '{n} 小时', minutes: '{n} 分钟', secondsShort: '{n} 秒', asleepHint: '价签在两次唤醒之间休眠以节省电量；更改会在下次唤醒时送达。', lowBattery: '电量低', rejected: '内容被拒绝',
      showing: '显示 {shown} / {total} 台设备', matching: '{n} 台符合筛选条件', showMore: '再显示 {n} 台', none: '没有符合筛选条件的设备。', noDevices: '尚未添加任何设备。', neverSeen: '尚未连接',
      colPreview: '预览', colDevice: '设备', colStatus: '状态', colSeen: '最后在线', colBattery: '电量', colSignal: '信号',
      colFirmware: '固件', colContent: '内容', colError: '最近错误', colActions: '操作',
      online: '在线', offline: '离线', offlineWhy: '离线（{reason}）', tent: '桌牌', label: '价签',
      mains: '外接电源或未知', low: '低', signalGood: '良好', signalFair: '一般', signalWeak: '弱', unknown: '未知',
      noContent: '尚无内容', inSync: '正在显示版本 {v}', pending: '版本 {want} 发送中（当前显示 {have}）',
      refused: '拒绝了版本 {v}：{why}', noError: '—', rename: '重命名', renameLabel: '{name} 的新名称', cancel: '取消',
      previewAlt: '{name} 的显示内容', noPreview: '暂无画面', dropped: '丢失 {n} 次扫码（设备队列已满）',
      reasonLastWill: '连接中断', reasonDisconnected: '已关机', reasonRestart: '网关已重启', reasonLost: '连接中断',
    },
  },

  mount(root, ctx) {
    const { t } = ctx;
    const devices = new Map(); // id → device (GET /api/devices shape)
    const filters = { text: '', kind: '', offline: false, lowBattery: false, rejected: false };
    const renaming = new Map(); // id → typed name (kept across live re-renders and failed saves)
    let waiting = [];
    const PAGE_SIZE = 200;
    let limit = PAGE_SIZE;
    const timers = [];

    const list = h('div', { class: 'table-wrap' });
    const count = h('p', { class: 'count', role: 'status' });
    const waitingPanel = h('section', { class: 'panel', hidden: true, 'aria-labelledby': 'waiting-heading' });
    root.append(h('h1', {}, t('heading')), waitingPanel, filterBar(), count, list);

    function filterBar() {
      const text = h('input', { type: 'search', autocomplete: 'off' });
      text.addEventListener('input', () => { filters.text = text.value.trim().toLowerCase(); limit = PAGE_SIZE; renderList(); });
      const kind = h('select', {},
        h('option', { value: '' }, t('kindAll')), h('option', { value: 'tent' }, t('kindTent')), h('option', { value: 'label' }, t('kindLabel')));
      kind.addEventListener('change', () => { filters.kind = kind.value; renderList(); });
      const box = (key, label) => {
        const input = h('input', { type: 'checkbox' });
        input.addEventListener('change', () => { filters[key] = input.checked; renderList(); });
        return field(label, input).field;
      };
      return h('div', { class: 'panel filters', role: 'search' },
        field(t('search'), text).field, field(t('kind'), kind).field,
        box('offline', t('offlineOnly')), box('lowBattery', t('lowBattery')), box('rejected', t('rejected')));
    }

    async function load() {
      list.replaceChildren(h('p', { class: 'muted' }, t('loading')));
      try {
        const [all, wait, settings] = await Promise.all([ctx.api('GET', '/api/devices'), ctx.api('GET', '/console/api/devices/waiting'),
          ctx.api('GET', '/console/api/fleet/settings')]);
        labelWakeSeconds = settings.labelWakeSeconds || labelWakeSeconds;
        devices.clear();
        for (const d of all) devices.set(d.id, d);
        waiting = wait;
        renderWaiting();
        renderList();
      } catch (e) {
        list.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, t('loadFailed', { error: ctx.friendlyError(e) }), ' ',
          h('button', { type: 'button', onclick: load }, t('retry'))));
      }
    }

    // ---- Waiting to be named ----

    function renderWaiting() {
      waitingPanel.hidden = waiting.length === 0;
      if (!waiting.length) { waitingPanel.replaceChildren(); return; }
      waitingPanel.replaceChildren(
        h('h2', { id: 'waiting-heading' }, t('waitingHeading', { count: waiting.length })),
        h('p', { class: 'hint' }, t('waitingIntro')),
        h('ul', { class: 'plain-list', role: 'list' }, ...waiting.map(waitingItem)));
    }

    function waitingItem(w) {
      const input = h('input', { type: 'text', maxlength: 64, value: renaming.get('w:' + w.id) || '', autocomplete: 'off' });
      input.addEventListener('input', () => renaming.set('w:' + w.id, input.value));
      const f = field(t('nameFor', { id: w.id }), input);
      const button = h('button', { type: 'submit', class: 'primary' }, t('save'));
      const form = h('form', { class: 'row', 'data-testid': 'waiting-' + w.id },
        h('div', { class: 'field' }, h('span', { class: 'badge ' + (w.online ? 'ok' : 'warn') }, w.online ? t('online') : w.lastSeen ? t('offline') : t('neverSeen')),
          h('span', { class: 'small muted' }, (w.kind === 'tent' ? t('tent') : t('label')) + ' · ' + w.id)),
        f.field, h('div', { class: 'field' }, button));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const ok = await saveName(w.id, input.value, { name: f }, button);
        if (ok) {
          renaming.delete('w:' + w.id);
          waiting = waiting.filter(x => x.id !== w.id);
          renderWaiting();
        }
      });
      return h('li', {}, form);
    }

    async function saveName(id, name, fields, button) {
      clearFieldErrors(fields);
      const label = button.textContent;
      button.disabled = true;
      button.textContent = t('saving');
      try {
        const updated = await ctx.api('PATCH', '/api/devices/' + encodeURIComponent(id), { name });
        const d = devices.get(id);
        if (d) { d.name = updated.name; renderRow(id); }
        ctx.toast(t('saved', { id, name: updated.name }), 'ok');
        return true;
      } catch (e) {
        const rest = showFieldErrors(fields, e);
        ctx.toast(rest.length ? rest.join(' ') : ctx.friendlyError(e), 'error');
        return false;
      } finally {
        button.disabled = false;
        button.textContent = label;
      }
    }

    // ---- The device list ----

    function matches(d) {
      const s = d.status || {};
      if (filters.kind && d.kind !== filters.kind) return false;
      if (filters.offline && (s.online || isAsleep(d))) return false;
      if (filters.lowBattery && !(s.batteryMillivolts > 0 && batteryPercent(s.batteryMillivolts) < LOW_BATTERY_PERCENT)) return false;
      if (filters.rejected && !(d.content && d.content.rejected)) return false;
      if (filters.text && !(d.name.toLowerCase().includes(filters.text) || d.id.toLowerCase().includes(filters.text)
        || (d.sku || '').toLowerCase().includes(filters.text))) return false;
      return true;
    }

    function renderList() {
      const all = [...devices.values()];
      // Tents first (fewer, and a dead one costs orders), then by name as people number them ("Table 2" before "Table 10").
      const shown = all.filter(matches).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'tent' ? -1 : 1)
        || a.name.localeCompare(b.name, ctx.lang, { numeric: true }));
      count.textContent = t('showing', { shown: shown.length, total: all.length });
      if (!all.length) { list.replaceChildren(h('p', { class: 'notice' }, t('noDevices'))); return; }
      if (!shown.length) { list.replaceChildren(h('p', { class: 'notice' }, t('none'))); return; }
      const head = ['colPreview', 'colDevice', 'colStatus', 'colSeen', 'colBattery', 'colSignal', 'colFirmware', 'colContent', 'colError', 'colActions'];
      // A big shop has hundreds of labels: draw a page of rows at a time.
      const visible = shown.slice(0, limit);
      list.replaceChildren(h('table', { class: 'data fleet' },
        h('thead', {}, h('tr', {}, ...head.map(k => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, ...visible.map(row))),
        shown.length > limit
          ? h('button', { type: 'button', onclick: () => { limit += PAGE_SIZE; renderList(); } }, t('showMore', { n: Math.min(PAGE_SIZE, shown.length - limit) }))
          : null);
      count.textContent = t('showing', { shown: visible.length, total: all.length }) + (shown.length > visible.length ? ' · ' + t('matching', { n: shown.length }) : '');
    }

    function renderRow(id) {
      const old = list.querySelector(`tr[data-testid="device-${CSS.escape(id)}"]`);
      const d = devices.get(id);
      if (!d) { if (old) old.remove(); return; }
      if (!matches(d)) { if (old) renderList(); return; }
      if (old) old.replaceWith(row(d)); else if (list.querySelectorAll('tbody tr').length < limit) renderList();
    }

    function row(d) {
      const s = d.status || {};
      const c = d.content || {};
      const cell = (key, cls, ...children) => h('td', { 'data-label': t(key), class: cls }, ...children);
      return h('tr', { 'data-testid': 'device-' + d.id, 'data-online': String(!!s.online) },
        cell('colPreview', 'cell-preview', preview(d)),
        cell('colDevice', 'full', h('strong', {}, d.name), h('div', { class: 'small muted' }, (d.kind === 'tent' ? t('tent') : t('label')) + ' · ' + d.id + (d.sku ? ' · ' + d.sku : ''))),
        cell('colStatus', '', statusBadge(d)),
        cell('colSeen', '', h('span', { title: dateTime(s.lastSeen, ctx.lang), 'data-ago': s.lastSeen || '' }, ago(s.lastSeen, ctx.lang))),
        cell('colBattery', '', battery(s.batteryMillivolts)),
        cell('colSignal', '', signal(s.rssi)),
        cell('colFirmware', '', s.firmware || t('unknown')),
        cell('colContent', 'full', content(c)),
        cell('colError', 'full', lastError(d)),
        cell('colActions', 'full', renameCell(d)));
    }

    function statusBadge(d) {
      const s = d.status || {};
      if (s.online) return h('span', { class: 'badge ok' }, t('online'));
      if (isAsleep(d)) return h('span', { class: 'badge ok', title: t('asleepHint') }, t('asleep', { every: wakeText() }));
      if (!s.lastSeen) return h('span', { class: 'badge warn' }, t('neverSeen'));
      return h('span', { class: 'badge bad' }, s.offlineReason ? t('offlineWhy', { reason: reason(s.offlineReason) }) : t('offline'));
    }

    function wakeText() {
      return labelWakeSeconds % 3600 === 0 ? t('hours', { n: labelWakeSeconds / 3600 })
        : labelWakeSeconds % 60 === 0 ? t('minutes', { n: labelWakeSeconds / 60 }) : t('secondsShort', { n: labelWakeSeconds });
    }

    function preview(d) {
      const version = d.content && d.content.desiredVersion;
      if (!version) return h('span', { class: 'small muted' }, t('noPreview'));
      // Tents show a new code every period: a minute bucket in the URL refreshes them.
      const bucket = d.kind === 'tent' ? '-' + Math.floor(Date.now() / 60000) : '';
      return h('img', { class: 'preview', loading: 'lazy', src: ctx.previewUrl(d.id, version + bucket), alt: t('previewAlt', { name: d.name }) });
    }

    function battery(mv) {
      if (!mv) return h('span', { class: 'muted' }, t('mains'));
      const p = batteryPercent(mv);
      const low = p < LOW_BATTERY_PERCENT;
      return h('span', { class: low ? 'badge bad' : '' }, `${p}% · ${(mv / 1000).toFixed(2)} V` + (low ? ' · ' + t('low') : ''));
    }

    function signal(rssi) {
      if (!rssi) return h('span', { class: 'muted' }, t('unknown'));
      const word = rssi >= -67 ? 'signalGood' : rssi >= -80 ? 'signalFair' : 'signalWeak';
      return h('span', { class: word === 'signalWeak' ? 'badge warn' : '' }, `${t(word)} (${rssi} dBm)`);
    }

    function content(c) {
      if (c.rejected) return h('span', { class: 'badge bad' }, t('refused', { v: c.rejected.version, why: c.rejected.result + (c.rejected.detail ? ' – ' + c.rejected.detail : '') }));
      if (!c.desiredVersion) return h('span', { class: 'muted' }, t('noContent'));
      if (c.inSync) return h('span', { class: 'badge ok' }, t('inSync', { v: c.appliedVersion }));
      return h('span', { class: 'badge warn' }, t('pending', { want: c.desiredVersion, have: c.appliedVersion }));
    }

    function lastError(d) {
      const s = d.status || {};
      if (d.content && d.content.rejected) return h('span', {}, d.content.rejected.result + (d.content.rejected.detail ? ': ' + d.content.rejected.detail : ''));
      if (s.lastAck && s.lastAck.result !== 'Applied') return h('span', {}, s.lastAck.result + (s.lastAck.detail ? ': ' + s.lastAck.detail : ''));
      if (s.droppedScans) return h('span', {}, t('dropped', { n: s.droppedScans }));
      return h('span', { class: 'muted' }, t('noError'));
    }

    function reason(r) {
      return ({ 'last will': t('reasonLastWill'), disconnected: t('reasonDisconnected'), 'gateway restarted': t('reasonRestart'), 'connection lost': t('reasonLost') })[r] || r;
    }

    function renameCell(d) {
      if (!renaming.has(d.id)) {
        return h('button', { type: 'button', onclick: () => { renaming.set(d.id, d.name); renderRow(d.id); } }, t('rename'));
      }
      const input = h('input', { type: 'text', maxlength: 64, value: renaming.get(d.id), autocomplete: 'off' });
      input.addEventListener('input', () => renaming.set(d.id, input.value));
      const f = field(t('renameLabel', { name: d.name }), input);
      const button = h('button', { type: 'submit', class: 'primary' }, t('save'));
      const form = h('form', {}, f.field, h('div', { class: 'actions' }, button,
        h('button', { type: 'button', onclick: () => { renaming.delete(d.id); renderRow(d.id); } }, t('cancel'))));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (await saveName(d.id, input.value, { name: f }, button)) { renaming.delete(d.id); renderRow(d.id); }
      });
      setTimeout(() => input.focus(), 0);
      return form;
    }

    // ---- Live ----

    ctx.onEvent('device', (e) => {
      const d = devices.get(e.id);
      if (!d) { load(); return; } // a new device: load the list and the waiting list again
      const focused = document.activeElement && list.contains(document.activeElement) && renaming.has(e.id);
      Object.assign(d, { name: e.name, kind: e.kind, sku: e.sku, status: e.status, content: e.content });
      if (!focused) renderRow(e.id); // never replace a form someone is typing in
      const w = waiting.find(x => x.id === e.id);
      if (w && e.name !== e.id) { waiting = waiting.filter(x => x.id !== e.id); renderWaiting(); }
      else if (w && (w.online !== e.status.online || w.lastSeen !== e.status.lastSeen)) {
        w.online = e.status.online;
        w.lastSeen = e.status.lastSeen;
        if (!waitingPanel.contains(document.activeElement)) renderWaiting();
      }
    });
    // "x s ago" keeps counting; tent previews pick up the next code.
    timers.push(setInterval(() => {
      for (const node of list.querySelectorAll('[data-ago]')) node.textContent = ago(node.dataset.ago || null, ctx.lang);
    }, 5000));
    timers.push(setInterval(() => {
      // Tents: the next code. Sleeping labels: "asleep" turns "offline" once a wake is missed, without any event.
      for (const d of devices.values()) if ((d.kind === 'tent' || !d.status?.online) && !renaming.has(d.id)) renderRow(d.id);
    }, 60000));

    load();
    return () => timers.forEach(clearInterval);
  },
};
