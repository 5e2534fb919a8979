// The console shell: session, navigation, language, live events, toasts, and the ctx every page gets
// (contract in CONSOLE.md). Pages are ES modules in pages/<id>.js, loaded when first opened.
import { getLang, setLang, LANGS, mountSignIn } from './signin.js';
import { h } from './ui.js';

const PAGES = ['fleet', 'tables', 'labels', 'scans'];
const EVENT_NAMES = ['device', 'scan', 'delivery', 'content'];

const SHELL = {
  en: {
    brand: 'Staff console', menu: 'Menu', skip: 'Skip to content', signOut: 'Sign out', language: 'Language', signedInAs: 'Signed in as {name}',
    live: 'Live', reconnecting: 'Reconnecting…', connecting: 'Connecting…', loading: 'Loading…',
    pageMissing: 'This page is not available on this gateway yet.', pageFailed: 'This page could not be shown: {detail}',
    signedInAgain: 'Signed in again. You can retry now.', close: 'Close',
    errNetwork: 'The gateway cannot be reached. Check the connection and try again.',
    err401: 'Your sign-in has ended. Sign in again, then retry.',
    err403: 'This was refused. Reload the page and try again.',
    err404: 'This no longer exists. Reload the page.',
    errConflict: 'Someone else changed this, reload.',
    errValidation: 'Please check the highlighted fields.',
    err413: 'This is too large for the gateway.',
    err503: 'The gateway cannot do this right now: {detail}',
    err500: 'Something went wrong on the gateway. Try again; if it keeps happening, tell your administrator.',
    errOther: 'That did not work: {detail}',
  },
  'zh-CN': {
    brand: '员工控制台', menu: '菜单', skip: '跳到正文', signOut: '退出登录', language: '语言', signedInAs: '已登录：{name}',
    live: '实时', reconnecting: '正在重新连接…', connecting: '正在连接…', loading: '正在加载…',
    pageMissing: '此网关尚未提供该页面。', pageFailed: '无法显示此页面：{detail}',
    signedInAgain: '已重新登录，现在可以重试。', close: '关闭',
    errNetwork: '无法连接网关。请检查网络后重试。',
    err401: '登录已过期。请重新登录后重试。',
    err403: '操作被拒绝。请刷新页面后重试。',
    err404: '该项目已不存在。请刷新页面。',
    errConflict: '其他人已修改此内容，请刷新。',
    errValidation: '请检查标出的字段。',
    err413: '内容太大，网关无法处理。',
    err503: '网关暂时无法执行此操作：{detail}',
    err500: '网关出错。请重试；如果问题持续，请联系管理员。',
    errOther: '操作失败：{detail}',
  },
};

/** A failed API call: the server's problem details (status, title, detail, errors). */
export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = problem.errors || null;
    this.problem = problem;
  }
}

const state = {
  lang: getLang(),
  session: null,
  pages: new Map(),       // id → module (or null when missing)
  current: null,          // { id, unmount }
  handlers: new Map(),    // event name → Set of handlers
  source: null,
  live: 'connecting',
  signInOpen: null,       // a promise while the sign-in dialog is open
  onHello: null,          // resolves the first wait for the live stream
};

function fill(s, vars) {
  return String(s).replace(/\{(\w+)\}/g, (_, k) => (vars && k in vars ? vars[k] : `{${k}}`));
}

function st(key, vars) {
  return fill((SHELL[state.lang] && SHELL[state.lang][key]) || SHELL.en[key] || key, vars);
}

// ---- API ----

async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json', 'X-Console': '1', ...(options.headers || {}) };
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined && body !== null) {
    if (body instanceof FormData || body instanceof Blob) init.body = body;
    else { headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { title: 'Network', detail: st('errNetwork') });
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    let problem = {};
    if (type.includes('json')) { try { problem = await response.json(); } catch { /* empty body */ } }
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && state.session) signInAgain();
    throw error;
  }
  if (response.status === 204 || response.status === 205) return null;
  if (type.includes('json')) return response.json();
  if (type.startsWith('text/')) return response.text();
  return response.blob();
}

