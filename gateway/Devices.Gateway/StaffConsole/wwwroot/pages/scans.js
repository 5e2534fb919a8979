// Scans: the live feed (masked by default), scans per minute over the last hour, webhook delivery, dead letters.
import { h, field, ago, dateTime } from '../ui.js';

const FEED_SIZE = 50;
const CHART_MINUTES = 60;
const CHART_REFRESH_MS = 30000;

export default {
  id: 'scans',
  title: { en: 'Scans', 'zh-CN': '扫码' },
  strings: {
    en: {
      heading: 'Scans', loadFailed: 'This could not be loaded. {error}', retry: 'Try again',
      chartHeading: 'Scans per minute (last hour)', chartTotal: '{n} scans in the last hour, {m} in the last minute.',
      chartAlt: 'Bar chart of scans per minute from {from} to {to}; the busiest minute had {max}.', minutesAgo: '{n} min ago', now: 'now',
      feedHeading: 'Live scans', feedEmpty: 'No scans yet. They appear here as soon as a table tent is scanned.',
      showData: 'Show scanned data', showDataHint: 'Scanned codes can be personal data: show them only when you need to.',
      notKept: 'This gateway does not keep scanned data in full (setting: {privacy}), so it can only be shown masked.',
      colTime: 'Time', colDevice: 'Device', colData: 'Scanned data', colDelivery: 'Webhook', colAttempts: 'Attempts', colError: 'Last error',
      colNext: 'Next try', colActions: 'Actions', chars: '{n} characters',
      pending: 'Waiting', retrying: 'Retrying', delivered: 'Delivered', dead: 'Gave up', deliveredHour: 'Delivered (last hour)',
      deliveryHeading: 'Webhook delivery', filter: 'Show', filterAll: 'All', relayNotConfigured: 'No backend is configured: scans are kept until one is.',
      relayDisabled: 'The backend said the address is gone (HTTP 410) on {when}; delivery is stopped until it is re-enabled.',
      relayOk: 'Sending to {endpoint}.', deliveriesEmpty: 'Nothing to show.',
      deadHeading: 'Dead letters', deadIntro: 'Scans the backend did not take before the retry time ran out. Re-send them once the backend works again.',
      deadEmpty: 'No dead letters.', resend: 'Re-send', resendAll: 'Re-send all', resending: 'Sending…',
      resent: 'Scan {id} is queued again.', resentAll: '{n} scans are queued again.', dataFailed: 'The scanned data could not be shown. {error}',
      inSeconds: 'in {n} s', inMinutes: 'in {n} min',
      errUnreachable: 'The backend could not be reached', errTimeout: 'The backend did not answer in time',
      errServer: 'The backend had a problem (HTTP {code})', errRefused: 'The backend refused it (HTTP {code})',
      errBusy: 'The backend was busy (HTTP {code})', errGone: 'The backend says this address is gone (HTTP 410)',
    },
    'zh-CN': {
      heading: '扫码', loadFailed: '无法加载。{error}', retry: '重试',
      chartHeading: '每分钟扫码次数（最近一小时）', chartTotal: '最近一小时 {n} 次扫码，最近一分钟 {m} 次。',
      chartAlt: '从 {from} 到 {to} 每分钟扫码次数的柱状图；最多的一分钟有 {max} 次。', minutesAgo: '{n} 分钟前', now: '现在',
      feedHeading: '实时扫码', feedEmpty: '还没有扫码。桌牌一被扫描就会显示在这里。',
      showData: '显示扫码内容', showDataHint: '扫码内容可能是个人数据：仅在需要时显示。',
      notKept: '此网关不完整保存扫码内容（设置：{privacy}），因此只能显示遮盖后的内容。',
      colTime: '时间', colDevice: '设备', colData: '扫码内容', colDelivery: 'Webhook', colAttempts: '尝试次数', colError: '最近错误',
      colNext: '下次尝试', colActions: '操作', chars: '{n} 个字符',
      pending: '等待中', retrying: '重试中', delivered: '已送达', dead: '已放弃', deliveredHour: '已送达（最近一小时）',
      deliveryHeading: 'Webhook 投递', filter: '显示', filterAll: '全部', relayNotConfigured: '未配置后端：扫码会保存到配置后端为止。',
      relayDisabled: '后端于 {when} 返回地址已失效（HTTP 410）；在重新启用前停止投递。',
      relayOk: '正在发送到 {endpoint}。', deliveriesEmpty: '没有可显示的内容。',
      deadHeading: '死信', deadIntro: '在重试期限内后端未接收的扫码。后端恢复后可重新发送。',
      deadEmpty: '没有死信。', resend: '重新发送', resendAll: '全部重新发送', resending: '正在发送…',
      resent: '扫码 {id} 已重新排队。', resentAll: '{n} 次扫码已重新排队。', dataFailed: '无法显示扫码内容。{error}',
      inSeconds: '{n} 秒后', inMinutes: '{n} 分钟后',
      errUnreachable: '无法连接后端', errTimeout: '后端未及时响应',
      errServer: '后端出错（HTTP {code}）', errRefused: '后端拒绝了（HTTP {code}）',
      errBusy: '后端繁忙（HTTP {code}）', errGone: '后端表示该地址已失效（HTTP 410）',
    },
  },

  mount(root, ctx) {
    ensureStyles();
    const { t } = ctx;
    const offs = [];
    const timers = [];
    let disposed = false;

    const chart = chartPanel();
    const feed = feedPanel();
    const deliveries = deliveryPanel();
    const dead = deadPanel();
    root.append(h('h1', {}, t('heading')), chart.node, feed.node, deliveries.node, dead.node);

    // ---- chart ----
    function chartPanel() {
      const body = h('div', { class: 'chart' });
      const total = h('p', { class: 'muted', role: 'status' });
      const node = h('section', { class: 'panel', 'aria-labelledby': 'chart-heading' }, h('h2', { id: 'chart-heading' }, t('chartHeading')), total, body);
      let counts = null;
      let to = 0;
      async function load() {
        try {
          const r = await ctx.api('GET', '/api/scans/per-minute?minutes=' + CHART_MINUTES);
          if (disposed) return;
          counts = r.counts.slice();
          to = new Date(r.to).getTime();
          draw();
        } catch (e) {
          if (!disposed) body.replaceChildren(h('p', { class: 'notice error' }, t('loadFailed', { error: ctx.friendlyError(e) })));
        }
      }
      function onScan(scan) {
        if (!counts) return;
        const at = new Date(scan.receivedAt).getTime();
        if (at >= to) { load(); return; } // a new minute started: take the server's counts
        const i = counts.length - 1 - Math.floor((to - 1 - at) / 60000);
        if (i >= 0 && i < counts.length) { counts[i]++; draw(); }
      }
      function draw() {
        // One SVG unit per CSS pixel, so the axis text stays readable from a phone to a desktop.
        const W = Math.max(300, Math.min(900, body.clientWidth || 600)), H = 160, padL = 30, padB = 22, padT = 8;
        const max = Math.max(1, ...counts);
        const scale = niceMax(max);
        const bw = (W - padL) / counts.length;
        const y = (v) => padT + (H - padT - padB) * (1 - v / scale);
        const bars = counts.map((c, i) => c === 0 ? null : h2svg('rect', {
          x: (padL + i * bw + 1).toFixed(1), y: y(c).toFixed(1), width: Math.max(1, bw - 2).toFixed(1), height: (H - padB - y(c)).toFixed(1), class: 'bar',
        }, h2svg('title', {}, `${new Date(to - (counts.length - i) * 60000).toLocaleTimeString(ctx.lang, { hour: '2-digit', minute: '2-digit' })}: ${c}`)));
        const grid = [0, scale / 2, scale].map(v => [
          h2svg('line', { x1: padL, x2: W, y1: y(v), y2: y(v), class: 'grid' }),
          h2svg('text', { x: padL - 4, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(v))]);
        const labels = [[0, t('minutesAgo', { n: 60 })], [30, t('minutesAgo', { n: 30 })], [counts.length - 1, t('now')]].map(([i, text]) =>
          h2svg('text', { x: padL + (i + 0.5) * bw, y: H - 6, class: 'axis', 'text-anchor': i === 0 ? 'start' : i === counts.length - 1 ? 'end' : 'middle' }, text));
        const fmt = (ms) => new Date(ms).toLocaleTimeString(ctx.lang, { hour: '2-digit', minute: '2-digit' });
        const svg = h2svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('chartAlt', { from: fmt(to - counts.length * 60000), to: fmt(to), max }), class: 'scan-chart', 'data-testid': 'chart-per-minute' },
          ...grid.flat(), ...bars.filter(Boolean), ...labels);
        body.replaceChildren(svg);
        total.textContent = t('chartTotal', { n: counts.reduce((a, b) => a + b, 0), m: counts[counts.length - 1] });
      }
      const onResize = () => { if (counts) draw(); };
      window.addEventListener('resize', onResize);
      return { node, load, onScan, dispose: () => window.removeEventListener('resize', onResize) };
    }

    // ---- live feed ----
    function feedPanel() {
      const rows = new Map(); // id → scan
      const shown = new Map(); // id → raw data (when "show" is on)
      let showData = false;
      let privacy = null;
      const toggleHost = h('div', { class: 'data-toggle' });
      const list = h('div', { class: 'table-wrap' });
      const node = h('section', { class: 'panel', 'aria-labelledby': 'feed-heading' }, h('h2', { id: 'feed-heading' }, t('feedHeading')), toggleHost, list);

      async function load() {
        try {
          const [scans, p] = await Promise.all([ctx.api('GET', '/api/scans?limit=' + FEED_SIZE), ctx.api('GET', '/api/scans/privacy')]);
          if (disposed) return;
          privacy = p;
          rows.clear();
          for (const s of scans) rows.set(s.id, s);
          renderToggle();
          render();
        } catch (e) {
          if (!disposed) list.replaceChildren(h('p', { class: 'notice error' }, t('loadFailed', { error: ctx.friendlyError(e) }), ' ',
            h('button', { type: 'button', onclick: load }, t('retry'))));
        }
      }

      function renderToggle() {
        if (!privacy.canShowData) {
          toggleHost.replaceChildren(h('p', { class: 'hint' }, t('notKept', { privacy: privacy.dataPrivacy })));
          return;
        }
        const box = h('input', { type: 'checkbox', checked: showData });
        box.addEventListener('change', async () => {
          showData = box.checked;
          if (showData) await reveal([...rows.keys()]);
          render();
        });
        toggleHost.replaceChildren(field(t('showData'), box, t('showDataHint')).field);
      }

      async function reveal(ids) {
        const missing = ids.filter(id => !shown.has(id));
        try {
          const results = await Promise.all(missing.map(id => ctx.api('GET', `/api/scans/${id}/data`)));
          for (const r of results) shown.set(r.id, r.data);
        } catch (e) {
          ctx.toast(t('dataFailed', { error: ctx.friendlyError(e) }), 'error');
        }
      }

      function render() {
        if (rows.size === 0) { list.replaceChildren(h('p', { class: 'muted' }, t('feedEmpty'))); return; }
        const sorted = [...rows.values()].sort((a, b) => b.id - a.id).slice(0, FEED_SIZE);
        list.replaceChildren(h('table', { class: 'data scans' },
          h('thead', {}, h('tr', {}, ...['colTime', 'colDevice', 'colData', 'colDelivery'].map(k => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, sorted.map(row))));
      }

      function row(s) {
        const raw = showData ? shown.get(s.id) : undefined;
        return h('tr', { 'data-testid': 'scan-' + s.id },
          h('td', { 'data-label': t('colTime') }, h('time', { datetime: s.receivedAt, title: dateTime(s.receivedAt, ctx.lang) }, ago(s.receivedAt, ctx.lang))),
          h('td', { 'data-label': t('colDevice') }, s.deviceId, h('span', { class: 'muted small' }, ' #' + s.seq)),
          h('td', { 'data-label': t('colData') }, raw !== undefined ? h('span', { class: 'mono' }, raw)
            : [h('span', { class: 'mono' }, s.dataMasked), ' ', h('span', { class: 'muted small' }, t('chars', { n: s.dataLength }))]),
          h('td', { 'data-label': t('colDelivery') }, stateBadge(deliveryState(s), s.attempts)));
      }

      async function onScan(s) {
        rows.set(s.id, s);
        for (const id of [...rows.keys()].sort((a, b) => b - a).slice(FEED_SIZE)) { rows.delete(id); shown.delete(id); }
        if (showData) await reveal([s.id]);
        render();
      }

      function onDelivery(d) {
        const s = rows.get(d.eventId);
        if (!s) return;
        s.state = d.state === 'dead' ? 'dead-letter' : d.state === 'delivered' ? 'delivered' : 'pending';
        s.attempts = d.attempts;
        s.lastError = d.lastError;
        const old = list.querySelector(`tr[data-testid="scan-${d.eventId}"]`);
        if (old) old.replaceWith(row(s));
      }
      return { node, load, onScan, onDelivery, render: () => { if (rows.size > 0) render(); } };
    }

    // ---- delivery status ----
    function deliveryPanel() {
      let filter = '';
      const counts = h('div', { class: 'delivery-counts', role: 'status' });
      const relay = h('p', { class: 'hint' });
      const select = h('select', {}, ...['', 'pending', 'retrying', 'delivered', 'dead'].map(v => h('option', { value: v }, v ? t(v) : t('filterAll'))));
      select.addEventListener('change', () => { filter = select.value; load(); });
      const list = h('div', { class: 'table-wrap' });
      const node = h('section', { class: 'panel', 'aria-labelledby': 'delivery-heading' },
        h('h2', { id: 'delivery-heading' }, t('deliveryHeading')), relay, counts, h('div', { class: 'field inline' }, field(t('filter'), select).field), list);
      let timer = 0;

      async function load() {
        try {
          const r = await ctx.api('GET', '/api/scans/deliveries?limit=15' + (filter ? '&state=' + filter : ''));
          if (disposed) return;
          counts.replaceChildren(...['pending', 'retrying', 'delivered', 'dead'].map(k =>
            h('span', { class: 'badge ' + badgeClass(k), 'data-testid': 'delivery-count-' + k }, `${t(k === 'delivered' ? 'deliveredHour' : k)}: ${r.counts[k]}`)));
          const rs = r.relay;
          relay.textContent = !rs.configured ? t('relayNotConfigured')
            : rs.disabledAt ? t('relayDisabled', { when: dateTime(rs.disabledAt, ctx.lang) }) : t('relayOk', { endpoint: rs.endpoint || '' });
          relay.className = rs.configured && !rs.disabledAt ? 'hint' : 'notice';
          if (r.items.length === 0) { list.replaceChildren(h('p', { class: 'muted' }, t('deliveriesEmpty'))); return; }
          list.replaceChildren(h('table', { class: 'data deliveries' },
            h('thead', {}, h('tr', {}, ...['colTime', 'colDevice', 'colDelivery', 'colAttempts', 'colError'].map(k => h('th', { scope: 'col' }, t(k))))),
            h('tbody', {}, r.items.map(d => h('tr', { 'data-testid': 'delivery-' + d.id },
              h('td', { 'data-label': t('colTime') }, ago(d.receivedAt, ctx.lang)),
              h('td', { 'data-label': t('colDevice') }, d.deviceId, h('span', { class: 'muted small' }, ' #' + d.seq)),
              h('td', { 'data-label': t('colDelivery') }, stateBadge(d.state),
                d.nextAttemptAt ? h('div', { class: 'muted small' }, t('colNext') + ': ' + until(d.nextAttemptAt)) : null),
              h('td', { 'data-label': t('colAttempts') }, String(d.attempts)),
              h('td', { class: 'full', 'data-label': t('colError') }, errorText(d.lastError)))))));
        } catch (e) {
          if (!disposed) list.replaceChildren(h('p', { class: 'notice error' }, t('loadFailed', { error: ctx.friendlyError(e) })));
        }
      }
      // Many deliveries can change at once: reload at most once a second.
      function soon() { if (!timer) timer = setTimeout(() => { timer = 0; load(); }, 1000); }
      return { node, load, soon, dispose: () => clearTimeout(timer) };
    }

    // ---- dead letters ----
    function deadPanel() {
      const list = h('div', { class: 'table-wrap' });
      const allButton = h('button', { type: 'button', class: 'secondary', hidden: true }, t('resendAll'));
      allButton.addEventListener('click', async () => {
        allButton.disabled = true;
        try {
          const r = await ctx.api('POST', '/api/scans/dead-letters/resend');
          ctx.toast(t('resentAll', { n: r.resent }), 'ok');
          load();
          deliveries.soon();
        } catch (e) { ctx.toast(ctx.friendlyError(e), 'error'); } finally { allButton.disabled = false; }
      });
      const node = h('section', { class: 'panel', 'aria-labelledby': 'dead-heading' },
        h('h2', { id: 'dead-heading' }, t('deadHeading')), h('p', { class: 'hint' }, t('deadIntro')), list, h('div', { class: 'actions' }, allButton));
      let timer = 0;

      async function load() {
        try {
          const items = await ctx.api('GET', '/api/scans/dead-letters?limit=100');
          if (disposed) return;
          allButton.hidden = items.length < 2;
          if (items.length === 0) { list.replaceChildren(h('p', { class: 'muted' }, t('deadEmpty'))); return; }
          list.replaceChildren(h('table', { class: 'data dead' },
            h('thead', {}, h('tr', {}, ...['colTime', 'colDevice', 'colData', 'colError', 'colActions'].map(k => h('th', { scope: 'col' }, t(k))))),
            h('tbody', {}, items.map(d => {
              const button = h('button', { type: 'button' }, t('resend'));
              button.addEventListener('click', () => resend(d.id, button));
              return h('tr', { 'data-testid': 'dead-' + d.id },
                h('td', { 'data-label': t('colTime') }, ago(d.receivedAt, ctx.lang)),
                h('td', { 'data-label': t('colDevice') }, d.deviceId, h('span', { class: 'muted small' }, ' #' + d.seq)),
                h('td', { 'data-label': t('colData') }, h('span', { class: 'mono' }, d.dataMasked)),
                h('td', { class: 'full', 'data-label': t('colError') }, errorText(d.lastError), h('div', { class: 'muted small' }, t('colAttempts') + ': ' + d.attempts)),
                h('td', { class: 'full', 'data-label': t('colActions') }, button));
            }))));
        } catch (e) {
          if (!disposed) list.replaceChildren(h('p', { class: 'notice error' }, t('loadFailed', { error: ctx.friendlyError(e) })));
        }
      }

      async function resend(id, button) {
        button.disabled = true;
        button.textContent = t('resending');
        try {
          await ctx.api('POST', `/api/scans/dead-letters/${id}/resend`);
          ctx.toast(t('resent', { id }), 'ok');
          load();
          deliveries.soon();
        } catch (e) {
          ctx.toast(ctx.friendlyError(e), 'error');
          button.disabled = false;
          button.textContent = t('resend');
        }
      }
      function soon() { if (!timer) timer = setTimeout(() => { timer = 0; load(); }, 1000); }
      return { node, load, soon, dispose: () => clearTimeout(timer) };
    }

    function deliveryState(s) {
      if (s.state === 'delivered') return 'delivered';
      if (s.state === 'dead-letter' || s.state === 'dead') return 'dead';
      return s.attempts > 0 ? 'retrying' : 'pending';
    }
    /** The relay's error in plain words; the exact text stays in the tooltip for whoever fixes the backend. */
    function errorText(raw) {
      if (!raw) return '—';
      let text = raw;
      const http = /^HTTP (\d{3})/.exec(raw);
      if (http) {
        const code = Number(http[1]);
        text = code === 410 ? t('errGone') : code === 429 || code === 503 ? t('errBusy', { code }) : code >= 500 ? t('errServer', { code }) : t('errRefused', { code });
      } else if (raw.startsWith('no answer within')) text = t('errTimeout');
      else if (raw.startsWith('request failed')) text = t('errUnreachable');
      return h('span', { title: raw }, text);
    }
    function until(iso) {
      const s = Math.max(0, Math.round((new Date(iso).getTime() - Date.now()) / 1000));
      return s < 120 ? t('inSeconds', { n: s }) : s < 7200 ? t('inMinutes', { n: Math.round(s / 60) }) : dateTime(iso, ctx.lang);
    }
    function badgeClass(state) { return { pending: 'info', retrying: 'warn', delivered: 'ok', dead: 'bad' }[state] || ''; }
    function stateBadge(state) { return h('span', { class: 'badge ' + badgeClass(state) }, t(state)); }

    offs.push(ctx.onEvent('scan', (s) => { feed.onScan(s); chart.onScan(s); deliveries.soon(); }));
    offs.push(ctx.onEvent('delivery', (d) => { feed.onDelivery(d); deliveries.soon(); if (d.state === 'dead' || d.state === 'pending') dead.soon(); }));
    chart.load();
    feed.load();
    deliveries.load();
    dead.load();
    timers.push(setInterval(chart.load, CHART_REFRESH_MS));
    timers.push(setInterval(feed.render, 15000)); // keeps "12 s ago" true

    return () => {
      disposed = true;
      timers.forEach(clearInterval);
      chart.dispose();
      deliveries.dispose();
      dead.dispose();
      offs.forEach(off => off());
    };
  },
};

function ensureStyles() {
  if (document.querySelector('link[data-page-style=scans]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: 'pages/scans.css', 'data-page-style': 'scans' }));
}

function h2svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children.flat()) if (c != null) node.append(c);
  return node;
}

/** A round top for the y axis: 1, 2, 5, 10, 20, 50, … */
function niceMax(max) {
  const p = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}