function friendlyError(error) {
  if (!(error instanceof ApiError)) return st('errOther', { detail: (error && error.message) || String(error) });
  switch (error.status) {
    case 0: return st('errNetwork');
    case 401: return st('err401');
    case 403: return st('err403');
    case 404: return error.detail ? st('err404') + ' (' + error.detail + ')' : st('err404');
    case 409: case 412: return st('errConflict');
    case 413: return st('err413');
    case 400: case 422: return error.errors ? st('errValidation') : st('errOther', { detail: error.detail || error.title });
    case 503: return st('err503', { detail: error.detail || error.title });
    default: return error.status >= 500 ? st('err500') : st('errOther', { detail: error.detail || error.title || error.status });
  }
}

// ---- Sign-in dialog (a session ended while the page was open: keep the page and what is typed in it) ----

function signInAgain() {
  if (state.signInOpen) return state.signInOpen;
  state.signInOpen = new Promise(resolve => {
    const body = h('div', { class: 'dialog-body' });
    const dialog = h('dialog', { class: 'signin-dialog', 'aria-label': st('brand') }, body);
    document.body.append(dialog);
    mountSignIn(body, {
      message: true,
      showLanguage: false,
      onSignedIn: (session) => {
        state.session = session;
        dialog.close();
        dialog.remove();
        state.signInOpen = null;
        renderUser();
        toast(st('signedInAgain'), 'ok');
        connectEvents();
        resolve(session);
      },
    });
    dialog.addEventListener('cancel', e => e.preventDefault()); // no way around signing in
    dialog.showModal();
  });
  return state.signInOpen;
}

// ---- Toasts ----

function toast(message, kind = 'info') {
  const region = document.getElementById(kind === 'error' ? 'toasts-alert' : 'toasts');
  const item = h('div', { class: 'toast ' + kind },
    h('span', {}, message),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': st('close'), onclick: () => item.remove() }, '×'));
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 10000 : 5000);
}

// ---- Live events (EventSource reconnects by itself; after a 401 it stops, so we check the session) ----

function connectEvents() {
  if (state.source) state.source.close();
  const source = new EventSource('/console/events');
  state.source = source;
  setLive('connecting');
  source.onopen = () => setLive('live');
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      setLive('reconnecting');
      setTimeout(async () => {
        if (state.source !== source) return;
        try { await api('GET', '/console/api/session'); connectEvents(); } catch { /* api() opened the sign-in */ }
      }, 3000);
    } else setLive('reconnecting');
  };
  for (const name of ['hello', ...EVENT_NAMES]) {
    source.addEventListener(name, (e) => {
      if (name === 'hello') { setLive('live'); if (state.onHello) { state.onHello(); state.onHello = null; } return; }
      let data;
      try { data = JSON.parse(e.data); } catch { return; }
      for (const handler of state.handlers.get(name) || []) {
        try { handler(data); } catch (err) { console.error('console: a page failed to handle a ' + name + ' event', err); }
      }
    });
  }
}

function setLive(value) {
  state.live = value;
  const node = document.getElementById('live');
  if (!node) return;
  node.className = 'live ' + value;
  node.textContent = st(value === 'live' ? 'live' : value === 'connecting' ? 'connecting' : 'reconnecting');
}

function onEvent(name, handler) {
  if (!state.handlers.has(name)) state.handlers.set(name, new Set());
  state.handlers.get(name).add(handler);
  return () => state.handlers.get(name).delete(handler);
}

// ---- Pages ----

async function loadPage(id) {
  if (state.pages.has(id)) return state.pages.get(id);
  let page = null;
  try {
    page = (await import(`./pages/${id}.js`)).default;
  } catch (e) {
    console.warn('console: page ' + id + ' is not available', e);
  }
  state.pages.set(id, page);
  return page;
}

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const id = PAGES.includes(parts[0]) ? parts[0] : PAGES[0];
  return { id, params: parts.slice(1) };
}

async function showPage(force = false) {
  const { id, params } = route();
  if (!force && state.current && state.current.id === id) return; // the page follows its own sub-route (hashchange)
  if (state.current && state.current.unmount) {
    try { state.current.unmount(); } catch (e) { console.error(e); }
  }
  state.current = { id, unmount: null };
  const root = document.getElementById('page');
  root.replaceChildren(h('p', { class: 'muted' }, st('loading')));
  renderNav();
  closeMenu();
  const page = await loadPage(id);
  if (state.current.id !== id) return;
  root.replaceChildren();
  root.dataset.page = id;
  if (!page) { root.append(h('p', { class: 'notice' }, st('pageMissing'))); return; }
  document.title = pageTitle(page) + ' · ' + st('brand');
  const unsubscribes = [];
  const ctx = {
    api,
    t: (key, vars) => fill((page.strings && ((page.strings[state.lang] && page.strings[state.lang][key]) || (page.strings.en && page.strings.en[key]))) || key, vars),
    get lang() { return state.lang; },
    onEvent: (name, handler) => { const off = onEvent(name, handler); unsubscribes.push(off); return off; },
    toast,
    previewUrl: (deviceId, version) => `/api/devices/${encodeURIComponent(deviceId)}/preview.png` + (version != null ? `?v=${encodeURIComponent(version)}` : ''),
    friendlyError,
    params,
    ApiError,
  };
  try {
    const unmount = page.mount(root, ctx);
    state.current.unmount = () => { unsubscribes.forEach(off => off()); if (typeof unmount === 'function') unmount(); };
  } catch (e) {
    console.error(e);
    state.current.unmount = () => unsubscribes.forEach(off => off());
    root.replaceChildren(h('p', { class: 'notice error' }, st('pageFailed', { detail: e.message })));
  }
}

function pageTitle(page) {
  return (page.title && (page.title[state.lang] || page.title.en)) || page.id;
}

// ---- Layout ----

function renderShell() {
  document.documentElement.lang = state.lang;
  const app = document.getElementById('app');
  app.replaceChildren(
    h('a', { class: 'skip', href: '#', onclick: (e) => { e.preventDefault(); document.getElementById('page').focus(); } }, st('skip')),
    h('header', { class: 'topbar' },
      h('div', { class: 'brand' }, h('img', { src: 'favicon.svg', alt: '', width: 24, height: 24 }), h('span', {}, st('brand'))),
      h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'nav', onclick: toggleMenu }, st('menu')),
      h('nav', { id: 'nav', 'aria-label': st('menu') }, h('ul', { id: 'nav-list' })),
      h('div', { class: 'tools' },
        h('span', { id: 'live', class: 'live ' + state.live, role: 'status' }),
        h('label', { for: 'lang', class: 'sr-only' }, st('language')),
        h('select', { id: 'lang', onchange: (e) => changeLang(e.target.value) },
          ...LANGS.map(l => h('option', { value: l.id, selected: l.id === state.lang }, l.name))),
        h('span', { id: 'user', class: 'user muted' }),
        h('button', { type: 'button', class: 'secondary', onclick: signOut }, st('signOut')))),
    h('main', { id: 'page', tabindex: '-1' }),
    h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' }),
    h('div', { id: 'toasts-alert', class: 'toasts alerts', role: 'alert', 'aria-live': 'assertive' }));
  setLive(state.live);
  renderUser();
}

async function renderNav() {
  const list = document.getElementById('nav-list');
  if (!list) return;
  const { id: active } = route();
  const items = [];
  for (const id of PAGES) {
    const page = await loadPage(id);
    if (!page) continue;
    items.push(h('li', {}, h('a', { href: '#/' + id, 'aria-current': id === active ? 'page' : false }, pageTitle(page))));
  }
  list.replaceChildren(...items);
}

function renderUser() {
  const node = document.getElementById('user');
  if (node && state.session) node.textContent = st('signedInAs', { name: state.session.name });
}

function toggleMenu() {
  const button = document.querySelector('.menu-toggle');
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('menu-open', open);
}

function closeMenu() {
  const button = document.querySelector('.menu-toggle');
  if (button) button.setAttribute('aria-expanded', 'false');
  document.body.classList.remove('menu-open');
}

function changeLang(lang) {
  state.lang = lang;
  setLang(lang);
  renderShell();
  showPage(true);
}

async function signOut() {
  try { await api('POST', '/console/signout'); } catch { /* already signed out */ }
  if (state.source) state.source.close();
  location.replace('/console/signin.html');
}

async function start() {
  setLang(state.lang);
  try {
    state.session = await api('GET', '/console/api/session');
  } catch (e) {
    if (e.status === 401) { location.replace('/console/signin.html?return=' + encodeURIComponent('/console/') + location.hash); return; }
  }
  renderShell();
  // The page loads its data after the stream's "hello": from then on the gateway sends every change, so nothing
  // falls between the page's first look and the live updates. (At most 3 s: a page without live updates still works.)
  const ready = new Promise(resolve => { state.onHello = resolve; setTimeout(resolve, 3000); });
  connectEvents();
  await ready;
  window.addEventListener('hashchange', () => showPage());
  showPage(true);
}

start();
